"""Record or change one party's position on one clause version."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext

from clauses import selectors, services
from clauses.forms import PositionForm
from clauses.models import Position
from clauses.views.editing.edit_flow import editor_required, found_or_404, save_edit_form
from parties.selectors import party_get

SAVED = "Position of {party} saved."


@editor_required("clauses.change_position", "clauses.add_position")
def position_edit(request, plan, clause, number, party):
    """One URL for a party's position, recorded or not yet: saving creates or changes it."""
    clause_version = found_or_404(
        selectors.clause_version_lookup, plan_slug=plan, clause_slug=clause, number=number
    )
    party = found_or_404(party_get, party)
    position = selectors.position_of(clause_version=clause_version, party=party)
    form = PositionForm(
        request.POST or None,
        instance=position or Position(clause_version=clause_version, party=party),
    )
    if save_edit_form(
        request,
        form,
        lambda: services.position_save(
            clause_version=clause_version,
            party=party,
            expected_version=form.cleaned_data["version"],
            values=form.changes(),
            user=request.user,
            summary=form.cleaned_data["edit_summary"],
        ),
        saved_message=gettext(SAVED).format(party=party.name),
    ):
        return redirect(clause_version)
    return render(
        request,
        "clauses/edit/position_form.html",
        {
            "plan": clause_version.revision.plan,
            "revision": clause_version.revision,
            "clause_version": clause_version,
            "party": party,
            "position": position,
            "form": form,
        },
    )
