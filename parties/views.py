"""The parties, and where one party stands on every clause."""

from django.shortcuts import get_object_or_404, render

from clauses.selectors import party_list as parties
from clauses.selectors import party_positions

from .models import Party


def party_list(request):
    return render(request, "parties/party_list.html", {"parties": parties()})


def party_detail(request, party):
    party = get_object_or_404(Party, slug=party)
    return render(
        request,
        "parties/party_detail.html",
        {"party": party, "plans": party_positions(party=party)},
    )
