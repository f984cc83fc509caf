"""What changed between two revisions of a plan, clause by clause and party by party.

A pure module: it takes plain snapshots of two revisions (loaded by a selector) and returns
plain frozen dataclasses that the HTML pages, the API and the feeds render alike. Any two
revisions can be compared, in either direction; nothing assumes they are neighbours.

Choices worth knowing when rendering the result:

- Clauses are matched by ``clause_id``. A clause counts as ``changed`` when its text,
  status, number or positions differ; a move within the draft that keeps its number does
  not, since ``position_in_draft`` shifts for every clause after an insertion.
- Clauses come in the new revision's draft order. A removed clause follows the closest
  clause that preceded it in the old draft and survives in the new one (wherever that one
  now stands), so it shows where it used to be; removed clauses at the head of the old
  draft come first. Removed clauses sharing one anchor keep their old order.
- A position counts as changed when its stance, summary, quote or source changed, or when
  it appears or disappears. ``carried_over`` and ``stated_on`` are exposed but alone do
  not change a clause.
- A revision's ``coverage`` says what its silence means. In a ``full_text`` revision a
  clause that is absent is absent; in a ``partial`` one (a report describing some points)
  it is only not described. So a clause missing from a partial side is never ``added`` or
  ``removed``: it is ``first_described`` (the old side is partial and silent on it) or
  ``not_described`` (the new side is partial and silent on it), counted apart.
- A clause the new revision explicitly strikes out (``RevisionSnapshot.deleted``, an
  editor's record that the draft deletes it) is ``deleted``, whatever either side's
  coverage: not "not described", and not merely "removed".
- A party's direction is ``toward`` when its stance rose on the ordinal scale (closer to
  ``supports``), ``away`` when it fell, and ``unknown`` when either side is ``unknown`` or
  missing: an unknown stance is never counted as 0. It is computed only between two
  statements: two stances resting on the same quote are one statement read twice, not a
  move, so their direction is ``unknown`` too.
- The agreement gap of a clause version is the spread of the known stances of all parties
  holding a position on it, so it also moves when a party's position appears or goes.
- Lineage (``RevisionSnapshot.lineage``, the strands of the splits and merges recorded
  between the two revisions) applies where its predecessor is in the old revision and its
  successor in the new. A predecessor gone from the new revision is ``split`` (into the
  clauses ``split_into`` lists) or ``merged`` (into ``merged_into``) rather than
  ``removed``; a successor new in the new revision is ``split_from`` or ``merged_from``
  rather than ``added`` (its before-fields stay empty, as for an added clause). A clause
  in both revisions that a split or merge continues is ``changed`` (``lineage`` among
  its changed fields) and lists itself among ``split_into`` or ``merged_from``. A clause
  in both revisions is ``moved`` when its number changed or its place among the clauses
  both revisions hold.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from clauses.moves import direction_of_values
from clauses.vocabularies import ORDINAL
from comparison.textdiff import TextDiff, deferred_word_diff

DUPLICATE_CLAUSE = (
    "Revision {revision!r} lists clause_id {clause_id} more than once: "
    "each clause may appear only once in a revision."
)
NO_CLAUSE = "A clause diff needs the clause in one revision at least."
NO_POSITION = "A party change needs the position of {party!r} on one side at least."
POSITION_KEY_MISMATCH = (
    "Clause {clause_id} keys the position of party {party!r} under {key!r}: "
    "key the positions mapping by each position's party_slug."
)


if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def frozen_builder(cls: type[T]) -> Callable[[Sequence[Any]], T]:
    """A constructor for the frozen dataclass ``cls`` taking every field's value, in field
    order, as one sequence: ``frozen_builder(cls)(values) == cls(*values)``.

    The generated ``__init__`` of a frozen dataclass sets each field through its own
    ``object.__setattr__`` call; on a large plan, where a diff builds thousands of
    position snapshots and party changes, that is a good share of the time. This sets the
    instance's fields in one step, so it serves only classes whose ``__init__`` does
    nothing else (no ``__post_init__``, no ``__slots__``).
    """
    if hasattr(cls, "__post_init__") or "__slots__" in vars(cls):
        raise TypeError(f"{cls.__name__} does more on creation than set its fields.")
    names = tuple(f.name for f in fields(cls))
    new, set_attribute = object.__new__, object.__setattr__

    def build(values: Sequence[Any]) -> T:
        instance = new(cls)
        set_attribute(instance, "__dict__", dict(zip(names, values, strict=True)))
        return instance

    return build


# The ordinal value of a stance, None for unknown or a value not on the scale: the lookup
# stance_value makes, without a call per position.
_ORDINAL_GET = ORDINAL.get


# Input: the snapshots a selector builds from the database.


@dataclass(frozen=True)
class PositionSnapshot:
    party_slug: str
    stance: str
    summary: str = ""
    quote: str = ""
    source_title: str = ""
    source_url: str = ""
    stated_on: datetime.date | None = None
    carried_over: bool = False
    demand: str = ""  # what the party demands beyond the clause as worded
    source: int | None = None  # the id of the recorded source it cites
    quote_check: str = "not_checked"  # checked, not_checked or paraphrase
    stated_on_precision: str = "day"


@dataclass(frozen=True)
class ClauseSnapshot:
    clause_id: int
    slug: str
    title: str
    topic: str
    number: str
    position_in_draft: int
    text: str
    status: str
    positions: Mapping[str, PositionSnapshot]  # keyed by party slug


FULL_TEXT = "full_text"
PARTIAL = "partial"  # the values of clauses.vocabularies.Coverage


@dataclass(frozen=True)
class LineageLink:
    """One strand of a split or a merge: ``predecessor`` (a clause id) lives on as
    ``successor``; ``kind`` is a clauses.vocabularies.LineageKind value."""

    kind: str
    predecessor_id: int
    successor_id: int


SPLIT = "split"
MERGE = "merge"  # the values of clauses.vocabularies.LineageKind


@dataclass(frozen=True)
class RevisionSnapshot:
    revision_id: int | None
    number: int | None
    label: str
    clauses: Sequence[ClauseSnapshot] = ()
    coverage: str = FULL_TEXT
    deleted: frozenset[int] = frozenset()  # the clause ids this revision strikes out
    # The strands of the splits and merges recorded up to this revision since the one it
    # is compared with (the diff reads those of the new side).
    lineage: Sequence[LineageLink] = ()


# Output.


class ClauseChange(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FIRST_DESCRIBED = "first_described"  # only in the new revision; the old one is partial
    NOT_DESCRIBED = "not_described"  # only in the old revision; the new one is partial
    SPLIT = "split"  # only in the old revision; lives on as the clauses of split_into
    MERGED = "merged"  # only in the old revision; lives on in the clause of merged_into
    SPLIT_FROM = "split_from"  # only in the new revision; made from the clause of split_from
    MERGED_FROM = "merged_from"  # only in the new revision; the clauses of merged_from merged
    DELETED = "deleted"  # only in the old revision; the new one strikes it out


class ClauseField(StrEnum):
    TEXT = "text"
    STATUS = "status"
    NUMBER = "number"
    POSITIONS = "positions"
    LINEAGE = "lineage"  # split into several clauses, or merged with others, and continues


class Direction(StrEnum):
    """Where a party's stance went on the ordinal scale."""

    TOWARD = "toward"  # closer to supports
    AWAY = "away"
    UNCHANGED = "unchanged"
    UNKNOWN = "unknown"  # unknown or missing on either side


