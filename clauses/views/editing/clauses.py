"""Edit a clause version's wording, a clause's title, and add a clause to a revision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from clauses import selectors, services
from clauses.forms import ClauseAddForm, ClauseForm, ClauseVersionForm
from clauses.views.editing.edit_flow import (
    edit_arguments,
    editor_required,
    found_or_404,
    save_edit_form,
)
from core.forms import add_service_errors
from parties.selectors import parties_in_order

SAVED = "Saved."
CLAUSE_ADDED = "Point {number} added to revision {revision}."


@editor_required("clauses.change_clauseversion")
def clause_version_edit(request, plan, clause, number):
    clause_version = found_or_404(
        selectors.clause_version_lookup, plan_slug=plan, clause_slug=clause, number=number
    )
    form = ClauseVersionForm(request.POST or None, instance=clause_version)
    if save_edit_form(
        request,
        form,
        lambda: services.clause_version_update(
            clause_version=clause_version, **edit_arguments(request, form)
        ),
        saved_message=gettext(SAVED),
    ):
        return redirect(clause_version)
    positions = {p.party_id: p for p in clause_version.positions.all()}
    parties = [(party, positions.get(party.pk)) for party in parties_in_order()]
    return render(
        request,
        "clauses/edit/clause_version_form.html",
        {
            "plan": clause_version.revision.plan,
            "revision": clause_version.revision,
            "clause_version": clause_version,
            "parties": parties,
            "form": form,
        },
    )


@editor_required("clauses.change_clause")
def clause_edit(request, plan, clause):
    clause = found_or_404(selectors.clause_get, plan_slug=plan, clause_slug=clause)
    form = ClauseForm(request.POST or None, instance=clause)
    if save_edit_form(
        request,
        form,
        lambda: services.clause_update(clause=clause, **edit_arguments(request, form)),
        saved_message=gettext(SAVED),
    ):
        return redirect(clause)
    return render(
        request,
        "clauses/edit/clause_form.html",
        {"plan": clause.plan, "clause": clause, "form": form},
    )


@editor_required("clauses.add_clauseversion", "clauses.add_clause")
def clause_add(request, plan, number):
    revision = found_or_404(selectors.revision_get, plan_slug=plan, number=number)
    form = ClauseAddForm(request.POST or None, revision=revision)
    if form.is_valid():
        data = form.cleaned_data
        try:
            version = services.clause_version_add(
                revision=revision,
                clause=data["clause"],
                title=data["title"].strip(),
                topic=data["topic"],
                number=data["number"].strip(),
                text=data["text"],
                status=data["status"],
                user=request.user,
                summary=data["edit_summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext(CLAUSE_ADDED).format(number=version.number, revision=revision.number),
            )
            return redirect(revision)
    return render(
        request,
        "clauses/edit/clause_add.html",
        {"plan": revision.plan, "revision": revision, "form": form},
    )
