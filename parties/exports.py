"""A party's page as data: its positions on the current revision of every plan, and where
each moved since the revision that one continues (see clauses.views.exports)."""

from dataclasses import replace

from django.http import Http404

from clauses.export_rows import (
    EXPORT_POSITION_COLUMNS,
    export_position_row_of,
    export_positions_data,
)
from clauses.filters import PartyFilterForm
from clauses.links import PageLinks
from clauses.views.exports import Table, filters_of, page_url

from . import selectors
from .models import Party
from .views import NO_SUCH_PARTY

PARTY_COLUMNS = (
    *EXPORT_POSITION_COLUMNS,
    "previous_revision",
    "stance_before",
    "stance_before_value",
    "direction",
)


def party_table(request, party) -> Table:
    """The rows of the party page as its filters select and order them (four queries: the
    party, then ``party_positions``)."""
    try:
        party = selectors.party_get(party)
    except Party.DoesNotExist:
        raise Http404(NO_SUCH_PARTY) from None
    form = PartyFilterForm(request.GET)
    filters = filters_of(form)
    plans = [
        replace(entry, rows=tuple(form.apply(entry.rows)))
        for entry in selectors.party_positions(party=party, since=form.since_number())
    ]
    meta = {
        "party": party.slug,
        "party_name": party.name,
        "view": "party",
        "plans": [entry.plan.slug for entry in plans],
        "revisions": {entry.plan.slug: entry.revision.number for entry in plans},
        "filters": filters,
        "page_url": page_url(request),
    }
    name = (party.slug, "positions", *(f"{key}-{value}" for key, value in filters.items()))
    return Table(name, meta, PARTY_COLUMNS, _rows(plans, party, request))


def _rows(plans, party, request):
    pages = PageLinks(request)
    for entry in plans:
        rows = [
            export_position_row_of(row.position, row.version, entry.revision, entry.plan, party)
            for row in entry.rows
        ]
        for row, data in zip(entry.rows, export_positions_data(rows, pages), strict=True):
            movement = row.movement
            if entry.previous is not None and row.change.change != "added" and movement:
                data["previous_revision"] = entry.previous.number
                data["stance_before"] = movement.stance_before and str(movement.stance_before)
                data["stance_before_value"] = movement.value_before
                data["direction"] = str(movement.direction)
            yield data
