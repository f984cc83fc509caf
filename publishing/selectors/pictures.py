"""What the plan's convergence chart reads: per revision, its clauses by status, the
mean gap between the parties (or two chosen parties) and the stances moved, counted by
the database (moves by the one rule every count of moves applies, clauses.moves)."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Max, Min, Value, When

from clauses.models import ClauseVersion, Plan, Position, Revision
from clauses.selectors.lookups import Party
from clauses.selectors.plans import revision_moves
from clauses.vocabularies import ORDINAL, ClauseStatus

# How a clause's status counts in the chart: settled, fought over, or not yet either.
AGREED = {ClauseStatus.AGREED, ClauseStatus.AGREED_IN_PRINCIPLE}
CONTESTED = {ClauseStatus.CONTESTED}
# A point raised outside the text (a demand, a suggestion) is not the text's: counted
# apart, never as an open clause of the draft.
OUTSIDE = {ClauseStatus.RAISED_OUTSIDE_TEXT}
# Everything else (open, deferred) is still open.


_KINDS = ("agreed", "contested", "open", "outside_text")


@dataclass(frozen=True)
class RevisionStanding:
    number: int
    label: str
    agreed: int
    contested: int
    open: int
    mean_gap: float | None
    gap_clauses: int
    outside_text: int = 0  # points raised outside the text, not stacked
    moved: int = 0  # stances moved against the revision it continues


_VALUE = Case(
    *(
        When(stance=stance, then=Value(value))
        for stance, value in ORDINAL.items()
        if value is not None
    ),
    default=None,
    output_field=IntegerField(),
)


def plan_parties(*, plan: Plan) -> list:
    """The parties holding a position on any clause of the plan, in party order (one
    query)."""
    return list(
        Party.objects.filter(positions__clause_version__revision__plan=plan)
        .distinct()
        .order_by("sort_order", "name")
    )


def plan_convergence(
    *, plan: Plan, pair: tuple[int, int] | None = None, topic: str | None = None
) -> list[RevisionStanding]:
    """Each revision of the plan's main line by number (counter-proposals are branches,
    left out: the chart follows the negotiation's line), with its clauses counted by status and the
    mean agreement gap over its clauses: the spread of every party's known stances, or,
    given ``pair`` (two party pks), the distance between those two where both are known
    (four queries: the revisions, the statuses counted, the gaps of each clause version,
    the moves).
    ``unknown`` stances are left out, never counted as 0. Given ``topic``, only that
    topic's clauses count (same four queries). Points raised outside the text are counted
    apart (``outside_text``), not as open clauses of the draft."""
    revisions = list(
        Revision.objects.main_line()
        .filter(plan=plan)
        .order_by("number")
        .values_list("pk", "number", "label")
    )
    versions = ClauseVersion.objects.filter(revision__plan=plan, revision__branch=False)
    positions = Position.objects.filter(
        clause_version__revision__plan=plan, clause_version__revision__branch=False
    )
    if topic is not None:
        versions = versions.filter(clause__topic=topic)
        positions = positions.filter(clause_version__clause__topic=topic)
    statuses: dict[int, dict[str, int]] = {}
    for revision_id, status, count in (
        versions.order_by().values_list("revision_id", "status").annotate(count=Count("pk"))
    ):
        kind = (
            "agreed"
            if status in AGREED
            else "contested"
            if status in CONTESTED
            else "outside_text"
            if status in OUTSIDE
            else "open"
        )
        counted = statuses.setdefault(revision_id, dict.fromkeys(_KINDS, 0))
        counted[kind] += count
    if pair is not None:
        positions = positions.filter(party_id__in=pair)
    gaps: dict[int, list[int]] = {}
    for revision_id, high, low, known in (
        positions.order_by()
        .values("clause_version_id", "clause_version__revision_id")
        .annotate(high=Max(_VALUE), low=Min(_VALUE), known=Count(_VALUE))
        .values_list("clause_version__revision_id", "high", "low", "known")
    ):
        if known >= 2:
            gaps.setdefault(revision_id, []).append(high - low)
    moved = revision_moves(plan=plan, topic=topic)
    standings = []
    for pk, number, label in revisions:
        counted = statuses.get(pk, dict.fromkeys(_KINDS, 0))
        found = gaps.get(pk, [])
        standings.append(
            RevisionStanding(
                number=number,
                label=label,
                mean_gap=sum(found) / len(found) if found else None,
                gap_clauses=len(found),
                moved=moved.get(pk, 0),
                **counted,
            )
        )
    return standings
