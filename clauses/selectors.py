"""Reads: querysets and plain data with what their pages need already joined or prefetched.

Every read here costs a fixed number of SQL queries, whatever the size of the plan; the
tests in tests/test_pages_query_counts.py pin each budget.
"""

from collections.abc import Iterable, Sequence

from django.db.models import Count, Max, Prefetch, QuerySet

from .diff import ClauseSnapshot, PositionSnapshot, RevisionDiff, RevisionSnapshot, diff
from .models import ClauseVersion, Plan, Position, Revision


def plan_list() -> QuerySet[Plan]:
    """Plans with their number of revisions and latest revision number (one query)."""
    return Plan.objects.annotate(
        revision_count=Count("revisions"), latest_revision_number=Max("revisions__number")
    ).order_by("title")


# Snapshots and diffs.


def positions_with_party() -> Prefetch:
    """Prefetch of a clause version's positions with their party joined (one query)."""
    return Prefetch("positions", queryset=Position.objects.select_related("party"))


def clause_versions_of(revisions: Iterable[Revision]) -> QuerySet[ClauseVersion]:
    """The clause versions of the given revisions in draft order, with clause and positions
    (two queries however many revisions: the versions, then all their positions)."""
    return (
        ClauseVersion.objects.filter(revision__in=[r.pk for r in revisions])
        .select_related("clause")
        .prefetch_related(positions_with_party())
        .order_by("revision_id", "position_in_draft", "pk")
    )


def _position_snapshot(position: Position) -> PositionSnapshot:
    return PositionSnapshot(
        party_slug=position.party.slug,
        stance=position.stance,
        summary=position.summary,
        quote=position.quote,
        source_title=position.source_title,
        source_url=position.source_url,
        stated_on=position.stated_on,
        carried_over=position.carried_over,
    )


def _clause_snapshot(version: ClauseVersion) -> ClauseSnapshot:
    return ClauseSnapshot(
        clause_id=version.clause_id,
        slug=version.clause.slug,
        title=version.clause.title,
        topic=version.clause.topic,
        number=version.number,
        position_in_draft=version.position_in_draft,
        text=version.text,
        status=version.status,
        positions={p.party.slug: _position_snapshot(p) for p in version.positions.all()},
    )


def _revision_snapshot(revision: Revision, versions: Sequence[ClauseVersion]) -> RevisionSnapshot:
    return RevisionSnapshot(
        revision_id=revision.pk,
        number=revision.number,
        label=revision.label,
        clauses=tuple(_clause_snapshot(v) for v in versions),
    )


def party_names_of(versions: Iterable[ClauseVersion]) -> dict[str, str]:
    """Slug to name of every party holding a position on these (prefetched) versions, in
    the parties' own order (sort order, then name), as ``clauses.diff.diff`` expects."""
    parties = {p.party.slug: p.party for v in versions for p in v.positions.all()}
    ordered = sorted(parties.values(), key=lambda party: (party.sort_order, party.name))
    return {party.slug: party.name for party in ordered}


def revision_snapshot(revision: Revision) -> RevisionSnapshot:
    """One revision as the plain data the diff takes (two queries)."""
    return _revision_snapshot(revision, list(clause_versions_of([revision])))


def revision_diff(*, old: Revision, new: Revision) -> RevisionDiff:
    """What changed from ``old`` to ``new``, any two revisions of a plan (two queries: the
    clause versions of both sides, then all their positions with parties)."""
    versions = list(clause_versions_of([old, new]))
    by_revision: dict[int, list[ClauseVersion]] = {old.pk: [], new.pk: []}
    for version in versions:
        by_revision[version.revision_id].append(version)
    return diff(
        _revision_snapshot(old, by_revision[old.pk]),
        _revision_snapshot(new, by_revision[new.pk]),
        party_names=party_names_of(versions),
    )
