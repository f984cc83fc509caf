"""The parties, and where one party stands on every clause."""

from django.http import Http404
from django.shortcuts import render

from . import selectors
from .models import Party

NO_SUCH_PARTY = "No party is recorded at this address."


def party_list(request):
    return render(request, "parties/party_list.html", {"parties": selectors.party_list()})


def party_detail(request, party):
    try:
        party = selectors.party_get(party)
    except Party.DoesNotExist:
        raise Http404(NO_SUCH_PARTY) from None
    return render(
        request,
        "parties/party_detail.html",
        {"party": party, "plans": selectors.party_positions(party=party)},
    )