# The directions of clauses.moves, as this module's enum.
_DIRECTIONS = {direction.value: direction for direction in Direction}


class Convergence(StrEnum):
    """How the agreement gap of a clause moved."""

    CONVERGED = "converged"  # the gap narrowed
    DIVERGED = "diverged"
    UNCHANGED = "unchanged"
    UNKNOWN = "unknown"  # fewer than two known stances on either side


@dataclass(frozen=True)
class PartyChange:
    """One party's position on one clause, before and after."""

    party_slug: str
    party_name: str
    before: PositionSnapshot | None
    after: PositionSnapshot | None
    stance_before: str | None
    stance_after: str | None
    value_before: int | None  # ordinal value; None for unknown or missing
    value_after: int | None
    direction: Direction
    stance_changed: bool
    summary_changed: bool
    quote_changed: bool
    source_changed: bool  # title or url
    stated_on_changed: bool
    changed: bool  # stance, summary, quote, demand or source changed, or it came or went
    demand_changed: bool = False

    @property
    def moved(self) -> bool:
        return self.direction in (Direction.TOWARD, Direction.AWAY)

    @property
    def carried_over(self) -> bool:
        """The new position was copied from an earlier revision and not yet reconfirmed."""
        return self.after is not None and self.after.carried_over


@dataclass(frozen=True)
class ClauseRef:
    """A clause a split or merge links to, with its number in the revision it is in there."""

    clause_id: int
    slug: str
    title: str
    number: str


