"""What was recorded in a plan since a day: its new revisions, each rewording of a clause
and each stance move, with who recorded it and why (from the simple-history rows).

A *rewording* is a history row of a clause version whose text differs from the row before
it for the same clause; a *stance move* is a history row of a position whose stance
differs from the row before it for the same clause and party, and that clauses.moves
counts as a move (the rule of every count of moves: not to or from unknown, not one quote
read twice). Both comparisons are window functions (``LAG``) over the plan's whole
history, so the row before the day still counts; the day itself is filtered after the
window (``QUALIFY``, or the subquery Django wraps around it), never before. Three queries
whatever the history: the revisions, the rewordings, the moves.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Max, Q, Window
from django.db.models.functions import Lag

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.moves import stance_direction
from clauses.selectors.history import EDITOR, with_stance_before
from clauses.since import since_moment

REVISION = "revision"
REWORDING = "rewording"
MOVE = "move"


@dataclass(frozen=True)
class ChangeRecord:
    """One change recorded since the day: a new revision, a rewording or a stance move."""

    kind: str  # REVISION, REWORDING or MOVE
    history_id: int
    date: datetime.datetime
    user: str | None  # the editor's username; None when not recorded
    reason: str  # the edit summary; "" when none was given
    revision: int | None  # the revision's number
    label: str = ""  # a revision's label
    number: str = ""  # a rewording's point number
    text: str = ""  # a rewording's new text
    text_before: str = ""
    party: str = ""  # a move's party slug
    party_name: str = ""
    stance_before: str = ""
    stance_after: str = ""
    direction: str = ""  # a move's clauses.moves direction: toward or away


@dataclass
class ClauseChanges:
    """The changes to one clause since the day, newest first."""

    clause_id: int
    slug: str
    title: str
    records: list[ChangeRecord] = field(default_factory=list)

    @property
    def rewordings(self) -> int:
        return sum(1 for record in self.records if record.kind == REWORDING)

    @property
    def moves(self) -> int:
        return sum(1 for record in self.records if record.kind == MOVE)


@dataclass(frozen=True)
class PlanChanges:
    since: datetime.date
    revisions: list[ChangeRecord]  # newest first
    clauses: list[ClauseChanges]  # the clause changed last first

    @property
    def rewordings(self) -> int:
        return sum(clause.rewordings for clause in self.clauses)

    @property
    def moves(self) -> int:
        return sum(clause.moves for clause in self.clauses)


# The history row's own moment as a window value: a filter on it then runs after the
# windows (as the filters on LAG's results do), so the row before the day stays visible.
_RECORDED = Window(Max("history_date"), partition_by=[F("history_id")])
_NEWEST_FIRST = ("-history_date", "-history_id")


def plan_changes(*, plan: Plan, since: datetime.date) -> PlanChanges:
    """The revisions, rewordings and stance moves recorded in ``plan`` on or after the day
    ``since`` (UTC), the last two grouped by clause (three queries)."""
    start = since_moment(since)
    revisions = [
        ChangeRecord(
            kind=REVISION,
            history_id=row["history_id"],
            date=row["history_date"],
            user=row["editor"],
            reason=row["history_change_reason"] or "",
            revision=row["number"],
            label=row["label"],
        )
        for row in Revision.history.filter(
            plan_id=plan.pk, history_type="+", history_date__gte=start
        )
        .annotate(editor=EDITOR)
        .order_by(*_NEWEST_FIRST)
        .values("history_id", "history_date", "editor", "history_change_reason", "number", "label")
    ]
    clauses: dict[int, ClauseChanges] = {}

    def clause_of(row) -> ClauseChanges:
        found = clauses.get(row["clause_pk"])
        if found is None:
            found = clauses[row["clause_pk"]] = ClauseChanges(
                clause_id=row["clause_pk"], slug=row["clause_slug"], title=row["clause_title"]
            )
        return found

    plan_clauses = Clause.objects.filter(plan=plan).values("pk")
    wordings = (
        ClauseVersion.history.filter(clause_id__in=plan_clauses)
        .exclude(history_type="-")
        .annotate(
            text_before=Window(
                Lag("text"),
                partition_by=[F("clause_id")],
                order_by=[F("history_date").asc(), F("history_id").asc()],
            ),
            recorded=_RECORDED,
            editor=EDITOR,
            clause_pk=F("clause_id"),
            clause_slug=F("clause__slug"),
            clause_title=F("clause__title"),
            revision_number=F("revision__number"),
        )
        .filter(recorded__gte=start, text_before__isnull=False)
        .exclude(text_before=F("text"))
        .order_by(*_NEWEST_FIRST)
        .values(
            "history_id",
            "history_date",
            "editor",
            "history_change_reason",
            "revision_number",
            "number",
            "text",
            "text_before",
            "clause_pk",
            "clause_slug",
            "clause_title",
        )
    )
    records: list[tuple[dict, ChangeRecord]] = []
    for row in wordings:
        if row["clause_slug"] is None:  # the clause is gone since
            continue
        records.append(
            (
                row,
                ChangeRecord(
                    kind=REWORDING,
                    history_id=row["history_id"],
                    date=row["history_date"],
                    user=row["editor"],
                    reason=row["history_change_reason"] or "",
                    revision=row["revision_number"],
                    number=row["number"],
                    text=row["text"],
                    text_before=row["text_before"],
                ),
            )
        )
    moves = (
        with_stance_before(Position.history.filter(clause_version__clause__plan_id=plan.pk))
        .annotate(
            recorded=_RECORDED,
            editor=EDITOR,
            clause_pk=F("clause_version__clause_id"),
            clause_slug=F("clause_version__clause__slug"),
            clause_title=F("clause_version__clause__title"),
            revision_number=F("clause_version__revision__number"),
            party_slug=F("party__slug"),
            party_name=F("party__name"),
        )
        .filter(recorded__gte=start, stance_before__isnull=False)
        .filter(~Q(stance_before=F("stance")))
        .order_by(*_NEWEST_FIRST)
        .values(
            "history_id",
            "history_date",
            "editor",
            "history_change_reason",
            "revision_number",
            "stance",
            "stance_before",
            "quote",
            "quote_before",
            "party_slug",
            "party_name",
            "clause_pk",
            "clause_slug",
            "clause_title",
        )
    )
    for row in moves:
        direction = stance_direction(
            row["stance_before"], row["stance"], row["quote_before"] or "", row["quote"]
        )
        if direction not in ("toward", "away") or row["clause_slug"] is None:
            continue
        records.append(
            (
                row,
                ChangeRecord(
                    kind=MOVE,
                    history_id=row["history_id"],
                    date=row["history_date"],
                    user=row["editor"],
                    reason=row["history_change_reason"] or "",
                    revision=row["revision_number"],
                    party=row["party_slug"],
                    party_name=row["party_name"],
                    stance_before=row["stance_before"],
                    stance_after=row["stance"],
                    direction=direction,
                ),
            )
        )
    records.sort(key=lambda pair: (pair[1].date, pair[1].history_id), reverse=True)
    for row, record in records:
        clause_of(row).records.append(record)
    return PlanChanges(since=since, revisions=revisions, clauses=list(clauses.values()))
