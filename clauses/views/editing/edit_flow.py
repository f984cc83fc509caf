"""What the editor's views share: who may write, finding what a URL names, and saving an
edit form through a service without losing what the editor typed."""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404

from clauses import selectors
from core.forms import add_service_errors
from core.tracking import EditConflict

NOT_FOUND = "Nothing is recorded at this address: check the plan, revision, clause or party."

T = TypeVar("T")


def editor_required(*permissions: str):
    """Anonymous users are sent to log in; logged-in users without the permission get 403."""

    def decorator(view):
        guarded = login_required(permission_required(permissions, raise_exception=True)(view))
        return wraps(view)(guarded)

    return decorator


def found_or_404(lookup: Callable[..., T], *args, **kwargs) -> T:
    """What the selector ``lookup`` finds, or 404 when the URL names nothing."""
    try:
        return lookup(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404(NOT_FOUND) from None


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
        form.show_conflict(conflict.current, saved=selectors.last_change(conflict.current))
        return False
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, saved_message)
    return True