@dataclass(frozen=True)
class ClauseDiff:
    """One clause across the two revisions; ``*_before`` is None for an added (or first
    described) clause, ``*_after`` None for a removed (or no longer described) one."""

    clause_id: int
    slug: str
    title: str
    topic: str
    change: ClauseChange
    changed_fields: tuple[ClauseField, ...]  # in ClauseField order; empty unless changed
    number_before: str | None
    number_after: str | None
    status_before: str | None
    status_after: str | None
    position_before: int | None  # position_in_draft
    position_after: int | None
    # An added clause is all insert, a removed one all delete; worked out when first read.
    text: TextDiff
    parties: tuple[PartyChange, ...]
    gap_before: int | None
    gap_after: int | None
    convergence: Convergence
    # In both revisions, with another number or another place among the clauses both hold.
    moved: bool = False
    # Lineage (see the module docstring); numbers in the revision each clause is in.
    split_into: tuple[ClauseRef, ...] = ()  # new side, in draft order
    split_from: ClauseRef | None = None  # old side
    merged_into: ClauseRef | None = None  # new side
    merged_from: tuple[ClauseRef, ...] = ()  # old side, in draft order

    @property
    def number(self) -> str:
        """The number to label the clause with: the new one unless it was removed."""
        number = self.number_after if self.number_after is not None else self.number_before
        return number if number is not None else ""  # never: a clause is on one side at least

    @property
    def text_changed(self) -> bool:
        return ClauseField.TEXT in self.changed_fields

    @property
    def status_changed(self) -> bool:
        return ClauseField.STATUS in self.changed_fields

    @property
    def number_changed(self) -> bool:
        return ClauseField.NUMBER in self.changed_fields

    @property
    def positions_changed(self) -> bool:
        return ClauseField.POSITIONS in self.changed_fields


@dataclass(frozen=True)
class RevisionInfo:
    revision_id: int | None
    number: int | None
    label: str
    coverage: str = FULL_TEXT

    @property
    def partial(self) -> bool:
        return self.coverage == PARTIAL


@dataclass(frozen=True)
class PartyTotals:
    party_slug: str
    party_name: str
    moved: int  # clauses on which the stance moved (toward + away)
    toward: int
    away: int


@dataclass(frozen=True)
class DiffTotals:
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    parties: tuple[PartyTotals, ...] = ()  # every party in either revision, in party order
    first_described: int = 0
    not_described: int = 0
    deleted: int = 0
    # Lineage: clauses of the old revision split, and the clauses they became; clauses of
    # the old revision merged, and the clauses they became.
    split: int = 0
    split_into: int = 0
    merged: int = 0
    merged_into: int = 0

    @property
    def summary(self) -> str:
        """One line for a header: "3 added, 1 removed, 5 changed, 12 unchanged; Russia
        moved on 2". Parties that did not move are left out. Against a partial revision
        the counts that are not zero are listed, the clauses it is silent on apart:
        "1 changed, 10 first described"."""
        return self.summary_in(english_phrase)

    def summary_in(self, phrase: "Phrase") -> str:
        """The summary line with each count said by ``phrase(key, count, **names)`` (the
        keys of ``SUMMARY_PHRASES``): a page says it in the reader's language
        (comparison/rendering.py), the API and the feeds in English."""
        if self.first_described or self.not_described or self.deleted:
            counts = (
                ("added", self.added),
                ("removed", self.removed),
                ("deleted", self.deleted),
                ("changed", self.changed),
                ("unchanged", self.unchanged),
                ("first_described", self.first_described),
                ("not_described", self.not_described),
            )
            line = ", ".join(phrase(key, count) for key, count in counts if count)
        else:
            line = ", ".join(
                phrase(key, count)
                for key, count in (
                    ("added", self.added),
                    ("removed", self.removed),
                    ("changed", self.changed),
                    ("unchanged", self.unchanged),
                )
            )
        if self.split:
            line += ", " + phrase("split", self.split, into=self.split_into)
        if self.merged:
            line += ", " + phrase("merged", self.merged, into=self.merged_into)
        moves = [phrase("moved", p.moved, party=p.party_name) for p in self.parties if p.moved]
        return f"{line}; {', '.join(moves)}" if moves else line


