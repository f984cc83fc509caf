"""Finding the record a readable URL names, for the pages and the API alike.

Each lookup is one query (the row with what its caller asked joined) and raises the
record's own ``DoesNotExist`` when the URL names nothing. Which part of the URL named
nothing is worked out by ``missing_part``, at a cost in queries only on the way to a 404;
the page views turn a miss into their Http404 message, the API into its JSON 404.
"""

from typing import Any

from django.db.models import Model, QuerySet

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from parties.models import Party

# Revision numbers are stored as PostgreSQL integers: a larger number names nothing, and
# must not reach the database, which would refuse it as out of range.
MAX_NUMBER = 2**31 - 1


def _first_or_raise(queryset: QuerySet, model: Any, **lookup):
    # ``model`` is a model class: its own DoesNotExist is what the callers catch.
    found = queryset.filter(**lookup).first()
    if found is None:
        raise model.DoesNotExist
    return found


def plan_get(slug: str, queryset: QuerySet[Plan] | None = None) -> Plan:
    """One plan by slug (one query). Raises Plan.DoesNotExist."""
    queryset = Plan.objects.all() if queryset is None else queryset
    return _first_or_raise(queryset, Plan, slug=slug)


def revision_get(
    *, plan_slug: str, number: int, queryset: QuerySet[Revision] | None = None
) -> Revision:
    """One revision with its plan, what it continues and its author (one query; none for
    a number past the integer range). Raises Revision.DoesNotExist for an unknown plan or
    number."""
    if queryset is None:
        queryset = Revision.objects.select_related("plan", "previous", "proposed_by")
    if number > MAX_NUMBER:
        raise Revision.DoesNotExist
    return _first_or_raise(queryset, Revision, plan__slug=plan_slug, number=number)


def clause_get(*, plan_slug: str, clause_slug: str, queryset: QuerySet[Clause] | None = None):
    """One clause with its plan (one query). Raises Clause.DoesNotExist."""
    queryset = Clause.objects.select_related("plan") if queryset is None else queryset
    return _first_or_raise(queryset, Clause, plan__slug=plan_slug, slug=clause_slug)


def clause_version_lookup(
    *,
    plan_slug: str,
    clause_slug: str,
    number: int,
    queryset: QuerySet[ClauseVersion] | None = None,
) -> ClauseVersion:
    """A clause as worded in revision ``number``, with its clause, revision and plan (one
    query). Raises ClauseVersion.DoesNotExist."""
    if queryset is None:
        queryset = ClauseVersion.objects.select_related("clause", "revision__plan")
    if number > MAX_NUMBER:
        raise ClauseVersion.DoesNotExist
    return _first_or_raise(
        queryset,
        ClauseVersion,
        revision__plan__slug=plan_slug,
        clause__slug=clause_slug,
        revision__number=number,
    )


def position_get(
    *,
    plan_slug: str,
    clause_slug: str,
    number: int,
    party_slug: str,
    queryset: QuerySet[Position] | None = None,
) -> Position:
    """One party's position on a clause in revision ``number`` (one query). Raises
    Position.DoesNotExist."""
    queryset = Position.objects.select_related("party") if queryset is None else queryset
    if number > MAX_NUMBER:
        raise Position.DoesNotExist
    return _first_or_raise(
        queryset,
        Position,
        clause_version__revision__plan__slug=plan_slug,
        clause_version__clause__slug=clause_slug,
        clause_version__revision__number=number,
        party__slug=party_slug,
    )


def position_to_cite(*, plan_slug: str, clause_slug: str, number: int, party_slug: str) -> Position:
    """``position_get`` with all a citation names joined: the party, the clause and the
    revision with its plan (one query). Raises Position.DoesNotExist."""
    return position_get(
        plan_slug=plan_slug,
        clause_slug=clause_slug,
        number=number,
        party_slug=party_slug,
        queryset=Position.objects.select_related(
            "party", "clause_version__clause", "clause_version__revision__plan"
        ),
    )


def position_of(*, clause_version: ClauseVersion, party) -> Position | None:
    """The party's position on the clause version, or None if not recorded (one query)."""
    return Position.objects.filter(clause_version=clause_version, party=party).first()


def missing_part(
    *, plan: str, clause: str | None = None, number: int | None = None, party: str | None = None
) -> type[Model]:
    """The model of the first part of a URL that names nothing, in the URL's order: the
    plan, the clause, the revision, the clause in that revision, the party; the position
    itself when every part exists (one query per part checked, stopping at the first
    missing)."""
    if not Plan.objects.filter(slug=plan).exists():
        return Plan
    if clause is not None and not Clause.objects.filter(plan__slug=plan, slug=clause).exists():
        return Clause
    if number is None:
        return Plan if clause is None else Clause
    if number > MAX_NUMBER or not Revision.objects.filter(plan__slug=plan, number=number).exists():
        return Revision
    if clause is None:
        return Revision
    if not ClauseVersion.objects.filter(
        revision__plan__slug=plan, clause__slug=clause, revision__number=number
    ).exists():
        return ClauseVersion
    if party is None:
        return ClauseVersion
    if not Party.objects.filter(slug=party).exists():
        return Party
    return Position


def record_by_pk(queryset: QuerySet, pk: int):
    """The record ``pk`` of ``queryset``, read again after a write (one query, plus the
    queryset's prefetches)."""
    return queryset.get(pk=pk)


def nothing_of(model: type[Model]) -> QuerySet:
    """An empty queryset of ``model``: it names the model (for the API's model permissions)
    and never reaches the database."""
    return model._default_manager.none()
