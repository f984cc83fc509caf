"""What the editor's views share: who may write, finding what a URL names, and saving an
edit form through a service without losing what the editor typed."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from ...forms import add_service_errors
from ...models import ClauseVersion, Plan, Revision
from ...tracking import EditConflict


def editor_required(*permissions: str):
    """Anonymous users are sent to log in; logged-in users without the permission get 403."""

    def decorator(view):
        guarded = login_required(permission_required(permissions, raise_exception=True)(view))
        return wraps(view)(guarded)

    return decorator


def plan_get(slug: str) -> Plan:
    return get_object_or_404(Plan, slug=slug)


def revision_get(plan: str, number: int) -> Revision:
    return get_object_or_404(
        Revision.objects.select_related("plan", "previous"), plan__slug=plan, number=number
    )


def clause_version_get(plan: str, clause: str, number: int) -> ClauseVersion:
    return get_object_or_404(
        ClauseVersion.objects.select_related("clause", "revision__plan"),
        revision__plan__slug=plan,
        revision__number=number,
        clause__slug=clause,
    )


def edit_arguments(request, form) -> dict:
    """What every versioned edit service takes from a valid edit form and its request."""
    return {
        "expected_version": form.cleaned_data["version"],
        "changes": form.changes(),
        "user": request.user,
        "summary": form.cleaned_data["edit_summary"],
    }


def save_edit_form(request, form, save: Callable[[], object], *, saved_message: str) -> bool:
    """Save a valid edit form with ``save`` (a service call); True once saved.

    A conflict shows the current value beside what the editor typed, and a refusal names
    the field; either way the form keeps the typed text and nothing is written.
    """
    if not form.is_valid():
        return False
    try:
        save()
    except EditConflict as conflict:
        form.show_conflict(conflict.current)
        return False
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, saved_message)
    return True