# How the summary line says each count, in English.
SUMMARY_PHRASES = {
    "added": "{count} added",
    "removed": "{count} removed",
    "deleted": "{count} deleted",
    "changed": "{count} changed",
    "unchanged": "{count} unchanged",
    "first_described": "{count} first described",
    "not_described": "{count} not described",
    "split": "{count} split into {into}",
    "merged": "{count} merged into {into}",
    "moved": "{party} moved on {count}",
}


def english_phrase(key: str, count: int, **names: object) -> str:
    return SUMMARY_PHRASES[key].format(count=count, **names)


Phrase = Callable[..., str]


@dataclass(frozen=True)
class RevisionDiff:
    old: RevisionInfo
    new: RevisionInfo
    clauses: tuple[ClauseDiff, ...]  # display order, see the module docstring
    totals: DiffTotals = field(default_factory=DiffTotals)

    @property
    def summary(self) -> str:
        return self.totals.summary

    @property
    def changes(self) -> tuple[ClauseDiff, ...]:
        """The clauses that are not unchanged, in display order."""
        return tuple(c for c in self.clauses if c.change != ClauseChange.UNCHANGED)

    def as_dict(self) -> dict[str, Any]:
        """The whole diff as JSON-ready data: enums as strings, dates in ISO format."""
        data = asdict(self, dict_factory=_json_dict)
        data["summary"] = self.summary
        return data


def _json_dict(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, tuple):
            return [plain(item) for item in value]
        return value

    return {key: plain(value) for key, value in pairs}


# The computation.


def diff(
    old: RevisionSnapshot,
    new: RevisionSnapshot,
    *,
    party_names: Mapping[str, str] | None = None,
) -> RevisionDiff:
    """Compare two revisions. ``party_names`` maps party slugs to display names; its order
    is the order parties are listed in (parties it does not name follow, by slug)."""
    old_clauses = _by_id(old)
    new_clauses = _by_id(new)
    differ = _Differ(
        party_names or {},
        old_partial=old.coverage == PARTIAL,
        new_partial=new.coverage == PARTIAL,
        new_deleted=new.deleted,
    )
    compare = differ.clause_diff

    # Removed clauses, grouped under the surviving clause they followed (None: the head).
    removed_after: dict[int | None, list[ClauseSnapshot]] = {}
    anchor = None
    for clause in _draft_order(old_clauses.values()):
        if clause.clause_id in new_clauses:
            anchor = clause.clause_id
        else:
            removed_after.setdefault(anchor, []).append(clause)

    results = [compare(clause, None) for clause in removed_after.get(None, ())]
    for clause in _draft_order(new_clauses.values()):
        results.append(compare(old_clauses.get(clause.clause_id), clause))
        gone = removed_after.get(clause.clause_id)
        if gone:
            results.extend(compare(before, None) for before in gone)

    results = _with_lineage(results, old_clauses, new_clauses, new.lineage)
    return RevisionDiff(
        old=RevisionInfo(old.revision_id, old.number, old.label, old.coverage),
        new=RevisionInfo(new.revision_id, new.number, new.label, new.coverage),
        clauses=tuple(results),
        totals=differ.totals(results),
    )


def _ref(clause: ClauseSnapshot) -> ClauseRef:
    return ClauseRef(clause.clause_id, clause.slug, clause.title, clause.number)


