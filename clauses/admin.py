"""The admin shows the tracked records and their history, read-only.

Every write to a tracked record goes through a service, with the version check and the
edit summary: the admin's own forms would bypass both. So nothing is added, changed,
deleted or reverted here; each change page links to the editor's form for that record, and
each refusal says why and links there too (core.admin.ExplainedRefusals).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from clauses.models import Clause, ClauseVersion, HistoryTakedown, Plan, Position, Revision
from core.admin import ExplainedRefusals, ReadOnlyHistoryVersions

NO_EDITOR_FORM = "No editor's form for this record."
TAKEDOWN_WRITTEN_BY_COMMAND = (
    "The audit of takedowns is written only by manage.py history_takedown, one row per "
    "takedown, and kept as written: it is append-only, like every history."
)


class ReadOnlyInline:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyHistoryAdmin(ReadOnlyHistoryVersions):
    """A tracked model's records and their history, never written through the admin."""

    readonly_fields = ["editor_form"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Edit")
    def editor_form(self, obj):
        url = self.editor_url(obj) if obj is not None and obj.pk else None
        if url is None:
            return NO_EDITOR_FORM
        return format_html('<a href="{}">Edit in the editor\'s form</a>', url)


class RevisionInline(ReadOnlyInline, admin.TabularInline):
    model = Revision
    fk_name = "plan"
    fields = ["number", "label", "published_on", "status", "provenance"]
    extra = 0
    show_change_link = True


class ClauseVersionInline(ReadOnlyInline, admin.TabularInline):
    model = ClauseVersion
    fields = ["position_in_draft", "number", "clause", "status", "text"]
    autocomplete_fields = ["clause"]
    extra = 0
    show_change_link = True


class PositionInline(ReadOnlyInline, admin.TabularInline):
    model = Position
    fields = [
        "party",
        "stance",
        "summary",
        "source_title",
        "source_url",
        "stated_on",
        "carried_over",
    ]
    extra = 0


@admin.register(Plan)
class PlanAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "description"]
    inlines = [RevisionInline]

    def editor_url(self, obj):
        return reverse("editing:plan_edit", kwargs={"plan": obj.slug})

    def editor_add_url(self):
        return reverse("editing:plan_create")


@admin.register(Revision)
class RevisionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["plan", "number", "label", "published_on", "status", "provenance", "previous"]
    list_filter = ["plan", "status", "provenance", "proposed_by"]
    search_fields = ["label", "notes", "source_title"]
    list_select_related = ["plan", "previous"]
    raw_id_fields = ["previous"]
    inlines = [ClauseVersionInline]

    def editor_url(self, obj):
        return reverse(
            "editing:revision_edit", kwargs={"plan": obj.plan.slug, "number": obj.number}
        )


@admin.register(Clause)
class ClauseAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "plan", "topic", "slug"]
    list_filter = ["plan", "topic"]
    search_fields = ["title", "slug", "description"]
    list_select_related = ["plan"]

    def editor_url(self, obj):
        return reverse("editing:clause_edit", kwargs={"plan": obj.plan.slug, "clause": obj.slug})


@admin.register(ClauseVersion)
class ClauseVersionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["clause", "revision", "number", "position_in_draft", "status"]
    list_filter = ["revision__plan", "status", "clause__topic"]
    search_fields = ["text", "clause__title"]
    list_select_related = ["clause", "revision__plan"]
    autocomplete_fields = ["clause"]
    raw_id_fields = ["revision"]
    inlines = [PositionInline]

    def editor_url(self, obj):
        return reverse("editing:clause_version_edit", kwargs=_clause_version_kwargs(obj))


@admin.register(Position)
class PositionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["clause_version", "party", "stance", "carried_over", "stated_on"]
    list_filter = ["party", "stance", "carried_over", "clause_version__revision__plan"]
    search_fields = ["summary", "quote", "source_title"]
    list_select_related = ["party", "clause_version__clause", "clause_version__revision__plan"]
    raw_id_fields = ["clause_version"]

    def editor_url(self, obj):
        kwargs = {**_clause_version_kwargs(obj.clause_version), "party": obj.party.slug}
        return reverse("editing:position_edit", kwargs=kwargs)


def _clause_version_kwargs(version: ClauseVersion) -> dict:
    return {
        "plan": version.revision.plan.slug,
        "clause": version.clause.slug,
        "number": version.revision.number,
    }


@admin.register(HistoryTakedown)
class HistoryTakedownAdmin(ExplainedRefusals):
    """The audit of takedowns, for staff to read; written only by the takedown command."""

    add_refused = change_refused = delete_refused = TAKEDOWN_WRITTEN_BY_COMMAND

    list_display = ["taken_at", "model", "object_id", "description", "operator", "reason"]
    list_filter = ["model"]
    search_fields = ["description", "reason", "operator"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
