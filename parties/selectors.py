"""The parties' reads: every party in the matrix's order, one party by slug, and the stamp
of their state for conditional reads."""

from django.db import connections, router
from django.db.models import QuerySet

from core.conditional import Stamp
from core.input_text import text_fault
from parties.models import Party, PartyAlias


def parties_in_order() -> QuerySet[Party]:
    """Every party in the matrix's order: sort order, name, then id, as names may repeat
    and API pages must not overlap (one query, when evaluated)."""
    return Party.objects.order_by("sort_order", "name", "pk")


def party_get(slug: str) -> Party:
    """One party by slug (one query). Raises Party.DoesNotExist."""
    # No slug holds NUL or a lone surrogate, which PostgreSQL or its driver would refuse
    # with an error rather than find nothing.
    if text_fault(slug) is not None:
        raise Party.DoesNotExist
    found = Party.objects.filter(slug=slug).first()
    if found is None:
        raise Party.DoesNotExist
    return found


def party_stamp() -> Stamp:
    """The state of every party, for a conditional read of the parties' API (one query):
    any party's save bumps its version, and a new or removed party changes the count."""
    connection = connections[router.db_for_read(Party)]
    table = connection.ops.quote_name(Party._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), SUM(version) FROM {table}")  # noqa: S608 -- quoted table
        count, total = cursor.fetchone()
    return Stamp(tag=f"parties.{count}.{total or 0}", changed_at=None)


def party_aliases() -> QuerySet[PartyAlias]:
    """Every party alias with its party, by party then alias (one query, when evaluated)."""
    return PartyAlias.objects.select_related("party").order_by(
        "party__sort_order", "party__name", "alias", "pk"
    )


def aliases_of(party: Party) -> QuerySet[PartyAlias]:
    """The aliases of ``party``, by alias (one query, when evaluated)."""
    return PartyAlias.objects.filter(party=party).order_by("alias", "pk")


def party_alias_get(party: Party, pk: int) -> PartyAlias:
    """One alias of ``party`` by id (one query). Raises PartyAlias.DoesNotExist."""
    return PartyAlias.objects.get(party=party, pk=pk)