def _with_lineage(
    results: list[ClauseDiff],
    old_clauses: Mapping[int, ClauseSnapshot],
    new_clauses: Mapping[int, ClauseSnapshot],
    lineage: Iterable[LineageLink],
) -> list[ClauseDiff]:
    """The clause diffs with their moves and the lineage strands between the two sides
    marked (see the module docstring); the others as they were."""
    extra: dict[int, dict[str, Any]] = {}

    # Moved: in both, with another number or another rank among the clauses both hold.
    common = [c for c in old_clauses.values() if c.clause_id in new_clauses]
    old_rank = {c.clause_id: i for i, c in enumerate(_draft_order(common))}
    new_order = _draft_order(new_clauses[c.clause_id] for c in common)
    for rank, after in enumerate(new_order):
        before = old_clauses[after.clause_id]
        if before.number != after.number or old_rank[after.clause_id] != rank:
            extra.setdefault(after.clause_id, {})["moved"] = True

    splits: dict[int, set[int]] = {}
    merges: dict[int, set[int]] = {}
    continuing: set[int] = set()
    for link in lineage:
        if link.predecessor_id not in old_clauses or link.successor_id not in new_clauses:
            continue
        if link.kind == SPLIT:
            splits.setdefault(link.predecessor_id, set()).add(link.successor_id)
        elif link.kind == MERGE:
            merges.setdefault(link.successor_id, set()).add(link.predecessor_id)

    for predecessor_id, successor_ids in splits.items():
        _mark_strand(
            extra,
            continuing,
            predecessor_id,
            successor_ids,
            one_side=old_clauses,
            other_side=new_clauses,
            marks=SPLIT_MARKS,
        )
    for successor_id, predecessor_ids in merges.items():
        _mark_strand(
            extra,
            continuing,
            successor_id,
            predecessor_ids,
            one_side=new_clauses,
            other_side=old_clauses,
            marks=MERGE_MARKS,
        )

    for clause_id in continuing:
        marks = extra[clause_id]
        marks["change"] = ClauseChange.CHANGED
        marks["lineage_field"] = True
    if not extra:
        return results
    # A clause gone from the new side keeps its old content, one new in it its new
    # content alone, as a removed or an added clause would: only the marks change.
    return [
        _marked(result, extra[result.clause_id]) if result.clause_id in extra else result
        for result in results
    ]


@dataclass(frozen=True)
class StrandMarks:
    """How a split or a merge marks its clauses: the one clause at its single end (the
    clause split, the clause merged into) and the several at the other."""

    one_gone: ClauseChange  # the one clause's change when it is not on the other side
    listing: str  # the one clause's mark naming the others
    pointer: str  # each other clause's mark naming the one
    other_new: ClauseChange  # another clause's change when it is not on the one's side


SPLIT_MARKS = StrandMarks(ClauseChange.SPLIT, "split_into", "split_from", ClauseChange.SPLIT_FROM)
MERGE_MARKS = StrandMarks(
    ClauseChange.MERGED_FROM, "merged_from", "merged_into", ClauseChange.MERGED
)


def _mark_strand(
    extra: dict[int, dict[str, Any]],
    continuing: set[int],
    one_id: int,
    other_ids: Iterable[int],
    *,
    one_side: Mapping[int, ClauseSnapshot],
    other_side: Mapping[int, ClauseSnapshot],
    marks: StrandMarks,
) -> None:
    """Mark the clauses of one split (the one clause in the old revision, the others in
    the new) or one merge (the one clause in the new revision, the others in the old)."""
    one = one_side[one_id]
    others = [other_side[pk] for pk in other_ids]
    if one_id in other_side:  # on both sides: it continues, as one of the others
        others.append(other_side[one_id])
        continuing.add(one_id)
    else:
        extra.setdefault(one_id, {})["change"] = marks.one_gone
    extra.setdefault(one_id, {})[marks.listing] = tuple(_ref(c) for c in _draft_order(others))
    for other in others:
        if other.clause_id == one_id:
            continue
        other_marks = extra.setdefault(other.clause_id, {})
        other_marks[marks.pointer] = _ref(one)
        if other.clause_id not in one_side:
            other_marks["change"] = marks.other_new


def _marked(result: ClauseDiff, marks: dict[str, Any]) -> ClauseDiff:
    if marks.pop("lineage_field", False):
        marks["changed_fields"] = (*result.changed_fields, ClauseField.LINEAGE)
    return replace(result, **marks)


def _by_id(revision: RevisionSnapshot) -> dict[int, ClauseSnapshot]:
    clauses: dict[int, ClauseSnapshot] = {}
    for clause in revision.clauses:
        if clause.clause_id in clauses:
            raise ValueError(
                DUPLICATE_CLAUSE.format(revision=revision.label, clause_id=clause.clause_id)
            )
        for key, position in clause.positions.items():
            if key != position.party_slug:
                raise ValueError(
                    POSITION_KEY_MISMATCH.format(
                        clause_id=clause.clause_id, party=position.party_slug, key=key
                    )
                )
        clauses[clause.clause_id] = clause
    return clauses


def _draft_order(clauses: Iterable[ClauseSnapshot]) -> list[ClauseSnapshot]:
    return sorted(clauses, key=lambda clause: (clause.position_in_draft, clause.clause_id))


_NO_POSITIONS: Mapping[str, PositionSnapshot] = {}
_party_change_of = frozen_builder(PartyChange)


