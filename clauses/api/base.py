"""What the plan's view sets share: the 404 that names the missing part of a URL, and
reads keyed by the plan's change stamp."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model

from clauses import selectors
from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.selectors.stamps import plan_stamp, site_stamp
from core.api.base import ApiViewSet
from core.api.exceptions import (
    CLAUSE_NOT_FOUND,
    CLAUSE_VERSION_NOT_FOUND,
    PARTY_NOT_FOUND,
    PLAN_NOT_FOUND,
    POSITION_NOT_FOUND,
    REVISION_NOT_FOUND,
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
