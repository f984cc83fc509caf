"""The parties' reads: the list with counts, one party, and one party's positions on the
current revision of every plan. Built on the clauses app's public selectors."""

from dataclasses import dataclass

from django.db.models import Count, FilteredRelation, Q, QuerySet

from clauses.matrix_order import apartness
from clauses.models import ClauseVersion, Plan, Position, Revision
from clauses.selectors import current_revisions
from clauses.selectors.plans import clause_versions_of, positions_with_party
from clauses.vocabularies import stance_value
from comparison.diff import ClauseChange, ClauseDiff, Direction, PartyChange
from comparison.selectors.diffs import diff_of_versions
from parties.models import Party


def party_list() -> QuerySet[Party]:
    """Parties in their order, with how many positions each holds (one query)."""
    return Party.objects.annotate(position_count=Count("positions")).order_by("sort_order", "name")


@dataclass(frozen=True)
class PartyRow:
    version: ClauseVersion  # the clause in the current revision
    position: Position | None  # the party's position on it; None if none recorded
    change: ClauseDiff  # the clause since the previous revision, this party's side only
    others: tuple[str, ...] = ()  # the other parties' stances on the clause
    since: str | None = None  # the party's stance in the revision asked about, if any
    in_since: bool = False  # whether the clause is in the revision asked about

    @property
    def moved_since(self) -> Direction:
        """Where the party's stance went since the revision asked about: unchanged when it
        is the same (or it held none either side), unknown when either side is unknown or
        missing (the clause was not in that revision, say)."""
        if self.in_since and self.since == self.stance:
            return Direction.UNCHANGED
        then, now = stance_value(self.since), stance_value(self.stance)
        if not self.in_since or then is None or now is None:
            return Direction.UNKNOWN
        if now == then:
            return Direction.UNCHANGED
        return Direction.TOWARD if now > then else Direction.AWAY

    @property
    def apart(self) -> float | None:
        """How far the party stands from the others on this clause (0 to 4)."""
        return apartness(self.position.stance if self.position else None, self.others)

    @property
    def stance(self) -> str | None:
        return self.position.stance if self.position else None

    @property
    def movement(self) -> PartyChange | None:
        """The party's stance before and after; None when it held no position either side."""
        return self.change.parties[0] if self.change.parties else None


@dataclass(frozen=True)
class PartyPlan:
    plan: Plan
    revision: Revision  # the plan's current revision
    previous: Revision | None  # the revision it continues
    rows: tuple[PartyRow, ...]  # the current revision's clauses, in draft order
    dropped: tuple[ClauseDiff, ...]  # clauses of the previous revision the current dropped
    clause_count: int = 0  # the current revision's clauses, whatever rows a page keeps
    # clauses of the previous revision the current one, partial, does not describe
    undescribed: tuple[ClauseDiff, ...] = ()
    # With a revision asked about: False when the plan has no revision of that number.
    has_since: bool = True


def party_positions(*, party: Party, since: int | None = None) -> list[PartyPlan]:
    """The party's position on every clause of each plan's current revision, where it
    moved since the revision that one continues, and the other parties' stances beside it
    (four queries: the current revisions, their clause versions and the previous
    revisions', this party's positions on them, the other parties' stances on the current
    ones). With ``since``, a revision number, each row also holds whether its clause is in
    that revision of its plan and the party's stance there, and each plan whether it has
    such a revision (one query more). Plans where the party holds no position in either
    revision are left out."""
    current_ones = list(current_revisions())
    others: dict[int, list[str]] = {}
    for version_id, stance in (
        Position.objects.filter(clause_version__revision__in=current_ones)
        .exclude(party=party)
        .order_by()
        .values_list("clause_version_id", "stance")
    ):
        others.setdefault(version_id, []).append(stance)
    then, plans_with_since = _stances_in(since, party=party, current_ones=current_ones)
    sides = [r for revision in current_ones for r in (revision, revision.previous) if r is not None]
    # Its source joined: the page's download dates each quote by its source. In no order:
    # a version holds one position of the party, and the default order joins the plan,
    # the revision and the version to sort thousands of rows.
    only_this_party = positions_with_party(
        Position.objects.filter(party=party).select_related("source").order_by()
    )
    versions = list(clause_versions_of(sides, positions=only_this_party))

    plans = []
    for revision in current_ones:
        mine = [v for v in versions if v.revision_id in (revision.pk, revision.previous_id)]
        if not any(v.positions.all() for v in mine):
            continue
        # With no previous revision, compare the current one with itself: nothing moved.
        result = diff_of_versions(revision.previous or revision, revision, mine)
        changes = {c.clause_id: c for c in result.clauses}
        current = [v for v in mine if v.revision_id == revision.pk]
        rows = tuple(
            PartyRow(
                version=v,
                position=next(iter(v.positions.all()), None),
                change=changes[v.clause_id],
                others=tuple(others.get(v.pk, ())),
                since=then.get((revision.plan_id, v.clause_id)),
                in_since=(revision.plan_id, v.clause_id) in then,
            )
            for v in current
        )
        dropped = tuple(c for c in result.clauses if c.change == ClauseChange.REMOVED)
        undescribed = tuple(c for c in result.clauses if c.change == ClauseChange.NOT_DESCRIBED)
        plans.append(
            PartyPlan(
                plan=revision.plan,
                revision=revision,
                previous=revision.previous,
                rows=rows,
                dropped=dropped,
                clause_count=len(rows),
                undescribed=undescribed,
                has_since=since is None or revision.plan_id in plans_with_since,
            )
        )
    return plans


def _stances_in(
    since: int | None, *, party: Party, current_ones: list[Revision]
) -> tuple[dict[tuple[int, int], str | None], set[int]]:
    """The clauses of revision ``since`` of each plan, by (plan, clause), with the party's
    stance on each (None where it held none), and the plans that have such a revision
    (one query, none without ``since``)."""
    clauses: dict[tuple[int, int], str | None] = {}
    plans: set[int] = set()
    if since is None:
        return clauses, plans
    # One row per clause version of the revision (a party holds one position on a
    # version), and one with no clause for a revision without any: it still exists.
    rows = (
        Revision.objects.filter(number=since, plan__in=[r.plan_id for r in current_ones])
        .annotate(
            mine=FilteredRelation(
                "clause_versions__positions",
                condition=Q(clause_versions__positions__party=party),
            )
        )
        .order_by()
        .values_list("plan_id", "clause_versions__clause_id", "mine__stance")
    )
    for plan_id, clause_id, stance in rows:
        plans.add(plan_id)
        if clause_id is not None:
            clauses[(plan_id, clause_id)] = stance
    return clauses, plans