class _Differ:
    """One diff's clause-by-clause work, with what it learns about parties along the way.

    A large plan has thousands of positions to compare, nearly all on clauses held by the
    same set of parties: the order of a set of parties is worked out once per set, and each
    party's moves are counted as they are found rather than in a second pass.
    """

    def __init__(
        self,
        party_names: Mapping[str, str],
        *,
        old_partial: bool = False,
        new_partial: bool = False,
        new_deleted: frozenset[int] = frozenset(),
    ) -> None:
        self.party_names = party_names
        self.old_partial, self.new_partial = old_partial, new_partial
        self.new_deleted = new_deleted
        self.party_rank = {slug: rank for rank, slug in enumerate(party_names)}
        # (slugs before, slugs after) -> [(slug, display name)] in party order
        self.orders: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[str, str]]] = {}
        self.toward: dict[str, int] = {}
        self.away: dict[str, int] = {}

    def party_order(self, before: Iterable[str], after: Iterable[str]) -> list[tuple[str, str]]:
        key = (tuple(before), tuple(after))
        order = self.orders.get(key)
        if order is None:
            rank, names, last = self.party_rank, self.party_names, len(self.party_rank)
            slugs = sorted({*key[0], *key[1]}, key=lambda slug: (rank.get(slug, last), slug))
            order = self.orders[key] = [(slug, names.get(slug, slug)) for slug in slugs]
        return order

    def clause_diff(
        self, before: ClauseSnapshot | None, after: ClauseSnapshot | None
    ) -> ClauseDiff:
        before_positions = before.positions if before is not None else _NO_POSITIONS
        after_positions = after.positions if after is not None else _NO_POSITIONS
        before_get, after_get = before_positions.get, after_positions.get
        toward, away = self.toward, self.away
        values_before: list[int] = []
        values_after: list[int] = []
        parties = []
        positions_changed = False
        for slug, name in self.party_order(before_positions, after_positions):
            party = _party_change(slug, name, before_get(slug), after_get(slug))
            parties.append(party)
            if party.value_before is not None:
                values_before.append(party.value_before)
            if party.value_after is not None:
                values_after.append(party.value_after)
            if party.direction is Direction.TOWARD:
                toward[slug] = toward.get(slug, 0) + 1
            elif party.direction is Direction.AWAY:
                away[slug] = away.get(slug, 0) + 1
            if party.changed:
                positions_changed = True

        changed_fields: tuple[ClauseField, ...]
        if before is None:
            if after is None:
                raise ValueError(NO_CLAUSE)
            change = ClauseChange.FIRST_DESCRIBED if self.old_partial else ClauseChange.ADDED
            changed_fields = ()
            current = after
            text = deferred_word_diff("", after.text)
        elif after is None:
            if before.clause_id in self.new_deleted:
                change = ClauseChange.DELETED
            elif self.new_partial:
                change = ClauseChange.NOT_DESCRIBED
            else:
                change = ClauseChange.REMOVED
            changed_fields = ()
            current = before
            text = deferred_word_diff(before.text, "")
        else:
            # Listed in ClauseField order.
            changed_fields = tuple(
                name
                for name, differs in (
                    (ClauseField.TEXT, before.text != after.text),
                    (ClauseField.STATUS, before.status != after.status),
                    (ClauseField.NUMBER, before.number != after.number),
                    (ClauseField.POSITIONS, positions_changed),
                )
                if differs
            )
            change = ClauseChange.CHANGED if changed_fields else ClauseChange.UNCHANGED
            current = after
            text = deferred_word_diff(before.text, after.text)

        # The gap needs two known stances, and only a clause that exists has one.
        gap_before = _spread(values_before) if before is not None else None
        gap_after = _spread(values_after) if after is not None else None
        return ClauseDiff(
            clause_id=current.clause_id,
            slug=current.slug,
            title=current.title,
            topic=current.topic,
            change=change,
            changed_fields=changed_fields,
            number_before=before.number if before is not None else None,
            number_after=after.number if after is not None else None,
            status_before=before.status if before is not None else None,
            status_after=after.status if after is not None else None,
            position_before=before.position_in_draft if before is not None else None,
            position_after=after.position_in_draft if after is not None else None,
            text=text,
            parties=tuple(parties),
            gap_before=gap_before,
            gap_after=gap_after,
            convergence=_convergence(gap_before, gap_after),
        )

    def totals(self, clauses: Sequence[ClauseDiff]) -> DiffTotals:
        """The counts for the header; every party seen on either side, in party order."""
        counts = dict.fromkeys(ClauseChange, 0)
        split_into: set[int] = set()
        split = merged = merged_into = 0
        for clause in clauses:
            counts[clause.change] += 1
            if clause.split_into:
                split += 1
                split_into.update(ref.clause_id for ref in clause.split_into)
            if clause.merged_from:
                merged_into += 1
                merged += len(clause.merged_from)
        slugs = {slug for before, after in self.orders for slug in (*before, *after)}
        toward, away = self.toward, self.away
        return DiffTotals(
            added=counts[ClauseChange.ADDED],
            removed=counts[ClauseChange.REMOVED],
            changed=counts[ClauseChange.CHANGED],
            unchanged=counts[ClauseChange.UNCHANGED],
            first_described=counts[ClauseChange.FIRST_DESCRIBED],
            not_described=counts[ClauseChange.NOT_DESCRIBED],
            deleted=counts[ClauseChange.DELETED],
            split=split,
            split_into=len(split_into),
            merged=merged,
            merged_into=merged_into,
            parties=tuple(
                PartyTotals(
                    party_slug=slug,
                    party_name=name,
                    moved=toward.get(slug, 0) + away.get(slug, 0),
                    toward=toward.get(slug, 0),
                    away=away.get(slug, 0),
                )
                for slug, name in self.party_order(slugs, ())
            ),
        )


