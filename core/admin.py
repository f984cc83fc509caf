"""The admin of what core owns: the user admin that refuses to delete an author; and what
the admins of tracked records share: history pages that read past versions, never revert,
and refusals that say why and where the change can be made instead."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist
from django.template.response import TemplateResponse
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from core import user_admin  # noqa: F401  (replaces the user admin)

REFUSED_TEMPLATE = "admin/refused.html"

# Why each kind of admin action is refused on a tracked record. {name} is the model's name
# in words, {names} in the plural.
ADD_REFUSED = (
    "New {names} are not recorded in the admin: the editor's forms record them, each with "
    "an edit summary kept in the history beside the editor's name."
)
CHANGE_REFUSED = (
    "The admin shows each {name} read-only: edits go through the editor's form, which checks "
    "that nobody saved the {name} meanwhile and asks for an edit summary, kept in the "
    "history. Nothing was saved."
)
DELETE_REFUSED = (
    "A {name} is never deleted: history is append-only, and what was recorded stays "
    "citable. Correct it through the editor's form instead, which records who changed what, "
    "and why."
)
REVERT_REFUSED = (
    "History is append-only, and nothing is reverted from it: a revert would write the "
    "{name} without the version check and the edit summary every change carries. Make the "
    "change in the editor's form, saying why, and the history keeps both versions."
)
# The title of each refusal's page.
ADD_TITLE = "Not recorded here"
CHANGE_TITLE = "Read-only here"
DELETE_TITLE = "Never deleted"
REVERT_TITLE = "Never reverted"
EDITOR_FORM = "Open the editor's form for this {name}"
EDITOR_PAGES = "Open the site, where editors record {names}"


class ExplainedRefusals(admin.ModelAdmin):
    """A model admin whose refusals explain themselves: what it refuses (adding, changing
    or deleting where the model's admin says it may not) is answered with a 403 page that
    says why and links to the editor's form for the record (``editor_url``), not with a
    bare "403 Forbidden"."""

    add_refused = ADD_REFUSED
    change_refused = CHANGE_REFUSED
    delete_refused = DELETE_REFUSED

    def editor_url(self, obj) -> str | None:
        """The editor's form for ``obj`` (None: the model's admin has none to offer)."""
        return None

    def editor_add_url(self) -> str | None:
        """The editor's form that records a new record of this model, where one page does."""
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None and not self.has_add_permission(request):
            return self.refusal(request, ADD_TITLE, self.add_refused, link=self.editor_add_url())
        if object_id is not None and request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and not self.has_change_permission(request, obj):
                return self.refusal(request, CHANGE_TITLE, self.change_refused, obj=obj)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_delete_permission(request, obj):
            return self.refusal(request, DELETE_TITLE, self.delete_refused, obj=obj)
        return super().delete_view(request, object_id, extra_context)

    def refusal(self, request, title: str, reason: str, *, obj=None, link: str | None = None):
        """A 403 page in the admin's look: ``title``, why (``reason``), and where to go
        instead: the editor's form for ``obj``, else ``link``, else the site."""
        opts = self.opts
        words = {"name": opts.verbose_name, "names": opts.verbose_name_plural}
        if obj is not None:
            link = self.editor_url(obj)
            label = EDITOR_FORM.format(**words)
        else:
            label = EDITOR_PAGES.format(**words)
            link = link or reverse("home")
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": title,
            "reason": reason.format(**words),
            "editor_link": link,
            "editor_label": label,
            "object": obj,
            "object_url": (
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[obj.pk],
                    current_app=self.admin_site.name,
                )
                if obj is not None
                else None
            ),
            "changelist_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            ),
        }
        return TemplateResponse(request, REFUSED_TEMPLATE, context, status=403)


class ReadOnlyHistoryVersions(ExplainedRefusals, SimpleHistoryAdmin):
    """A record's history list, and a read-only page for each past version.

    Every tracked model shares one list of fields kept out of history (core.tracking), and
    simple-history looks each name up on the model when it rebuilds a past version: each
    model's history keeps to the names the model has, or that page fails. Reverting from it
    would write the record without its service's checks, so it is offered nowhere and
    refused when posted, with a page saying why.
    """

    revert_refused = REVERT_REFUSED

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        historical = getattr(model, model._meta.simple_history_manager_attribute).model
        historical._history_excluded_fields = [
            name for name in historical._history_excluded_fields if _has_field(model, name)
        ]

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            return self.refusal(request, REVERT_TITLE, self.revert_refused, obj=obj)
        return super().history_form_view(request, object_id, version_id, extra_context)


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True
