"""The lineage corrections: re-link a point to the clause it belongs to, split a clause of
the revision continued into several points, merge several into one."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext

from clauses import selectors
from clauses.forms.lineage import MergeForm, RelinkForm, SplitForm
from clauses.services import lineage as corrections
from clauses.views.editing.correction_flow import (
    as_read_by,
    correction_applied,
    correction_page,
    revision_or_404,
)
from clauses.views.editing.edit_flow import editor_required, found_or_404

RELINKED = "Point {number} is now recorded against “{clause}”, with its positions."
SPLIT = "“{clause}” recorded as split into {count} points in revision {revision}."
MERGED = "{count} clauses recorded as merged into point {number} in revision {revision}."


@editor_required("clauses.change_clauseversion", "clauses.add_clause")
def clause_version_relink(request, plan, clause, number):
    clause_version = found_or_404(
        selectors.clause_version_lookup, plan_slug=plan, clause_slug=clause, number=number
    )
    form = RelinkForm(request.POST or None, record=clause_version)
    moved = correction_applied(
        form,
        lambda data: corrections.clause_version_relink(
            clause_version=clause_version,
            clause=data["clause"],
            new_title=data["new_title"],
            **as_read_by(request, data),
        ),
        what="this point",
    )
    if moved is not None:
        messages.success(
            request, gettext(RELINKED).format(number=moved.number, clause=moved.clause.title)
        )
        return redirect(moved)
    return correction_page(
        request,
        "clauses/edit/clause_relink.html",
        form,
        revision=clause_version.revision,
        clause_version=clause_version,
    )


@editor_required("clauses.change_revision", "clauses.add_clause", "clauses.add_clauseversion")
def clause_split_view(request, plan, number):
    revision = revision_or_404(plan, number)
    form = SplitForm(request.POST or None, record=revision)
    successors = correction_applied(
        form,
        lambda data: corrections.clause_split(
            revision=revision,
            predecessor=data["predecessor"].clause,
            successors=list(data["successors"]),
            new_successors=data["new_successors"],
            copy_positions_of=[party.pk for party in data["copy_positions_of"]],
            **as_read_by(request, data),
        ),
        what="this revision",
    )
    if successors is not None:
        clause = form.cleaned_data["predecessor"].clause
        messages.success(
            request,
            gettext(SPLIT).format(
                clause=clause.title, count=len(successors), revision=revision.number
            ),
        )
        return redirect(revision)
    return correction_page(request, "clauses/edit/clause_split.html", form, revision=revision)


@editor_required("clauses.change_revision", "clauses.add_clause", "clauses.add_clauseversion")
def clause_merge_view(request, plan, number):
    revision = revision_or_404(plan, number)
    form = MergeForm(request.POST or None, record=revision)
    successor = correction_applied(
        form,
        lambda data: corrections.clause_merge(
            revision=revision,
            predecessors=[version.clause for version in data["predecessors"]],
            successor=data["successor"],
            new_successor=form.new_successor(),
            **as_read_by(request, data),
        ),
        what="this revision",
    )
    if successor is not None:
        count = len(form.cleaned_data["predecessors"])
        messages.success(
            request,
            gettext(MERGED).format(count=count, number=successor.number, revision=revision.number),
        )
        return redirect(revision)
    return correction_page(request, "clauses/edit/clause_merge.html", form, revision=revision)
