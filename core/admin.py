"""The admin of what core owns: the user admin that refuses to delete an author; and what
the admins of tracked records share: history pages that read past versions, never revert."""

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from core import user_admin  # noqa: F401  (replaces the user admin)


class ReadOnlyHistoryVersions(SimpleHistoryAdmin):
    """A record's history list, and a read-only page for each past version.

    Every tracked model shares one list of fields kept out of history (core.tracking), and
    simple-history looks each name up on the model when it rebuilds a past version: each
    model's history keeps to the names the model has, or that page fails. Reverting from it
    would write the record without its service's checks, so it is offered nowhere and
    refused when posted.
    """

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
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True
