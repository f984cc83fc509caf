"""The editor's corrections: withdraw and restore a revision, strike a clause out of a
revision and take it back, rename a clause. Thin views over clauses/services/corrections.py.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from clauses import selectors
from clauses.forms.corrections import (
    CorrectionForm,
    DeletionForm,
    RenameForm,
    RestoreForm,
    UndeleteForm,
    WithdrawForm,
)
from clauses.selectors.corrections import deletion_get
from clauses.services import corrections
from clauses.views.editing.edit_flow import editor_required, found_or_404
from core.forms import add_service_errors
from core.tracking import EditConflict

WITHDRAWN = (
    "Revision {number} withdrawn: it is off the main line, and the plan's current revision "
    "is now {current}. Restore it from this page if this was a mistake."
)
RESTORED = "Revision {number} restored: it is back in the plan's record."
DELETED = "“{title}” marked deleted in revision {number}."
UNDELETED = "“{title}” is no longer marked deleted in revision {number}."
RENAMED = "Renamed “{title}”: its address is now {url}; the old one redirects here."


def _corrected(request, form: CorrectionForm, apply: Callable[[dict], object], *, what: str):
    """Apply a valid correction form with ``apply`` (a service call on the cleaned data);
    what it returns, or None when refused: a stale version or a refusal is shown on the
    form, which keeps what the editor typed, and nothing is written."""
    if not form.is_valid():
        return None
    try:
        return apply(form.cleaned_data)
    except EditConflict as conflict:
        form.show_stale(conflict.current, what=what, saved=selectors.last_change(conflict.current))
    except ValidationError as error:
        add_service_errors(form, error)
    return None


def _revision(plan, number):
    return found_or_404(selectors.revision_get, plan_slug=plan, number=number)


@editor_required("clauses.change_revision")
def revision_withdraw(request, plan, number):
    revision = _revision(plan, number)
    form = WithdrawForm(request.POST or None, record=revision)
    saved = _corrected(
        request,
        form,
        lambda data: corrections.revision_withdraw(
            revision=revision,
            expected_version=data["version"],
            reason=data["reason"],
            user=request.user,
            summary=data["edit_summary"],
        ),
        what=f"Revision {revision.number}",
    )
    if saved is not None:
        current = selectors.current_revision(plan=revision.plan)
        messages.success(
            request,
            WITHDRAWN.format(
                number=revision.number,
                current=f"r{current.number}" if current else "none (no revision left)",
            ),
        )
        return redirect(revision)
    return _page(request, "clauses/edit/revision_withdraw.html", form, revision=revision)


@editor_required("clauses.change_revision")
def revision_restore(request, plan, number):
    revision = _revision(plan, number)
    form = RestoreForm(request.POST or None, record=revision)
    saved = _corrected(
        request,
        form,
        lambda data: corrections.revision_restore(
            revision=revision,
            expected_version=data["version"],
            user=request.user,
            summary=data["edit_summary"],
        ),
        what=f"Revision {revision.number}",
    )
    if saved is not None:
        messages.success(request, RESTORED.format(number=revision.number))
        return redirect(revision)
    return _page(request, "clauses/edit/revision_restore.html", form, revision=revision)


@editor_required("clauses.change_revision")
def clause_delete(request, plan, number):
    revision = _revision(plan, number)
    form = DeletionForm(request.POST or None, record=revision)
    saved = _corrected(
        request,
        form,
        lambda data: corrections.clause_deletion_add(
            revision=revision,
            clause=data["clause"],
            note=data["note"],
            expected_version=data["version"],
            user=request.user,
            summary=data["edit_summary"],
        ),
        what=f"Revision {revision.number}",
    )
    if saved is not None:
        messages.success(request, DELETED.format(title=saved.clause.title, number=revision.number))
        return redirect(revision)
    return _page(request, "clauses/edit/clause_delete.html", form, revision=revision)


@editor_required("clauses.change_revision")
def clause_undelete(request, plan, number, clause):
    deletion = found_or_404(deletion_get, plan_slug=plan, number=number, clause_slug=clause)
    revision = deletion.revision
    form = UndeleteForm(request.POST or None, record=deletion)
    done = _corrected(
        request,
        form,
        lambda data: corrections.clause_deletion_remove(
            deletion=deletion,
            expected_version=data["version"],
            user=request.user,
            summary=data["edit_summary"],
        )
        or True,
        what=f"The deletion of “{deletion.clause.title}”",
    )
    if done:
        messages.success(
            request, UNDELETED.format(title=deletion.clause.title, number=revision.number)
        )
        return redirect(revision)
    return _page(
        request, "clauses/edit/clause_undelete.html", form, revision=revision, deletion=deletion
    )


@editor_required("clauses.change_clause")
def clause_rename(request, plan, clause):
    clause = found_or_404(selectors.clause_get, plan_slug=plan, clause_slug=clause)
    form = RenameForm(request.POST or None, record=clause, initial={"title": clause.title})
    saved = _corrected(
        request,
        form,
        lambda data: corrections.clause_rename(
            clause=clause,
            expected_version=data["version"],
            title=data["title"],
            user=request.user,
            summary=data["edit_summary"],
        ),
        what=f"The clause “{clause.title}”",
    )
    if saved is not None:
        url = saved.get_absolute_url()
        messages.success(request, RENAMED.format(title=saved.title, url=url))
        return redirect(url)
    return _page(request, "clauses/edit/clause_rename.html", form, clause=clause)


def _page(request, template: str, form, **context):
    record = context.get("revision") or context["clause"]
    return render(request, template, {"plan": record.plan, "form": form, **context})
