"""Revisions as the plain snapshots the diff takes, and the diff of any two of them.

The snapshots carry choice members (``Stance``, ``Topic``, ``ClauseStatus``) rather than
bare strings: they compare and serialise as the stored value, and templates can show
their ``label``. A position's and a clause version's fields are read by the names
clauses/fields.py declares; a field the diff does not read is carried along all the same
(``PositionSnapshot``, extended), so that every reader of a snapshot has it.

A diff of a large plan reads thousands of positions, so the diff and the snapshot read
plain rows (``values_list``, as the driver returns them: see rows.py) and turn each value
into its choice member with a dictionary lookup: building a model instance, or calling the
enum, per row costs far more than the diff itself. The helpers that take loaded
``ClauseVersion`` instances serve pages that already hold them.
"""

import dataclasses
import functools
import gc
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar

from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast

from clauses.fields import CLAUSE_VERSION, POSITION
from clauses.models import ClauseDeletion, ClauseVersion, Position, Revision
from clauses.selectors.lineage import predecessor_keys
from clauses.vocabularies import ClauseStatus, Stance, Topic
from comparison import diff as pure
from comparison.diff import (
    FULL_TEXT,
    ClauseDiff,
    ClauseSnapshot,
    LineageLink,
    RevisionDiff,
    RevisionSnapshot,
    diff,
    frozen_builder,
)
from core.fields import Declaration
from core.rows import BOOLEANS, Dates, plain_rows

# The diff's snapshot of a position, with every declared field (see the module docstring).
PositionSnapshot: type[pure.PositionSnapshot] = POSITION.extended(
    pure.PositionSnapshot, module=__name__
)
# Its fields after the party's slug, in order.
SNAPSHOT_FIELDS = tuple(field.name for field in dataclasses.fields(PositionSnapshot))[1:]
_position_snapshot_of = frozen_builder(PositionSnapshot)


def _choices_key(choices: Any) -> tuple:
    return tuple(choices)


# A choice's member by its stored value, for each vocabulary of the declared fields (by
# its choices, as a model field has them).
_MEMBERS: dict[tuple, dict[str, Any]] = {
    _choices_key(vocabulary.choices): {member.value: member for member in vocabulary}
    for vocabulary in (ClauseStatus, Stance, Topic)
}


def _stored(declaration: Declaration, names: Sequence[str]) -> list[tuple[int, Mapping]]:
    """For each of ``names`` whose stored value the snapshot holds as something else, its
    index and the lookup from the value as the driver returns it (see core/rows.py): a
    choice's member, a date, a boolean."""
    lookups: list[tuple[int, Mapping]] = []
    for index, name in enumerate(names):
        field = declaration.model_field(name)
        if field.choices and _choices_key(field.choices) in _MEMBERS:
            lookups.append((index, _MEMBERS[_choices_key(field.choices)]))
        elif isinstance(field, models.DateField):
            lookups.append((index, Dates()))
        elif isinstance(field, models.BooleanField):
            lookups.append((index, BOOLEANS))
    return lookups


def _loaded(declaration: Declaration, names: Sequence[str]) -> Callable[[object], list]:
    """A function from a loaded instance to its values of ``names`` as a snapshot holds
    them: each choice as its member (the ORM has converted the rest)."""
    values_of = operator.attrgetter(*names)
    members = [
        (index, lookup)
        for index, lookup in _stored(declaration, names)
        if declaration.model_field(names[index]).choices
    ]

    def loaded(instance) -> list:
        values = list(values_of(instance))
        for index, lookup in members:
            values[index] = lookup[values[index]]
        return values

    return loaded


_position_loaded = _loaded(POSITION, SNAPSHOT_FIELDS)
_clause_version_loaded = _loaded(CLAUSE_VERSION, CLAUSE_VERSION.names)
_TOPICS = _MEMBERS[_choices_key(Topic.choices)]

