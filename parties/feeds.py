"""A party's stance moves as an Atom feed: ``/parties/<party>/feed/`` (two queries)."""

from django.http import Http404
from django.urls import reverse

from clauses.feeds import AtomFeed, FeedEntry, move_entry
from clauses.selectors.feeds import party_stance_moves

from . import selectors
from .models import Party
from .views import NO_SUCH_PARTY


class PartyFeed(AtomFeed):
    def get_object(self, request, party):
        try:
            return selectors.party_get(party)
        except Party.DoesNotExist:
            raise Http404(NO_SUCH_PARTY) from None

    def title(self, party) -> str:
        return f"{party.name}: stance moves"

    def subtitle(self, party) -> str:
        return f"Each stance {party.name} takes or changes on a clause, newest first."

    def link(self, party) -> str:
        return reverse("parties:detail", kwargs={"party": party.slug})

    def items(self, party) -> list[FeedEntry]:
        return [move_entry(move) for move in party_stance_moves(party=party)]
