"""What the editor's correction views share (corrections.py and lineage.py): the revision a
URL names, applying a correction form through its service, and the form's page."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.shortcuts import render

from clauses import selectors
from clauses.forms.corrections import CorrectionForm
from clauses.models import Revision
from clauses.views.editing.edit_flow import found_or_404
from core.forms import add_service_errors
from core.tracking import EditConflict

T = TypeVar("T")


def revision_or_404(plan: str, number: int) -> Revision:
    return found_or_404(selectors.revision_get, plan_slug=plan, number=number)


def as_read_by(request, data: dict) -> dict:
    """What every correction service takes from a valid form: the version the editor read,
    the editor, and the edit summary."""
    return {
        "expected_version": data["version"],
        "user": request.user,
        "summary": data["edit_summary"],
    }


def correction_applied(form: CorrectionForm, apply: Callable[[dict], T], *, what: str) -> T | None:
    """Apply a valid correction form with ``apply`` (a service call on the cleaned data);
    what it returns, or None when refused: a stale version (``what`` names the record) or
    a refusal is shown on the form, which keeps what the editor typed, and nothing is
    written."""
    if not form.is_valid():
        return None
    try:
        return apply(form.cleaned_data)
    except EditConflict as conflict:
        form.show_stale(conflict.current, what=what, saved=selectors.last_change(conflict.current))
    except ValidationError as error:
        add_service_errors(form, error)
    return None


def correction_page(request, template: str, form: CorrectionForm, **context):
    """The form's page, for the revision or the clause it corrects (and what else the
    template names)."""
    record = context.get("revision") or context["clause"]
    return render(request, template, {"plan": record.plan, "form": form, **context})
