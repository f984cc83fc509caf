"""Revisions as the plain snapshots the diff takes, and the diff of any two of them.

The snapshots carry choice members (``Stance``, ``Topic``, ``ClauseStatus``) rather than
bare strings: they compare and serialise as the stored value, and templates can show
their ``label``.
"""

from collections.abc import Iterable, Sequence

from django.db.models import Prefetch, QuerySet

from ..choices import ClauseStatus, Topic
from ..diff import (
    ClauseDiff,
    ClauseSnapshot,
    PositionSnapshot,
    RevisionDiff,
    RevisionSnapshot,
    diff,
)
from ..models import ClauseVersion, Position, Revision
from ..stance import Stance


def positions_with_party(queryset: QuerySet[Position] | None = None) -> Prefetch:
    """Prefetch of a clause version's positions with their party joined (one query)."""
    queryset = Position.objects.all() if queryset is None else queryset
    return Prefetch("positions", queryset=queryset.select_related("party"))


def clause_versions_of(
    revisions: Iterable[Revision], *, positions: Prefetch | None = None
) -> QuerySet[ClauseVersion]:
    """The clause versions of the given revisions in draft order, with clause and positions
    (two queries however many revisions: the versions, then all their positions)."""
    return (
        ClauseVersion.objects.filter(revision__in=[r.pk for r in revisions])
        .select_related("clause")
        .prefetch_related(positions or positions_with_party())
        .order_by("revision_id", "position_in_draft", "pk")
    )


def parties_of(versions: Iterable[ClauseVersion]) -> list:
    """Every party holding a position on these (prefetched) versions, in party order."""
    parties = {p.party_id: p.party for v in versions for p in v.positions.all()}
    return sorted(parties.values(), key=lambda party: (party.sort_order, party.name))


def party_names_of(versions: Iterable[ClauseVersion]) -> dict[str, str]:
    """Slug to name of the parties on these versions, in the order ``diff`` lists them."""
    return {party.slug: party.name for party in parties_of(versions)}


def position_snapshot(position: Position) -> PositionSnapshot:
    return PositionSnapshot(
        party_slug=position.party.slug,
        stance=Stance(position.stance),
        summary=position.summary,
        quote=position.quote,
        source_title=position.source_title,
        source_url=position.source_url,
        stated_on=position.stated_on,
        carried_over=position.carried_over,
    )


def clause_snapshot(version: ClauseVersion) -> ClauseSnapshot:
    return ClauseSnapshot(
        clause_id=version.clause_id,
        slug=version.clause.slug,
        title=version.clause.title,
        topic=Topic(version.clause.topic),
        number=version.number,
        position_in_draft=version.position_in_draft,
        text=version.text,
        status=ClauseStatus(version.status),
        positions={p.party.slug: position_snapshot(p) for p in version.positions.all()},
    )


def snapshot_of(revision: Revision, versions: Sequence[ClauseVersion]) -> RevisionSnapshot:
    """The snapshot of ``revision`` from its clause versions, already loaded."""
    return RevisionSnapshot(
        revision_id=revision.pk,
        number=revision.number,
        label=revision.label,
        clauses=tuple(clause_snapshot(v) for v in versions),
    )


def diff_of_versions(
    old: Revision, new: Revision, versions: Sequence[ClauseVersion]
) -> RevisionDiff:
    """The diff of two revisions from the clause versions of both, already loaded."""
    by_revision: dict[int, list[ClauseVersion]] = {old.pk: [], new.pk: []}
    for version in versions:
        by_revision[version.revision_id].append(version)
    return diff(
        snapshot_of(old, by_revision[old.pk]),
        snapshot_of(new, by_revision[new.pk]),
        party_names=party_names_of(versions),
    )


def clause_version_diff(
    before: ClauseVersion | None, after: ClauseVersion, *, party_names: dict[str, str]
) -> ClauseDiff:
    """One clause from one version to another, or from nothing (a new clause)."""
    old = RevisionSnapshot(None, None, "", (clause_snapshot(before),) if before else ())
    new = RevisionSnapshot(None, None, "", (clause_snapshot(after),))
    (result,) = diff(old, new, party_names=party_names).clauses
    return result


def revision_snapshot(revision: Revision) -> RevisionSnapshot:
    """One revision as the plain data the diff takes (two queries)."""
    return snapshot_of(revision, list(clause_versions_of([revision])))


def revision_diff(*, old: Revision, new: Revision) -> RevisionDiff:
    """What changed from ``old`` to ``new``, any two revisions of a plan (two queries: the
    clause versions of both sides, then all their positions with parties)."""
    return diff_of_versions(old, new, list(clause_versions_of([old, new])))
