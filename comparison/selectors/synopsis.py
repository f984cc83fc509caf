"""The synopsis of several revisions, read from the database as the plain data the pure
module (comparison/synopsis.py) takes.

Four queries, however many columns, clauses and parties: the clause versions of the picked
revisions with their clauses; all their positions with their parties; the clauses the
picked revisions strike out; the splits and merges recorded anywhere in the plan (a
column's line back to the first draft may hold the one that carried a clause on). The
plan's revisions, which the page lists in its form anyway, are read by the caller
(``revisions_of``, one query) and passed in.
"""

from collections.abc import Sequence

from clauses.models import ClauseDeletion, ClauseLineage, ClauseVersion, Plan, Position, Revision
from comparison import synopsis as pure
from core.rows import plain_rows


def revision_infos(revisions: Sequence[Revision]) -> list[pure.RevisionInfo]:
    """The plan's revisions (already read) as the pure module's plain data (no query)."""
    return [
        pure.RevisionInfo(
            revision_id=revision.pk,
            number=revision.number,
            label=revision.label,
            published_on=revision.published_on,
            provenance=revision.provenance,
            coverage=revision.coverage,
            branch=revision.branch,
            withdrawn=revision.withdrawn,
            previous_id=revision.previous_id,
        )
        for revision in revisions
    ]


def synopsis_of(
    *, plan: Plan, revisions: Sequence[pure.RevisionInfo], numbers: Sequence[int], base: int
) -> pure.Synopsis:
    """The synopsis of the revisions numbered ``numbers`` (in that order) of ``plan``,
    whose revisions are ``revisions``, compared with revision ``base`` (four queries)."""
    by_number = {revision.number: revision for revision in revisions}
    columns = [by_number[number] for number in numbers]
    ids = [column.revision_id for column in columns]

    clauses: dict[int, pure.ClauseInfo] = {}
    wordings: dict[tuple[int, int], pure.Wording] = {}
    versions = (
        ClauseVersion.objects.filter(revision__in=ids)
        .order_by()
        .values_list(
            "revision_id",
            "clause_id",
            "number",
            "position_in_draft",
            "text",
            "status",
            "clause__slug",
            "clause__title",
            "clause__topic",
        )
    )
    for revision_id, clause_id, number, place, text, status, slug, title, topic in plain_rows(
        versions
    ):
        wordings[(revision_id, clause_id)] = pure.Wording(clause_id, number, place, text, status)
        if clause_id not in clauses:
            clauses[clause_id] = pure.ClauseInfo(clause_id, slug, title, topic)

    positions: dict[tuple[int, int], dict[str, pure.Stated]] = {}
    parties: dict[str, tuple[int, str, str]] = {}
    # Named by plan and number, not by revision id: PostgreSQL then reaches the positions
    # through the revisions' index instead of scanning every position of the database.
    rows = (
        Position.objects.filter(
            clause_version__revision__plan=plan, clause_version__revision__number__in=numbers
        )
        .order_by()
        .values_list(
            "clause_version__revision_id",
            "clause_version__clause_id",
            "party__slug",
            "party__name",
            "party__short_name",
            "party__sort_order",
            "stance",
            "quote",
        )
    )
    for revision_id, clause_id, slug, name, short_name, order, stance, quote in plain_rows(rows):
        held = positions.setdefault((revision_id, clause_id), {})
        held[slug] = pure.Stated(slug, stance, quote)
        if slug not in parties:
            parties[slug] = (order, name, short_name)

    deleted = frozenset(
        ClauseDeletion.objects.filter(revision__in=ids)
        .order_by()
        .values_list("revision_id", "clause_id")
    )

    strands = []
    lineage = (
        ClauseLineage.objects.filter(revision__plan=plan)
        .order_by()
        .values_list(
            "revision_id",
            "kind",
            "predecessor_id",
            "successor_id",
            "successor__slug",
            "successor__title",
            "successor__topic",
        )
    )
    for revision_id, kind, predecessor, successor, slug, title, topic in lineage:
        strands.append(pure.Strand(revision_id, kind, predecessor, successor))
        if successor not in clauses:
            clauses[successor] = pure.ClauseInfo(successor, slug, title, topic)

    ordered = sorted(parties.items(), key=lambda item: (item[1][0], item[1][1], item[0]))
    data = pure.SynopsisData(
        columns=columns,
        base=base,
        clauses=clauses,
        wordings=wordings,
        positions=positions,
        deleted=deleted,
        strands=strands,
        previous={revision.revision_id: revision.previous_id for revision in revisions},
        parties=[pure.PartyInfo(slug, name, short) for slug, (_, name, short) in ordered],
    )
    return pure.synopsis(data)
