"""What the plan's view sets share: the 404 that names the missing part of a URL, reads
keyed by the plan's change stamp, and a revision found, read again after a write, or
answered as it is now in a 412."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model

from clauses import selectors
from clauses.api.serializers import RevisionDetailSerializer
from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.selectors import api_reads as reads
from clauses.selectors.stamps import plan_stamp, site_stamp
from core.api.base import ApiViewSet
from core.api.etag import IfMatch, stale
from core.api.exceptions import (
    CLAUSE_NOT_FOUND,
    CLAUSE_VERSION_NOT_FOUND,
    PARTY_NOT_FOUND,
    PLAN_NOT_FOUND,
    POSITION_NOT_FOUND,
    REVISION_NOT_FOUND,
    PreconditionFailed,
    not_found,
)
from core.conditional import Stamp
from parties.models import Party

T = TypeVar("T")


# What the 404 of each missing part of a URL says, and which parameter it names.
_NOT_FOUND: dict[type[Model], tuple[str, str]] = {
    Plan: ("plan", PLAN_NOT_FOUND),
    Clause: ("clause", CLAUSE_NOT_FOUND),
    Revision: ("number", REVISION_NOT_FOUND),
    ClauseVersion: ("number", CLAUSE_VERSION_NOT_FOUND),
    Party: ("party", PARTY_NOT_FOUND),
    Position: ("party", POSITION_NOT_FOUND),
}


def found(
    lookup: Callable[[], T],
    *,
    plan: str,
    clause: str | None = None,
    number: int | None = None,
    party: str | None = None,
) -> T:
    """What the selector ``lookup`` finds, or the JSON 404 naming the first part of the
    URL (``plan``, ``clause``, ``number``, ``party``) that names nothing."""
    try:
        return lookup()
    except ObjectDoesNotExist:
        model = selectors.missing_part(plan=plan, clause=clause, number=number, party=party)
        field, message = _NOT_FOUND[model]
        if number is not None and model is not Revision:
            number = min(number, selectors.MAX_NUMBER + 1)
        names = {"plan": plan, "clause": clause, "number": number, "party": party}
        raise not_found(field, message.format(**names)) from None


def revision_found(plan: str, number: int) -> Revision:
    """The revision a URL names, with its plan, what it continues and its author (one
    query), or the JSON 404 naming the plan or the number."""
    return found(
        lambda: selectors.revision_get(
            plan_slug=plan, number=number, queryset=reads.revision_detail()
        ),
        plan=plan,
        number=number,
    )


def clause_found(plan: str, clause: str) -> Clause:
    """The clause a URL names, with its version in each revision and their positions (four
    queries), or the JSON 404 naming the plan or the clause."""
    plan_record = found(lambda: selectors.plan_get(plan), plan=plan)
    return found(
        lambda: selectors.clause_get(
            plan_slug=plan, clause_slug=clause, queryset=reads.clause_detail(plan_record)
        ),
        plan=plan,
        clause=clause,
    )


def revision_reloaded(plan: Plan | None, pk: int) -> Revision:
    """The revision ``pk`` read again after a write, with what its representation shows
    (three queries)."""
    return reads.with_contents(selectors.record_by_pk(reads.revision_detail(plan), pk))


def revision_stale(if_match: IfMatch, plan: Plan | None, pk: int, links) -> PreconditionFailed:
    """412 for a revision saved since the client read it, holding it as it is now."""
    current = revision_reloaded(plan, pk)
    return stale(if_match, current, current=RevisionDetailSerializer.represent(current, links))


class PlanApiViewSet(ApiViewSet):
    """A view set of a plan's records: its reads are keyed by the plan's change stamp."""

    def read_stamp(self) -> Stamp | None:
        """The stamp of the plan its URL or its ``plan`` filter names, else every plan and
        party (one query). None for a plan that does not exist, which the handler answers
        with its 404."""
        plan = self.kwargs.get("plan") or self.request.GET.get("plan")
        if plan:
            return plan_stamp(plan)
        return site_stamp()
