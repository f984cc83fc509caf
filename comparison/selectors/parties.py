"""The parties' reads: the list with counts, one party, and one party's positions on the
current revision of every plan. Built on the clauses app's public selectors."""

from dataclasses import dataclass

from django.db.models import Count, FilteredRelation, Q, QuerySet

from clauses.fields import POSITION
from clauses.models import ClauseVersion, Plan, Position, Revision
from clauses.selectors import current_revisions
from clauses.vocabularies import Coverage
from comparison.party_table import (
    ClauseRow,
    HeldPosition,
    PartyRow,
    VersionRead,
    VersionRow,
    gone_from,
    plan_rows,
)
from parties.models import Party


def party_list() -> QuerySet[Party]:
    """Parties in their order, with how many positions each holds (one query)."""
    return Party.objects.annotate(position_count=Count("positions")).order_by("sort_order", "name")


@dataclass(frozen=True)
class PartyPlan:
    plan: Plan
    revision: Revision  # the plan's current revision
    previous: Revision | None  # the revision it continues
    rows: tuple[PartyRow, ...]  # the current revision's clauses, in draft order
    dropped: tuple[ClauseRow, ...]  # clauses of the previous revision the current dropped
    clause_count: int = 0  # the current revision's clauses, whatever rows a page keeps
    # clauses of the previous revision the current one, partial, does not describe
    undescribed: tuple[ClauseRow, ...] = ()
    # With a revision asked about: False when the plan has no revision of that number.
    has_since: bool = True


def party_positions(*, party: Party, since: int | None = None) -> list[PartyPlan]:
    """The party's position on every clause of each plan's current revision, where it
    moved since the revision that one continues, and the other parties' stances beside it
    (three queries: the current revisions, their clause versions and the previous
    revisions' with this party's positions on them, the other parties' stances on the
    current ones). With ``since``, a revision number, each row also holds whether its
    clause is in that revision of its plan and the party's stance there, and each plan
    whether it has such a revision (one query more). Plans where the party holds no
    position in either revision are left out."""
    current_ones = list(current_revisions())
    reads = _versions_with_positions(
        [r for revision in current_ones for r in (revision.pk, revision.previous_id) if r],
        party=party,
    )
    others = _other_stances([revision.pk for revision in current_ones], party=party)
    then = _stances_in(since, party=party, current_ones=current_ones)

    plans = []
    for revision in current_ones:
        current = reads.get(revision.pk, [])
        previous = reads.get(revision.previous_id, []) if revision.previous_id else None
        if not any(read.position for read in (*current, *(previous or ()))):
            continue
        rows = plan_rows(
            current,
            previous,
            previous_partial=revision.previous is not None
            and revision.previous.coverage == Coverage.PARTIAL,
            others=others,
            then=None if since is None else then.get(revision.plan_id, {}),
        )
        gone = tuple(gone_from(current, previous)) if previous else ()
        not_described = revision.coverage == Coverage.PARTIAL
        plans.append(
            PartyPlan(
                plan=revision.plan,
                revision=revision,
                previous=revision.previous,
                rows=rows,
                dropped=() if not_described else gone,
                clause_count=len(rows),
                undescribed=gone if not_described else (),
                has_since=since is None or revision.plan_id in then,
            )
        )
    return plans


# What a row reads of the party's position: its own fields as declared, then the date of
# the source it cites (the page's download dates each quote by its source).
_POSITION_COLUMNS = (
    "mine__id",
    *(f"mine__{name}" for name in POSITION.names),
    "mine__source__published_on",
    "mine__source__published_on_precision",
)


def _versions_with_positions(
    revision_ids: list[int], *, party: Party
) -> dict[int, list[VersionRead]]:
    """The clause versions of the given revisions in draft order, by revision, each with
    its clause and the party's position on it (one query). Plain values: a model instance
    per version and position cost the page most of its time, for a hundred rows shown."""
    rows = (
        ClauseVersion.objects.filter(revision__in=revision_ids)
        .annotate(mine=FilteredRelation("positions", condition=Q(positions__party=party)))
        .order_by("revision_id", "position_in_draft", "pk")
        .values_list(
            "revision_id",
            "pk",
            "clause_id",
            "clause__slug",
            "clause__title",
            "clause__topic",
            "number",
            "status",
            "position_in_draft",
            *_POSITION_COLUMNS,
        )
    )
    declared = len(POSITION.names)
    reads: dict[int, list[VersionRead]] = {}
    for revision_id, pk, clause_id, slug, title, topic, number, status, place, *mine in rows:
        clause = ClauseRow(clause_id, slug, title, topic)
        position_id = mine[0]
        position = (
            HeldPosition(position_id, tuple(mine[1 : declared + 1]), tuple(mine[declared + 1 :]))
            if position_id is not None
            else None
        )
        reads.setdefault(revision_id, []).append(
            VersionRead(clause, place, VersionRow(pk, clause, number, status), position)
        )
    return reads


def _other_stances(revision_ids: list[int], *, party: Party) -> dict[int, list[str]]:
    """The other parties' stances on the clause versions of the given revisions, by
    version (one query)."""
    others: dict[int, list[str]] = {}
    for version_id, stance in (
        Position.objects.filter(clause_version__revision__in=revision_ids)
        .exclude(party=party)
        .order_by()
        .values_list("clause_version_id", "stance")
    ):
        others.setdefault(version_id, []).append(stance)
    return others


def _stances_in(
    since: int | None, *, party: Party, current_ones: list[Revision]
) -> dict[int, dict[int, str | None]]:
    """The plans that have a revision ``since``, each with that revision's clauses and the
    party's stance on each (None where it held none) by clause (one query, none without
    ``since``)."""
    plans: dict[int, dict[int, str | None]] = {}
    if since is None:
        return plans
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
        clauses = plans.setdefault(plan_id, {})
        if clause_id is not None:
            clauses[clause_id] = stance
    return plans
