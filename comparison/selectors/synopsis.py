"""The synopsis of several revisions, read from the database as the plain data the pure
module (comparison/synopsis.py) takes.

Five queries, however many columns, clauses and parties: the clause versions of the picked
revisions with their clauses; their positions' stances (no quotes, no party: a stance per
party and clause version is all the filters and counts read); the parties; the clauses the
picked revisions strike out; the splits and merges recorded anywhere in the plan (a
column's line back to the first draft may hold the one that carried a clause on). One more
when a column is shown in a language: the translations of those columns' clause versions.
The plan's revisions, which the page lists in its form anyway, are read by the caller
(``revisions_of``, one query) and passed in. The quotes of the rows shown are one query
more (``quoted_rows``).
"""

from collections.abc import Sequence
from dataclasses import replace

from clauses.models import ClauseDeletion, ClauseLineage, ClauseVersion, Plan, Position, Revision
from comparison import synopsis as pure
from comparison.selectors.diffs import _without_cycle_collection
from core.rows import plain_rows
from parties.models import Party
from translations.languages import LANGUAGES
from translations.models import ClauseVersionTranslation, text_sha256
from translations.selectors import original_language


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


def language_name(code: str) -> str:
    return LANGUAGES[code].name if code in LANGUAGES else code


def _columns(
    revisions: Sequence[pure.RevisionInfo], picks: Sequence[pure.ColumnPick], original: str
) -> list[pure.RevisionInfo]:
    by_number = {revision.number: revision for revision in revisions}
    return [
        replace(
            by_number[pick.number],
            language=pick.language,
            language_name=language_name(pick.language or original),
        )
        for pick in picks
    ]


# Tens of thousands of stances and wordings, none in a reference cycle: the cycle collector
# would walk every object alive several times over while they are read (see diffs.py).
@_without_cycle_collection
def synopsis_of(
    *,
    plan: Plan,
    revisions: Sequence[pure.RevisionInfo],
    picks: Sequence[pure.ColumnPick],
    base: int,
) -> pure.Synopsis:
    """The synopsis of the columns ``picks`` (in that order) of ``plan``, whose revisions
    are ``revisions``, compared with the column at index ``base`` (five queries, six with
    a column in a language)."""
    original = original_language()
    columns = _columns(revisions, picks, original)
    ids = sorted({column.revision_id for column in columns})
    numbers = sorted({column.number for column in columns})

    clauses: dict[int, pure.ClauseInfo] = {}
    wordings: dict[tuple[int, int], pure.Wording] = {}
    version_keys: dict[int, tuple[int, int]] = {}
    versions = (
        ClauseVersion.objects.filter(revision__in=ids)
        .order_by()
        .values_list(
            "id",
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
    for pk, revision_id, clause_id, number, place, text, status, slug, title, topic in plain_rows(
        versions
    ):
        wordings[(revision_id, clause_id)] = pure.Wording(clause_id, number, place, text, status)
        version_keys[pk] = (revision_id, clause_id)
        if clause_id not in clauses:
            clauses[clause_id] = pure.ClauseInfo(clause_id, slug, title, topic)

    # Named by plan and number, not by revision id: PostgreSQL then reaches the positions
    # through the revisions' index instead of scanning every position of the database.
    stances = (
        Position.objects.filter(
            clause_version__revision__plan=plan, clause_version__revision__number__in=numbers
        )
        .order_by()
        .values_list("clause_version_id", "party_id", "stance")
    )
    all_parties = {
        pk: (slug, name, short_name, order)
        for pk, slug, name, short_name, order in Party.objects.order_by().values_list(
            "pk", "slug", "name", "short_name", "sort_order"
        )
    }
    positions: dict[tuple[int, int], dict[str, pure.Stated]] = {}
    # One Stated per party and stance: tens of them for tens of thousands of positions.
    stated: dict[tuple[int, str], pure.Stated] = {}
    for version_id, party_id, stance in plain_rows(stances):
        said = stated.get((party_id, stance))
        if said is None:
            said = stated[(party_id, stance)] = pure.Stated(all_parties[party_id][0], stance)
        positions.setdefault(version_keys[version_id], {})[said.party_slug] = said
    seen = {party_id for party_id, _ in stated}
    ordered = sorted(
        (all_parties[pk] for pk in seen), key=lambda party: (party[3], party[1], party[0])
    )

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

    data = pure.SynopsisData(
        columns=columns,
        base=columns[base].number,
        base_column=base,
        clauses=clauses,
        wordings=wordings,
        positions=positions,
        deleted=deleted,
        strands=strands,
        previous={revision.revision_id: revision.previous_id for revision in revisions},
        parties=[pure.PartyInfo(slug, name, short) for slug, name, short, _ in ordered],
        translations=_translations(columns, wordings),
        original=original,
    )
    return pure.synopsis(data)


def _translations(
    columns: Sequence[pure.RevisionInfo], wordings: dict[tuple[int, int], pure.Wording]
) -> dict[tuple[int, int, str], pure.Translated]:
    """The texts of the columns shown in a language (one query; none without such a
    column), each marked stale when made from another wording than the version's."""
    wanted = {(column.revision_id, column.language) for column in columns if column.language}
    if not wanted:
        return {}
    rows = (
        ClauseVersionTranslation.objects.filter(
            clause_version__revision__in={revision for revision, _ in wanted},
            language__in={language for _, language in wanted},
        )
        .order_by()
        .values_list(
            "clause_version__revision_id",
            "clause_version__clause_id",
            "language",
            "text",
            "official",
            "original_sha256",
        )
    )
    found = {}
    for revision_id, clause_id, language, text, official, sha256 in rows:
        wording = wordings.get((revision_id, clause_id))
        if (revision_id, language) in wanted and wording is not None:
            stale = sha256 != text_sha256(wording.text)
            found[(revision_id, clause_id, language)] = pure.Translated(text, official, stale)
    return found


def quoted_rows(*, plan: Plan, result: pure.Synopsis, rows: Sequence[pure.Row]) -> list[pure.Row]:
    """``rows`` of ``result`` with their stances' quotes (one query; none for no rows)."""
    if not rows:
        return []
    ids = {column.revision_id for column in result.columns}
    positions = Position.objects.filter(
        clause_version__revision__plan=plan, clause_version__revision__in=ids
    )
    if len(rows) < len(result.rows):  # not every row: name them
        clause_ids = [row.clause.clause_id for row in rows]
        positions = positions.filter(clause_version__clause__in=clause_ids)
    said = (
        positions.exclude(quote="")
        .order_by()
        .values_list(
            "clause_version__revision_id", "clause_version__clause_id", "party__slug", "quote"
        )
    )
    quotes: dict[tuple[int, int], dict[str, str]] = {}
    for revision_id, clause_id, slug, quote in said:
        quotes.setdefault((revision_id, clause_id), {})[slug] = quote
    return pure.quoted(result, rows, quotes)
