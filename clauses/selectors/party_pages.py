"""Parties, and one party's positions on the latest revision of every plan."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery

from ..diff import ClauseDiff, PartyChange
from ..models import ClauseVersion, Plan, Position, Revision
from .diffs import clause_versions_of, diff_of_versions, positions_with_party

# The party model, reached through a relation: clauses must not import parties at import
# time (parties depends on clauses, never the reverse).
Party = Position._meta.get_field("party").related_model


def party_list() -> QuerySet:
    """Parties in their order, with how many positions each holds (one query)."""
    return Party.objects.annotate(position_count=Count("positions")).order_by("sort_order", "name")


@dataclass(frozen=True)
class PartyRow:
    version: ClauseVersion  # the clause in the latest revision
    position: Position | None  # the party's position on it; None if none recorded
    change: ClauseDiff  # the clause since the previous revision, this party's side only

    @property
    def movement(self) -> PartyChange | None:
        """The party's stance before and after; None when it held no position either side."""
        return self.change.parties[0] if self.change.parties else None


@dataclass(frozen=True)
class PartyPlan:
    plan: Plan
    revision: Revision  # the plan's latest revision
    previous: Revision | None  # the revision it continues
    rows: tuple[PartyRow, ...]  # the latest revision's clauses, in draft order
    dropped: tuple[ClauseDiff, ...]  # clauses of the previous revision the latest dropped


def party_positions(*, party) -> list[PartyPlan]:
    """The party's position on every clause of each plan's latest revision, and where it
    moved since the revision that one continues (three queries: the latest revisions,
    their clause versions and the previous revisions', this party's positions on them).
    Plans where the party holds no position in either revision are left out."""
    latest_number = (
        Revision.objects.filter(plan=OuterRef("plan")).order_by("-number").values("number")[:1]
    )
    latest = list(
        Revision.objects.filter(number=Subquery(latest_number))
        .select_related("plan", "previous")
        .order_by("plan__title")
    )
    sides = [r for revision in latest for r in (revision, revision.previous) if r is not None]
    only_this_party = positions_with_party(Position.objects.filter(party=party))
    versions = list(clause_versions_of(sides, positions=only_this_party))

    plans = []
    for revision in latest:
        mine = [v for v in versions if v.revision_id in (revision.pk, revision.previous_id)]
        if not any(v.positions.all() for v in mine):
            continue
        # With no previous revision, compare the latest with itself: nothing moved.
        result = diff_of_versions(revision.previous or revision, revision, mine)
        changes = {c.clause_id: c for c in result.clauses}
        current = [v for v in mine if v.revision_id == revision.pk]
        rows = tuple(
            PartyRow(
                version=v,
                position=next(iter(v.positions.all()), None),
                change=changes[v.clause_id],
            )
            for v in current
        )
        dropped = tuple(c for c in result.clauses if c.change == "removed")
        plans.append(
            PartyPlan(
                plan=revision.plan,
                revision=revision,
                previous=revision.previous,
                rows=rows,
                dropped=dropped,
            )
        )
    return plans
