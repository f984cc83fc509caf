"""The parties as the clauses app reads them (the parties app has the rest of its reads in
parties.selectors, which builds on these)."""

from django.db.models import QuerySet

from .lookups import Party


def parties_in_order() -> QuerySet:
    """Every party in the matrix's order: sort order, name, then id, as names may repeat
    and API pages must not overlap (one query, when evaluated)."""
    return Party.objects.order_by("sort_order", "name", "pk")
