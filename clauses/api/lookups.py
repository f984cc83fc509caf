"""Finding the record a readable URL names, or a 404 that says which part named nothing.

The happy path is one query per lookup (the row with what its representation needs
joined); working out which part of the URL was wrong costs queries only on the way to a 404.
"""

from django.apps import apps
from django.db.models import QuerySet

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision

from .exceptions import (
    CLAUSE_NOT_FOUND,
    CLAUSE_VERSION_NOT_FOUND,
    PARTY_NOT_FOUND,
    PLAN_NOT_FOUND,
    POSITION_NOT_FOUND,
    REVISION_NOT_FOUND,
    not_found,
)
from .filters import MAX_NUMBER


def plan(slug: str, queryset: QuerySet[Plan] | None = None) -> Plan:
    queryset = Plan.objects.all() if queryset is None else queryset
    found = queryset.filter(slug=slug).first()
    if found is None:
        raise not_found("plan", PLAN_NOT_FOUND.format(plan=slug))
    return found


def _missing_plan_or(field: str, message: str, plan_slug: str):
    if not Plan.objects.filter(slug=plan_slug).exists():
        return not_found("plan", PLAN_NOT_FOUND.format(plan=plan_slug))
    return not_found(field, message)


def revision(plan_slug: str, number: int, queryset: QuerySet[Revision]) -> Revision:
    # A number past the database's integer range names nothing; it must not reach the query.
    found = (
        queryset.filter(plan__slug=plan_slug, number=number).first()
        if number <= MAX_NUMBER
        else None
    )
    if found is None:
        raise _missing_plan_or(
            "number", REVISION_NOT_FOUND.format(plan=plan_slug, number=number), plan_slug
        )
    return found


def clause(plan_slug: str, clause_slug: str, queryset: QuerySet[Clause]) -> Clause:
    found = queryset.filter(plan__slug=plan_slug, slug=clause_slug).first()
    if found is None:
        raise _missing_plan_or(
            "clause", CLAUSE_NOT_FOUND.format(plan=plan_slug, clause=clause_slug), plan_slug
        )
    return found


def _missing_version(plan_slug: str, clause_slug: str, number: int):
    if not Clause.objects.filter(plan__slug=plan_slug, slug=clause_slug).exists():
        return _missing_plan_or(
            "clause", CLAUSE_NOT_FOUND.format(plan=plan_slug, clause=clause_slug), plan_slug
        )
    if not Revision.objects.filter(plan__slug=plan_slug, number=number).exists():
        return not_found("number", REVISION_NOT_FOUND.format(plan=plan_slug, number=number))
    return not_found(
        "number",
        CLAUSE_VERSION_NOT_FOUND.format(plan=plan_slug, clause=clause_slug, number=number),
    )


def clause_version(
    plan_slug: str, clause_slug: str, number: int, queryset: QuerySet[ClauseVersion]
) -> ClauseVersion:
    found = (
        queryset.filter(
            revision__plan__slug=plan_slug, clause__slug=clause_slug, revision__number=number
        ).first()
        if number <= MAX_NUMBER
        else None
    )
    if found is None:
        raise _missing_version(plan_slug, clause_slug, min(number, MAX_NUMBER + 1))
    return found


def position(
    plan_slug: str, clause_slug: str, number: int, party_slug: str, queryset: QuerySet[Position]
) -> Position:
    found = (
        queryset.filter(
            clause_version__revision__plan__slug=plan_slug,
            clause_version__clause__slug=clause_slug,
            clause_version__revision__number=number,
            party__slug=party_slug,
        ).first()
        if number <= MAX_NUMBER
        else None
    )
    if found is not None:
        return found
    if (
        number > MAX_NUMBER
        or not ClauseVersion.objects.filter(
            revision__plan__slug=plan_slug, clause__slug=clause_slug, revision__number=number
        ).exists()
    ):
        raise _missing_version(plan_slug, clause_slug, min(number, MAX_NUMBER + 1))
    if not party_exists(party_slug):
        raise not_found("party", PARTY_NOT_FOUND.format(party=party_slug))
    raise not_found(
        "party", POSITION_NOT_FOUND.format(party=party_slug, clause=clause_slug, number=number)
    )


def party_exists(slug: str) -> bool:
    # By name: the clauses app does not import parties at import time.
    return apps.get_model("parties", "Party").objects.filter(slug=slug).exists()
