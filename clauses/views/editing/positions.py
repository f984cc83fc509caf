"""Record or change one party's position on one clause version."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from ... import services
from ...forms import PositionForm
from ...models import Position
from ...tracking import EditConflict
from .edit_flow import clause_version_get, editor_required, save_edit_form

SAVED = "Position of {party} saved."

Party = Position._meta.get_field("party").related_model


@editor_required("clauses.change_position", "clauses.add_position")
def position_edit(request, plan, clause, number, party):
    """One URL for a party's position, recorded or not yet: saving creates or changes it."""
    clause_version = clause_version_get(plan, clause, number)
    party = get_object_or_404(Party, slug=party)
    position = Position.objects.filter(clause_version=clause_version, party=party).first()
    form = PositionForm(
        request.POST or None,
        instance=position or Position(clause_version=clause_version, party=party),
    )
    if save_edit_form(
        request,
        form,
        lambda: _save(request, form, clause_version, party),
        saved_message=SAVED.format(party=party.name),
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


def _save(request, form, clause_version, party) -> Position:
    data = form.cleaned_data
    # Read again under save_edit's lock: someone may have recorded it since the page loaded,
    # and the form's version (0 for a position not yet recorded) then no longer matches.
    current = Position.objects.filter(clause_version=clause_version, party=party).first()
    if current is None:
        if data["version"] != 0:
            raise EditConflict(_gone(clause_version, party), data["version"])
        try:
            return services.position_create(
                clause_version=clause_version,
                party=party,
                values=form.changes(),
                user=request.user,
                summary=data["edit_summary"],
            )
        except ValidationError:
            # Recorded by someone else between our read and our insert: a conflict too.
            created = Position.objects.filter(clause_version=clause_version, party=party).first()
            if created is None:
                raise
            raise EditConflict(created, data["version"]) from None
    return services.position_update(
        position=current,
        expected_version=data["version"],
        changes=form.changes(),
        user=request.user,
        summary=data["edit_summary"],
    )


def _gone(clause_version, party) -> Position:
    """A stand-in for a position that no longer exists, shown as the other side of a conflict."""
    return Position(clause_version=clause_version, party=party, version=0)
