"""The lineage corrections: re-link a point to the clause it belongs to, split a clause of
the revision continued into several points, merge several into one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from clauses import selectors
from clauses.forms.lineage import MergeForm, RelinkForm, SplitForm
from clauses.services import lineage as corrections
from clauses.views.editing.edit_flow import editor_required, found_or_404
from core.forms import add_service_errors
from core.tracking import EditConflict

RELINKED = "Point {number} is now recorded against “{clause}”, with its positions."
SPLIT = "“{clause}” recorded as split into {count} points in revision {revision}."
MERGED = "{count} clauses recorded as merged into point {number} in revision {revision}."
CHANGED_MEANWHILE = (
    "Someone else changed {what} while you were correcting it, so nothing was saved. "
    "Check the page as it is now (your choices are still in the form), then save again."
)


def _refused(form, save) -> bool:
    """Run ``save``; on a refusal, put it on the form and return True."""
    try:
        save()
    except EditConflict as conflict:
        form.take_version(conflict.current.version)
        form.add_error(None, CHANGED_MEANWHILE.format(what=_what(conflict.current)))
        return True
    except ValidationError as error:
        add_service_errors(form, error)
        return True
    return False


def _what(record) -> str:
    return "this point" if hasattr(record, "clause_id") else "this revision"


@editor_required("clauses.change_clauseversion", "clauses.add_clause")
def clause_version_relink(request, plan, clause, number):
    clause_version = found_or_404(
        selectors.clause_version_lookup, plan_slug=plan, clause_slug=clause, number=number
    )
    form = RelinkForm(request.POST or None, clause_version=clause_version)
    saved = []
    if form.is_valid():
        data = form.cleaned_data
        if not _refused(
            form,
            lambda: saved.append(
                corrections.clause_version_relink(
                    clause_version=clause_version,
                    expected_version=data["version"],
                    clause=data["clause"],
                    new_title=data["new_title"],
                    user=request.user,
                    summary=data["edit_summary"],
                )
            ),
        ):
            moved = saved[0]
            messages.success(
                request, RELINKED.format(number=moved.number, clause=moved.clause.title)
            )
            return redirect(moved)
    return render(
        request,
        "clauses/edit/clause_relink.html",
        {
            "plan": clause_version.revision.plan,
            "revision": clause_version.revision,
            "clause_version": clause_version,
            "form": form,
        },
    )


def _revision(plan, number):
    return found_or_404(selectors.revision_get, plan_slug=plan, number=number)


@editor_required("clauses.change_revision", "clauses.add_clause", "clauses.add_clauseversion")
def clause_split_view(request, plan, number):
    revision = _revision(plan, number)
    form = SplitForm(request.POST or None, revision=revision)
    saved = []
    if form.is_valid():
        data = form.cleaned_data
        if not _refused(
            form,
            lambda: saved.append(
                corrections.clause_split(
                    revision=revision,
                    expected_version=data["version"],
                    predecessor=data["predecessor"].clause,
                    successors=list(data["successors"]),
                    new_successors=data["new_successors"],
                    copy_positions_of=[party.pk for party in data["copy_positions_of"]],
                    user=request.user,
                    summary=data["edit_summary"],
                )
            ),
        ):
            clause = data["predecessor"].clause
            messages.success(
                request,
                SPLIT.format(clause=clause.title, count=len(saved[0]), revision=revision.number),
            )
            return redirect(revision)
    return render(
        request,
        "clauses/edit/clause_split.html",
        {"plan": revision.plan, "revision": revision, "form": form},
    )


@editor_required("clauses.change_revision", "clauses.add_clause", "clauses.add_clauseversion")
def clause_merge_view(request, plan, number):
    revision = _revision(plan, number)
    form = MergeForm(request.POST or None, revision=revision)
    saved = []
    if form.is_valid():
        data = form.cleaned_data
        predecessors = [version.clause for version in data["predecessors"]]
        if not _refused(
            form,
            lambda: saved.append(
                corrections.clause_merge(
                    revision=revision,
                    expected_version=data["version"],
                    predecessors=predecessors,
                    successor=data["successor"],
                    new_successor=form.new_successor(),
                    user=request.user,
                    summary=data["edit_summary"],
                )
            ),
        ):
            messages.success(
                request,
                MERGED.format(
                    count=len(predecessors), number=saved[0].number, revision=revision.number
                ),
            )
            return redirect(revision)
    return render(
        request,
        "clauses/edit/clause_merge.html",
        {"plan": revision.plan, "revision": revision, "form": form},
    )
