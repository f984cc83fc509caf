"""The reads of the paste pages that the clauses app's selectors do not cover."""

import datetime
from dataclasses import dataclass

from clauses.models import Plan, Revision


@dataclass(frozen=True)
class RecordedRevision:
    """Who recorded a revision and when, from its first history row."""

    number: int
    username: str | None  # None when its history names nobody (loaded from a fixture)
    recorded_at: datetime.datetime


def revision_recorded(*, plan: Plan, number: int) -> RecordedRevision | None:
    """Who recorded revision ``number`` of ``plan`` and when (one query), or None when the
    plan has no such revision (or no history of it)."""
    row = (
        Revision.history.filter(plan_id=plan.pk, number=number, history_type="+")
        .select_related("history_user")
        .order_by("history_date")
        .first()
    )
    if row is None:
        return None
    user = row.history_user
    return RecordedRevision(
        number, user.get_username() if user is not None else None, row.history_date
    )