def _party_change(
    slug: str, name: str, before: PositionSnapshot | None, after: PositionSnapshot | None
) -> PartyChange:
    if before is not None and before is after:
        # The one snapshot on both sides (the selector builds a position carried over
        # unchanged once): nothing changed, and the stance did not move.
        stance = before.stance
        value = _ORDINAL_GET(stance)
        return _party_change_of(
            (
                slug,
                name,
                before,
                after,
                stance,
                stance,
                value,
                value,
                _DIRECTIONS[direction_of_values(stance, stance, value, value)],
                False,
                False,
                False,
                False,
                False,
                False,
                False,
            )
        )
    if before is not None and after is not None:
        stance_before: str | None = before.stance
        stance_after: str | None = after.stance
        value_before, value_after = _ORDINAL_GET(before.stance), _ORDINAL_GET(after.stance)
        summary_changed = before.summary != after.summary
        quote_changed = before.quote != after.quote
        demand_changed = before.demand != after.demand
        source_changed = (
            before.source_title != after.source_title
            or before.source_url != after.source_url
            or before.source != after.source
        )
        stated_on_changed = before.stated_on != after.stated_on
        stance_changed = stance_before != stance_after
    else:
        # A missing position reads as an empty one, so a summary that appears is a change.
        present = before if before is not None else after
        if present is None:
            raise ValueError(NO_POSITION.format(party=slug))
        stance = present.stance
        value = _ORDINAL_GET(stance)
        stance_before, stance_after = (stance, None) if before is not None else (None, stance)
        value_before, value_after = (value, None) if before is not None else (None, value)
        summary_changed = present.summary != ""
        quote_changed = present.quote != ""
        demand_changed = present.demand != ""
        source_changed = present.source_title != "" or present.source_url != ""
        stated_on_changed = present.stated_on is not None
        stance_changed = True

    # One rule for every count of moves (clauses.moves): unknown on either side is no
    # move, and one statement read two ways (the same quote) is a reinterpretation.
    direction = _DIRECTIONS[
        direction_of_values(
            stance_before,
            stance_after,
            value_before,
            value_after,
            before.quote if before is not None else "",
            after.quote if after is not None else "",
        )
    ]

    # PartyChange's fields, in order.
    return _party_change_of(
        (
            slug,
            name,
            before,
            after,
            stance_before,
            stance_after,
            value_before,
            value_after,
            direction,
            stance_changed,
            summary_changed,
            quote_changed,
            source_changed,
            stated_on_changed,
            stance_changed or summary_changed or quote_changed or source_changed or demand_changed,
            demand_changed,
        )
    )


def _spread(values: Sequence[int]) -> int | None:
    """The agreement gap (see clauses.vocabularies.agreement_gap) of stances already valued."""
    if len(values) < 2:
        return None
    return max(values) - min(values)


def _convergence(before: int | None, after: int | None) -> Convergence:
    if before is None or after is None:
        return Convergence.UNKNOWN
    if after < before:
        return Convergence.CONVERGED
    if after > before:
        return Convergence.DIVERGED
    return Convergence.UNCHANGED
