"""The parties, and where one party stands on every clause."""

from dataclasses import replace

from django.http import Http404
from django.shortcuts import render

from comparison.filters import PartyFilterForm
from comparison.party_rendering import party_rows
from comparison.selectors import parties as selectors
from core.conditional import reads_query
from parties.models import Party
from parties.selectors import party_get

NO_SUCH_PARTY = "No party is recorded at this address."


@reads_query()
def party_list(request):
    return render(request, "comparison/party_list.html", {"parties": selectors.party_list()})


@reads_query(*PartyFilterForm.base_fields, "format")
def party_detail(request, party):
    try:
        party = party_get(party)
    except Party.DoesNotExist:
        raise Http404(NO_SUCH_PARTY) from None
    form = PartyFilterForm(request.GET)
    since = form.since_number()
    plans = [
        replace(entry, rows=tuple(form.apply(entry.rows)))
        for entry in selectors.party_positions(party=party, since=since)
    ]
    return render(
        request,
        "comparison/party_detail.html",
        {
            "party": party,
            "form": form,
            "since": since,
            "plans": plans,
            # Each plan with its table's rows (comparison/party_rendering.py).
            "tables": [(entry, party_rows(entry, party=party, since=since)) for entry in plans],
        },
    )