# The declared date fields of a position, read as text: SQLite's driver would otherwise
# parse every row's date itself (Django registers a converter for the declared type of
# the column), where ``Dates`` parses each distinct day once. An expression has no
# declared type, so the driver leaves it as it is.
_DATES_AS_TEXT = {
    f"{name}_as_text": Cast(name, models.CharField())
    for name in SNAPSHOT_FIELDS
    if isinstance(POSITION.model_field(name), models.DateField)
}
_SNAPSHOT_COLUMNS = tuple(
    f"{name}_as_text" if f"{name}_as_text" in _DATES_AS_TEXT else name for name in SNAPSHOT_FIELDS
)

P = ParamSpec("P")
R = TypeVar("R")


def _without_cycle_collection(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` run with Python's cycle collector paused.

    A diff of a large plan builds some hundred thousand small objects (rows, snapshots,
    party changes), none of them in a reference cycle; the collector, which runs every few
    hundred allocations and now and then walks every object alive, took a quarter of the
    diff's time finding nothing. Reference counting still frees everything as usual; the
    collector runs again as soon as the call returns.
    """

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():  # paused by a caller already: it resumes it
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


def parties_of(versions: Iterable[ClauseVersion]) -> list:
    """Every party holding a position on these (prefetched) versions, in party order."""
    parties = {p.party_id: p.party for v in versions for p in v.positions.all()}
    return sorted(parties.values(), key=lambda party: (party.sort_order, party.name))


def party_names_of(versions: Iterable[ClauseVersion]) -> dict[str, str]:
    """Slug to name of the parties on these versions, in the order ``diff`` lists them."""
    return {party.slug: party.name for party in parties_of(versions)}


def position_snapshot(position: Position) -> pure.PositionSnapshot:
    return _position_snapshot_of((position.party.slug, *_position_loaded(position)))


def clause_snapshot(version: ClauseVersion) -> ClauseSnapshot:
    clause = version.clause
    return ClauseSnapshot(
        clause_id=version.clause_id,
        slug=clause.slug,
        title=clause.title,
        topic=_TOPICS[clause.topic],
        positions={p.party.slug: position_snapshot(p) for p in version.positions.all()},
        **dict(zip(CLAUSE_VERSION.names, _clause_version_loaded(version), strict=True)),
    )


def snapshot_of(revision: Revision, versions: Sequence[ClauseVersion]) -> RevisionSnapshot:
    """The snapshot of ``revision`` from its clause versions, already loaded."""
    return RevisionSnapshot(
        revision_id=revision.pk,
        number=revision.number,
        label=revision.label,
        clauses=tuple(clause_snapshot(v) for v in versions),
        coverage=revision.coverage,
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
    before: ClauseVersion | None,
    after: ClauseVersion,
    *,
    party_names: dict[str, str],
    old_coverage: str = FULL_TEXT,
) -> ClauseDiff:
    """One clause from one version to another, or from nothing: a new clause, or one first
    described when the earlier revision (of ``old_coverage``) is partial."""
    old = RevisionSnapshot(
        None, None, "", (clause_snapshot(before),) if before else (), coverage=old_coverage
    )
    new = RevisionSnapshot(None, None, "", (clause_snapshot(after),))
    (result,) = diff(old, new, party_names=party_names).clauses
    return result


# A deletion's row among the clause versions' rows (``_deletion_rows``) has this status,
# which no clause version has (the database checks their statuses).
_DELETION_STATUS = ""
_CLAUSE_COLUMNS = (
    "pk",
    "revision_id",
    "clause_id",
    "clause__slug",
    "clause__title",
    "clause__topic",
)


def _deletion_rows(revision_ids: Sequence[int]):
    """The revisions' deletions in the shape of the clause versions' rows (the clause's
    columns, then each declared field blank, the status ``_DELETION_STATUS``), so that one
    query reads both and a diff costs what it cost before deletions existed."""
    blanks = {}
    for name in CLAUSE_VERSION.names:
        field = CLAUSE_VERSION.model_field(name)
        if name == "status":
            blank = Value(_DELETION_STATUS, output_field=models.CharField())
        elif isinstance(field, models.IntegerField):
            blank = Value(0, output_field=models.IntegerField())
        else:
            blank = Value("", output_field=models.CharField())
        blanks[f"deleted_{name}"] = blank
    # The lineage column of the clause versions' rows (see ``_load``).
    blanks["deleted_lineage"] = Value("", output_field=models.CharField())
    return (
        ClauseDeletion.objects.filter(revision__in=revision_ids)
        .order_by()
        .annotate(**blanks)
        .values_list(*_CLAUSE_COLUMNS, *blanks)
    )


def _lineage_column(lineage_of: tuple[Revision, Revision] | None):
    """The lineage column of the clause versions' rows: for a diff from ``old`` to
    ``new``, the strands ending in each clause recorded after ``old`` up to ``new``
    (``"kind:predecessor_id"``, comma-joined; read on the new side's rows only), else
    blank. An annotation of the rows already read: lineage costs the diff no query."""
    if lineage_of is None:
        return Value("", output_field=models.CharField())
    old, new = lineage_of
    return predecessor_keys(plan_id=new.plan_id, after_number=old.number, up_to_number=new.number)


def _lineage_links(keys: str | None, successor_id: int) -> list[LineageLink]:
    links = []
    for key in (keys or "").split(","):
        if key:
            kind, predecessor_id = key.split(":")
            links.append(LineageLink(kind, int(predecessor_id), successor_id))
    return links


@_without_cycle_collection
def _load(
    revisions: Sequence[Revision],
    *,
    lineage_of: tuple[Revision, Revision] | None = None,
) -> tuple[dict[int, RevisionSnapshot], dict[str, str]]:
    """The snapshots of the given revisions, and the names of their parties in the order
    ``diff`` lists them (two queries: the clause versions with their clauses and, in the
    same query, the clauses each revision strikes out; then all their positions with
    their parties)."""
    revision_ids = [revision.pk for revision in revisions]
    versions = (
        ClauseVersion.objects.filter(revision__in=revision_ids)
        .order_by()
        .annotate(lineage=_lineage_column(lineage_of))
        .values_list(*_CLAUSE_COLUMNS, *CLAUSE_VERSION.names, "lineage")
        .union(_deletion_rows(revision_ids), all=True)
        .order_by("revision_id", "position_in_draft", "pk")
    )
    # Unordered: sorting ten thousand rows, texts and all, costs the database more than
    # putting each clause's few positions in party order here costs Python.
    positions = (
        Position.objects.filter(clause_version__revision__in=revision_ids)
        .order_by()
        .annotate(**_DATES_AS_TEXT)
        .values_list(
            "clause_version_id",
            "party__name",
            "party__sort_order",
            "party__slug",
            *_SNAPSHOT_COLUMNS,
        )
    )
    version_rows = plain_rows(versions)

    # Each row: the clause version, the party's name and order, then the snapshot's
    # values (the party's slug, its fields), of which those stored as something else are
    # looked up in place. A position carried into the next draft unchanged reads the same
    # values on both sides: it is built once, and both sides hold that one snapshot,
    # which the diff then knows unchanged without comparing its fields.
    stored = [(index + 1, lookup) for index, lookup in _stored(POSITION, SNAPSHOT_FIELDS)]
    position_of = _position_snapshot_of
    built: dict[tuple, pure.PositionSnapshot] = {}
    by_version: dict[int, dict[str, pure.PositionSnapshot]] = {}
    parties: dict[str, tuple[int, str]] = {}
    for row in plain_rows(positions):
        version_id, party_name, sort_order, party_slug = row[:4]
        held = by_version.get(version_id)
        if held is None:
            held = by_version[version_id] = {}
        stored_values = row[3:]
        snapshot = built.get(stored_values)
        if snapshot is None:
            values = list(stored_values)
            for index, lookup in stored:
                values[index] = lookup[values[index]]
            snapshot = built[stored_values] = position_of(values)
        held[party_slug] = snapshot
        if party_slug not in parties:
            parties[party_slug] = (sort_order, party_name)

    # Parties by sort order then name, as parties_of lists them (then by slug, so a tie
    # does not depend on row order), and each clause's positions in that order.
    names = {
        slug: name
        for slug, (_, name) in sorted(parties.items(), key=lambda item: (*item[1], item[0]))
    }
    rank = {slug: index for index, slug in enumerate(names)}.__getitem__
    for version_id, held in by_version.items():
        order = sorted(held, key=rank)
        if order != list(held):
            by_version[version_id] = {slug: held[slug] for slug in order}

    declared = CLAUSE_VERSION.names
    version_stored = _stored(CLAUSE_VERSION, declared)
    clauses: dict[int, list[ClauseSnapshot]] = {pk: [] for pk in revision_ids}
    deleted: dict[int, set[int]] = {pk: set() for pk in revision_ids}
    status_index = declared.index("status")
    lineage: dict[int, list[LineageLink]] = {pk: [] for pk in revision_ids}
    for version_id, revision_id, clause_id, slug, title, topic, *values, keys in version_rows:
        if keys:
            lineage[revision_id].extend(_lineage_links(keys, clause_id))
        if values[status_index] == _DELETION_STATUS:
            deleted[revision_id].add(clause_id)
            continue
        for index, lookup in version_stored:
            values[index] = lookup[values[index]]
        clauses[revision_id].append(
            ClauseSnapshot(
                clause_id=clause_id,
                slug=slug,
                title=title,
                topic=_TOPICS[topic],
                positions=by_version.get(version_id, {}),
                **dict(zip(declared, values, strict=True)),
            )
        )

    snapshots = {
        revision.pk: RevisionSnapshot(
            revision_id=revision.pk,
            number=revision.number,
            label=revision.label,
            clauses=tuple(clauses[revision.pk]),
            coverage=revision.coverage,
            deleted=frozenset(deleted[revision.pk]),
            lineage=tuple(lineage[revision.pk]),
        )
        for revision in revisions
    }
    return snapshots, names


def revision_snapshot(revision: Revision) -> RevisionSnapshot:
    """One revision as the plain data the diff takes (two queries)."""
    snapshots, _names = _load([revision])
    return snapshots[revision.pk]


class NothingToCompare(Exception):
    """A revision that continues none was asked for its default diff."""

    def __init__(self, revision: Revision):
        self.revision = revision
        super().__init__(
            f"Revision {revision.number} is the first draft: it continues no earlier "
            "revision, so there is nothing to compare it against. Compare it with another "
            "revision of the plan by number."
        )


def default_against(revision: Revision) -> Revision:
    """The revision that ``revision`` is compared with when none is named: the one it
    continues (no query if ``previous`` is already joined).

    The first-revision rule, for the diff page and the API alike: a revision that continues
    no earlier one has no default diff, and asking for it raises ``NothingToCompare``. The
    diff page says so (in the words of the exception's message) and links on; the API
    answers 404 with the message. Such a revision can still be compared with any other
    named explicitly. Its clauses are not shown as all "added": nothing came before it to
    add them to, and a revision that describes only part of a plan would read as adding
    what it merely leaves undescribed.
    """
    previous = revision.previous  # no query for a revision that continues none
    if previous is None:
        raise NothingToCompare(revision)
    return previous


_diff_paused = _without_cycle_collection(diff)


def revision_diff(*, old: Revision, new: Revision) -> RevisionDiff:
    """What changed from ``old`` to ``new``, any two revisions of a plan (two queries: the
    clause versions of both sides, then all their positions with parties). The one diff
    of the pages and the API; ``default_against`` picks ``old`` when none is named."""
    snapshots, names = _load([old, new], lineage_of=(old, new))
    return _diff_paused(snapshots[old.pk], snapshots[new.pk], party_names=names)


def diff_snapshots(
    *, old: Revision, new: Revision
) -> tuple[dict[int, RevisionSnapshot], dict[str, str]]:
    """What ``revision_diff`` diffs, for a reader that changes the snapshots first (the
    diff in a language, comparison/selectors/diff_languages.py): the same two queries."""
    return _load([old, new], lineage_of=(old, new))


def revision_snapshots(
    revisions: Sequence[Revision],
) -> tuple[dict[int, RevisionSnapshot], dict[str, str]]:
    """Snapshots of several revisions by pk, and their parties' names in diff order, for
    a reader that diffs many pairs (two queries, however many revisions)."""
    return _load(revisions)
