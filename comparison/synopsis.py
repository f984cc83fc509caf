"""A synopsis: two to six revisions of a plan side by side, one row per clause, one column
per revision, in the order the reader picked them, as legislatures print competing texts.

A pure module: it takes plain data (loaded by comparison/selectors/synopsis.py) and returns
plain frozen dataclasses that the page, the downloads and the API render alike.

Choices worth knowing when rendering the result:

- A row is a clause (its identity survives renumbering); a row exists for every clause
  that at least one column holds. Rows come in the base column's draft order, then the
  clauses the base lacks in the draft order of the first other column holding them.
- A cell is the clause as worded in that revision (``present``), or why it is not there:
  ``deleted`` (the revision strikes it out, as an editor recorded), ``split`` /
  ``merged`` (a split or merge recorded in that revision or one it continues carries the
  clause on as the clauses ``into`` lists), ``not_in_draft`` (a full-text revision
  without it) or ``not_described`` (a partial revision silent on it), in that order.
- The base column is the one every other cell is compared with: a present cell holds its
  word diff from the base's wording (``diff``), a deleted one the base's wording struck
  out. A cell with no base wording to compare with holds no diff.
- A party's stance in a column is ``differs`` (ringed on the page) when the clause is in
  both that column and the base and the party's stance is not the same in both (no
  position counts as a stance of its own).
- Row flags: ``differs`` when the columns that describe the clause (all but the
  ``not_described`` ones) do not all hold the same wording, or one holds it and another
  not; ``same`` when every column holds it with the same wording; ``only_one`` when
  exactly one column holds it. A row can be neither ``differs`` nor ``same`` (the same
  wording where described, not described elsewhere). ``parties_differ`` names the parties
  whose stance is not the same in every column holding the clause.
- A column may show its revision in another language than the original (``3:uk``). A
  present cell there holds the translation (``text_kind`` ``official`` or
  ``unofficial``, flagged ``stale`` when made from an earlier wording), or, where the
  clause has none in that language, the original, marked ``missing``. The word diff
  compares the texts shown, when the base's and the cell's are in the same language; across
  two languages a cell holds no diff. The wording flags (``differs``, ``same``, the cells'
  ``differs``) compare the original wordings: a translation rewords nothing.
- Quotes are left out of the stances until ``quoted`` adds them to the rows shown: the
  filters and counts read stances alone.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property, partial
from typing import NamedTuple

from comparison.textdiff import TextDiff, deferred_word_diff
from translations.languages import LANGUAGES

MIN_COLUMNS = 2
MAX_COLUMNS = 6
# The revisions parameter as the API schema states it: two to six columns, comma-separated,
# each a revision number (a positive whole number of at most ten digits), optionally
# followed by a colon and the language to show it in (an ISO 639-1 code: 3:uk).
_COLUMN = r"[1-9][0-9]{0,9}(:[a-z]{2})?"
REVISIONS_PATTERN = rf"^{_COLUMN}(,{_COLUMN}){{1,5}}$"
_COLUMNS = re.compile(rf"{_COLUMN}(,{_COLUMN})*")
BASE_PATTERN = rf"^{_COLUMN}$"
_BASE = re.compile(_COLUMN)

FULL_TEXT = "full_text"
PARTIAL = "partial"  # the values of clauses.vocabularies.Coverage
SPLIT = "split"
MERGE = "merge"  # the values of clauses.vocabularies.LineageKind

# What the row filters' ``show`` takes.
SHOW_DIFFERS = "differs"
SHOW_SAME = "same"
SHOW_ONLY_ONE = "only_one"
SHOWS = (SHOW_DIFFERS, SHOW_SAME, SHOW_ONLY_ONE)

REVISIONS_MALFORMED = (
    "revisions must be two to six revision numbers separated by commas, each optionally "
    "followed by a language code, such as 1,3,3:uk; got {value!r}."
)
REVISIONS_COUNT = (
    "Pick between two and six revisions to set side by side; {count} were given ({value!r})."
)
REVISIONS_DUPLICATE = (
    "Revision {number} is picked twice in the same language: pick each revision once per language."
)
LANGUAGE_UNKNOWN = (
    "lang {code!r} (column {column}) is no language code this site knows: give an ISO 639-1 "
    "code after the revision number, such as {number}:uk."
)
REVISIONS_UNKNOWN = (
    "Plan {plan!r} has no revision {number}: pick revisions of this plan by their numbers."
)
REVISIONS_TOO_FEW_IN_PLAN = (
    "Plan {plan!r} has fewer than two revisions: there is nothing to set side by side."
)
BASE_MALFORMED = (
    "base must be one of the picked columns, as revisions names it (3 or 3:uk); got {value!r}."
)
BASE_NOT_PICKED = (
    "base {number} is not among the picked revisions ({picked}): pick the base among them."
)

ORIGINAL = "original"
OFFICIAL = "official"
UNOFFICIAL = "unofficial"
MISSING = "missing"  # the text kinds of a present cell


class SynopsisRefused(ValueError):
    """A choice of revisions (or base) that cannot be shown; ``field`` names the
    parameter at fault (``revisions`` or ``base``)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


# Input: what the selector reads.


@dataclass(frozen=True)
class RevisionInfo:
    revision_id: int
    number: int
    label: str
    published_on: date | None = None
    provenance: str = ""
    coverage: str = FULL_TEXT
    branch: bool = False
    withdrawn: bool = False
    previous_id: int | None = None
    # As a column: the language it shows its clauses in ("" the original) and the name of
    # the language its texts are in (the original's for an original column).
    language: str = ""
    language_name: str = ""

    @property
    def key(self) -> str:
        """The column as ``revisions`` names it: 3, or 3:uk."""
        return f"{self.number}:{self.language}" if self.language else str(self.number)

    @property
    def partial(self) -> bool:
        return self.coverage == PARTIAL

    @property
    def line(self) -> str:
        """Where the revision stands: on the main line, on a branch, or withdrawn."""
        if self.withdrawn:
            return "withdrawn"
        return "branch" if self.branch else "main line"


@dataclass(frozen=True)
class ClauseInfo:
    clause_id: int
    slug: str
    title: str
    topic: str


class Wording(NamedTuple):
    """A clause as worded in one revision."""

    clause_id: int
    number: str
    position_in_draft: int
    text: str
    status: str


class ColumnPick(NamedTuple):
    """A column as the reader picks it: a revision number, and a language ("" the
    original)."""

    number: int
    language: str = ""

    @property
    def key(self) -> str:
        return f"{self.number}:{self.language}" if self.language else str(self.number)


class Translated(NamedTuple):
    """A clause version's text in one language other than the original."""

    text: str
    official: bool
    stale: bool  # made from a wording the clause version no longer has


class Stated(NamedTuple):
    """A party's position on a clause in one revision."""

    party_slug: str
    stance: str
    quote: str = ""


@dataclass(frozen=True)
class PartyInfo:
    slug: str
    name: str
    short_name: str


@dataclass(frozen=True)
class Strand:
    """One strand of a split or merge recorded in a revision (by id)."""

    revision_id: int
    kind: str
    predecessor_id: int
    successor_id: int


@dataclass(frozen=True)
class SynopsisData:
    columns: Sequence[RevisionInfo]  # in the order picked
    base: int  # the base column's revision number
    clauses: Mapping[int, ClauseInfo]
    # (revision id, clause id) to the wording and to the positions by party slug.
    wordings: Mapping[tuple[int, int], Wording]
    positions: Mapping[tuple[int, int], Mapping[str, Stated]]
    deleted: frozenset[tuple[int, int]] = frozenset()  # (revision id, clause id)
    strands: Sequence[Strand] = ()
    # Every revision of the plan by id: the revision it continues (for the strands).
    previous: Mapping[int, int | None] = field(default_factory=dict)
    parties: Sequence[PartyInfo] = ()  # in party order
    # (revision id, clause id, language) to the text in that language, for the columns
    # shown in a language.
    translations: Mapping[tuple[int, int, str], Translated] = field(default_factory=dict)
    original: str = ""  # the code of the language every wording is recorded in
    # The base column's index, which ``base`` cannot tell where a revision is picked twice
    # (in two languages); None: the first column of revision ``base``.
    base_column: int | None = None


# Output.


class CellKind(StrEnum):
    PRESENT = "present"
    DELETED = "deleted"
    SPLIT = "split"
    MERGED = "merged"
    NOT_IN_DRAFT = "not_in_draft"
    NOT_DESCRIBED = "not_described"


CELL_LABELS = {
    CellKind.PRESENT: "in this draft",
    CellKind.DELETED: "deleted",
    CellKind.SPLIT: "split into",
    CellKind.MERGED: "merged into",
    CellKind.NOT_IN_DRAFT: "not in this draft",
    CellKind.NOT_DESCRIBED: "not described",
}


@dataclass(frozen=True)
class ClauseRef:
    """A clause a split or merge carried this one on as, with its number in the column's
    revision (None if that revision does not hold it)."""

    clause_id: int
    slug: str
    title: str
    number: str | None


class StanceCell(NamedTuple):
    party_slug: str
    stance: str | None  # None: no position
    quote: str
    differs: bool  # from the base column's (see the module docstring)


class _Stances(Sequence[StanceCell]):
    """A present cell's stances, one per party in party order, made when first read: a
    long plan's synopsis holds thousands of cells, of which a page shows fifty, while
    its filters and counts read the stances straight from the positions."""

    __slots__ = ("_args", "_made")

    def __init__(
        self,
        parties: Sequence[PartyInfo],
        held: Mapping[str, Stated],
        base: Mapping[str, Stated],
        compare: bool,
    ):
        self._args: (
            tuple[Sequence[PartyInfo], Mapping[str, Stated], Mapping[str, Stated], bool] | None
        ) = (parties, held, base, compare)
        self._made: tuple[StanceCell, ...] = ()

    def _cells(self) -> tuple[StanceCell, ...]:
        if self._args is not None:
            parties, held, base, compare = self._args
            made = []
            for party in parties:
                stated = held.get(party.slug)
                stance = stated.stance if stated is not None else None
                before = base.get(party.slug)
                before_stance = before.stance if before is not None else None
                quote = stated.quote if stated is not None else ""
                made.append(
                    StanceCell(party.slug, stance, quote, compare and stance != before_stance)
                )
            self._made, self._args = tuple(made), None
        return self._made

    def __getitem__(self, index: int) -> StanceCell:  # type: ignore[override]
        return self._cells()[index]

    def __len__(self) -> int:
        return len(self._cells())

    def __iter__(self) -> Iterator[StanceCell]:
        return iter(self._cells())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Cell:
    kind: CellKind
    number: str | None = None
    status: str | None = None
    text: str = ""
    diff: TextDiff | None = None  # from the base's wording; None in the base column
    differs: bool = False  # the wording (or its absence) is not the base's
    into: tuple[ClauseRef, ...] = ()
    stances: Sequence[StanceCell] = ()
    in_base: bool = True  # the base column holds the clause
    language: str = ""  # the code of the language ``text`` is in
    text_kind: str = ORIGINAL  # see the module docstring
    stale: bool = False

    @property
    def present(self) -> bool:
        return self.kind == CellKind.PRESENT

    @property
    def label(self) -> str:
        return CELL_LABELS[self.kind]

    @property
    def lineage(self) -> str:
        """ "split into 5a, 5b" or "merged into 7" as plain words; "" otherwise."""
        if not self.into:
            return ""
        names = ", ".join(ref.number or ref.title for ref in self.into)
        return f"{CELL_LABELS[self.kind]} {names}"


@dataclass(frozen=True)
class Row:
    """A clause across the columns. Its flags are worked out for every row (the filters and
    counts read them); its cells when first read (a page shows fifty rows of hundreds)."""

    clause: ClauseInfo
    differs: bool
    same: bool
    only_one: bool
    parties_differ: frozenset[str]
    made: Callable[[], tuple[Cell, ...]] = field(repr=False, compare=False)

    @cached_property
    def cells(self) -> tuple[Cell, ...]:
        """In column order."""
        return self.made()


@dataclass(frozen=True)
class Counts:
    rows: int
    differs: int
    same: int
    only_one: int
    topics: Mapping[str, int]  # in order of first appearance
    parties: Mapping[str, int]  # by party slug, in party order


@dataclass(frozen=True)
class Synopsis:
    columns: tuple[RevisionInfo, ...]
    base_index: int
    parties: tuple[PartyInfo, ...]
    rows: tuple[Row, ...]
    counts: Counts

    @property
    def base(self) -> RevisionInfo:
        return self.columns[self.base_index]


# Reading the reader's choice.


def parse_revisions(raw: str, *, original: str = "") -> list[ColumnPick]:
    """The columns of ``?revisions=``, in order; ``SynopsisRefused`` naming ``revisions``
    for anything else than two to six distinct columns in languages the site knows. A
    column asked in the ``original`` language is the original column."""
    if not raw.isascii() or not _COLUMNS.fullmatch(raw):
        raise SynopsisRefused("revisions", REVISIONS_MALFORMED.format(value=raw))
    picks = []
    for index, piece in enumerate(raw.split(","), start=1):
        number, _, language = piece.partition(":")
        if language and language not in LANGUAGES:
            raise SynopsisRefused(
                "revisions", LANGUAGE_UNKNOWN.format(code=language, column=index, number=number)
            )
        picks.append(ColumnPick(int(number), "" if language == original else language))
    if not MIN_COLUMNS <= len(picks) <= MAX_COLUMNS:
        raise SynopsisRefused("revisions", REVISIONS_COUNT.format(count=len(picks), value=raw))
    seen: set[ColumnPick] = set()
    for pick in picks:
        if pick in seen:
            raise SynopsisRefused("revisions", REVISIONS_DUPLICATE.format(number=pick.key))
        seen.add(pick)
    return picks


def parse_base(raw: str | None, picks: Sequence[ColumnPick], *, original: str = "") -> int:
    """The base column's index: the column ``?base=`` names (3, or 3:uk; a bare number the
    revision's original column if picked, else its first), by default the first."""
    if raw is None or raw == "":
        return 0
    if not raw.isascii() or not _BASE.fullmatch(raw):
        raise SynopsisRefused("base", BASE_MALFORMED.format(value=raw))
    number, _, language = raw.partition(":")
    wanted = ColumnPick(int(number), "" if language == original else language)
    if wanted in picks:
        return picks.index(wanted)
    if not language:
        for index, pick in enumerate(picks):
            if pick.number == wanted.number:
                return index
    picked = ", ".join(pick.key for pick in picks)
    raise SynopsisRefused("base", BASE_NOT_PICKED.format(number=wanted.key, picked=picked))


def check_known(numbers: Iterable[int], known: Iterable[int], *, plan: str) -> None:
    """``SynopsisRefused`` naming ``revisions`` for the first number not in ``known``."""
    known = set(known)
    for number in numbers:
        if number not in known:
            raise SynopsisRefused("revisions", REVISIONS_UNKNOWN.format(plan=plan, number=number))


def default_numbers(revisions: Sequence[RevisionInfo]) -> list[int]:
    """The revisions shown when the reader picks none, in number order: the current
    revision (the latest on the main line), every branch that continues it or one of its
    ancestors, and the draft each such branch answers; without such a branch, the last
    three revisions of the main line. At most six: the oldest go first (never the current
    revision). Empty for a plan of fewer than two revisions."""
    by_id = {revision.revision_id: revision for revision in revisions}
    main = [r for r in revisions if not r.branch and not r.withdrawn]
    if len(revisions) < MIN_COLUMNS or not main:
        return sorted(r.number for r in revisions)[-3:] if len(revisions) >= 2 else []
    current = max(main, key=lambda revision: revision.number)
    line: set[int] = set()
    step: RevisionInfo | None = current
    while step is not None and step.revision_id not in line:
        line.add(step.revision_id)
        step = by_id.get(step.previous_id) if step.previous_id is not None else None
    chosen = {current.number}
    for revision in revisions:
        if revision.branch and not revision.withdrawn and revision.previous_id in line:
            chosen.add(revision.number)
            chosen.add(by_id[revision.previous_id].number)
    if len(chosen) == 1:
        numbers = sorted(r.number for r in main)[-3:]
        if len(numbers) < MIN_COLUMNS:
            numbers = sorted(r.number for r in revisions)[-MIN_COLUMNS:]
        return numbers
    numbers = sorted(chosen)
    while len(numbers) > MAX_COLUMNS:
        numbers.remove(next(n for n in numbers if n != current.number))
    return numbers


def choose(
    raw_revisions: str | None,
    raw_base: str | None,
    revisions: Sequence[RevisionInfo],
    *,
    plan: str,
    original: str = "",
) -> tuple[list[ColumnPick], int]:
    """The picked columns (or the default ones, in the original) and the base column's
    index; ``SynopsisRefused`` naming the parameter at fault."""
    if raw_revisions is None or raw_revisions == "":
        picks = [ColumnPick(number) for number in default_numbers(revisions)]
        if len(picks) < MIN_COLUMNS:
            raise SynopsisRefused("revisions", REVISIONS_TOO_FEW_IN_PLAN.format(plan=plan))
    else:
        picks = parse_revisions(raw_revisions, original=original)
        check_known((pick.number for pick in picks), (r.number for r in revisions), plan=plan)
    return picks, parse_base(raw_base, picks, original=original)


# Building the synopsis.


class _Shown(NamedTuple):
    """A clause's text as a column shows it."""

    text: str
    language: str
    kind: str
    stale: bool = False


def _shown(data: SynopsisData, column: RevisionInfo, wording: Wording) -> _Shown:
    if not column.language:
        return _Shown(wording.text, data.original, ORIGINAL)
    found = data.translations.get((column.revision_id, wording.clause_id, column.language))
    if found is None:
        return _Shown(wording.text, data.original, MISSING)
    kind = OFFICIAL if found.official else UNOFFICIAL
    return _Shown(found.text, column.language, kind, found.stale)


def synopsis(data: SynopsisData) -> Synopsis:
    columns = tuple(data.columns)
    if data.base_column is not None:
        base_index = data.base_column
    else:
        base_index = next(i for i, column in enumerate(columns) if column.number == data.base)
    order = [base_index, *(i for i in range(len(columns)) if i != base_index)]

    # Each clause's place: the first column (base first) holding it, its place there. The
    # wordings are grouped by revision once, not walked once per column.
    by_revision: dict[int, list[tuple[int, Wording]]] = {}
    for (wording_revision, clause_id), wording in data.wordings.items():
        by_revision.setdefault(wording_revision, []).append((clause_id, wording))
    places: dict[int, tuple[int, int]] = {}
    for rank, index in enumerate(order):
        for clause_id, wording in by_revision.get(columns[index].revision_id, ()):
            if clause_id not in places:
                places[clause_id] = (rank, wording.position_in_draft)
    successors = _successors(data)
    parties = tuple(data.parties)

    rows = [
        _row(data, clause_id, columns, base_index, parties, successors)
        for clause_id in sorted(places, key=lambda pk: (*places[pk], pk))
    ]
    return Synopsis(columns, base_index, parties, tuple(rows), _counts(rows, parties))


def quoted(
    result: Synopsis, rows: Sequence[Row], quotes: Mapping[tuple[int, int], Mapping[str, str]]
) -> list[Row]:
    """``rows`` (of ``result``) with their stances' quotes: ``quotes`` by (revision id,
    clause id), then party slug."""
    made = []
    for row in rows:
        cells = []
        for column, cell in zip(result.columns, row.cells, strict=True):
            said = quotes.get((column.revision_id, row.clause.clause_id))
            if said and cell.stances:
                stances = tuple(
                    stated._replace(quote=said.get(stated.party_slug, stated.quote))
                    for stated in cell.stances
                )
                cell = replace(cell, stances=stances)
            cells.append(cell)
        made.append(replace(row, made=partial(tuple, cells)))
    return made


def _successors(data: SynopsisData) -> dict[int, dict[int, list[Strand]]]:
    """Each column's revision id to the strands, by predecessor, recorded in it or in a
    revision it continues (its line back to the first)."""
    by_revision: dict[int, list[Strand]] = {}
    for strand in data.strands:
        by_revision.setdefault(strand.revision_id, []).append(strand)
    result: dict[int, dict[int, list[Strand]]] = {}
    for column in data.columns:
        strands: dict[int, list[Strand]] = {}
        seen: set[int] = set()
        step: int | None = column.revision_id
        while step is not None and step not in seen:
            seen.add(step)
            for strand in by_revision.get(step, ()):
                strands.setdefault(strand.predecessor_id, []).append(strand)
            step = data.previous.get(step)
        result[column.revision_id] = strands
    return result


def _carried_into(
    data: SynopsisData, revision_id: int, clause_id: int, strands: Mapping[int, list[Strand]]
) -> tuple[str | None, tuple[ClauseRef, ...]]:
    """How a clause absent from a revision lives on there: the kind of the first strand
    leaving it and the clauses it became, followed through later strands to those the
    revision holds."""
    first = strands.get(clause_id)
    if not first:
        return None, ()
    refs: dict[int, ClauseRef] = {}
    pending = [strand.successor_id for strand in first]
    seen = {clause_id}
    while pending:
        successor = pending.pop(0)
        if successor in seen:
            continue
        seen.add(successor)
        wording = data.wordings.get((revision_id, successor))
        onward = strands.get(successor)
        if wording is None and onward:
            pending.extend(strand.successor_id for strand in onward)
            continue
        clause = data.clauses.get(successor)
        if clause is not None:
            number = wording.number if wording is not None else None
            refs[successor] = ClauseRef(successor, clause.slug, clause.title, number)
    kind = SPLIT if any(strand.kind == SPLIT for strand in first) else MERGE
    return kind, tuple(refs.values())


def _gone(
    data: SynopsisData,
    column: RevisionInfo,
    clause_id: int,
    successors: Mapping[int, Mapping[int, list[Strand]]],
) -> CellKind:
    """Why a column's revision does not hold the clause."""
    if (column.revision_id, clause_id) in data.deleted:
        return CellKind.DELETED
    first = successors[column.revision_id].get(clause_id)
    if first:
        return CellKind.SPLIT if any(s.kind == SPLIT for s in first) else CellKind.MERGED
    return CellKind.NOT_DESCRIBED if column.partial else CellKind.NOT_IN_DRAFT


def _cells(
    data: SynopsisData,
    clause_id: int,
    columns: Sequence[RevisionInfo],
    base_index: int,
    successors: Mapping[int, Mapping[int, list[Strand]]],
) -> tuple[Cell, ...]:
    base = columns[base_index]
    base_wording = data.wordings.get((base.revision_id, clause_id))
    base_shown = _shown(data, base, base_wording) if base_wording is not None else None
    base_stances = data.positions.get((base.revision_id, clause_id), {})
    return tuple(
        _cell(
            data,
            column,
            clause_id,
            is_base=index == base_index,
            base_wording=base_wording,
            base_shown=base_shown,
            base_stances=base_stances,
            successors=successors,
        )
        for index, column in enumerate(columns)
    )


def _cell(
    data: SynopsisData,
    column: RevisionInfo,
    clause_id: int,
    *,
    is_base: bool,
    base_wording: Wording | None,
    base_shown: _Shown | None,
    base_stances: Mapping[str, Stated],
    successors: Mapping[int, Mapping[int, list[Strand]]],
) -> Cell:
    key = (column.revision_id, clause_id)
    wording = data.wordings.get(key)
    in_base = base_wording is not None
    if wording is None:
        kind = _gone(data, column, clause_id, successors)
        if kind == CellKind.DELETED:
            struck = (
                deferred_word_diff(base_shown.text, "")
                if base_shown is not None and not is_base
                else None
            )
            return Cell(kind, diff=struck, differs=not is_base, in_base=in_base)
        if kind in (CellKind.SPLIT, CellKind.MERGED):
            _, into = _carried_into(
                data, column.revision_id, clause_id, successors[column.revision_id]
            )
            return Cell(kind, into=into, differs=not is_base, in_base=in_base)
        if kind == CellKind.NOT_DESCRIBED:
            return Cell(kind, in_base=in_base)
        return Cell(kind, differs=not is_base and in_base, in_base=in_base)
    held = data.positions.get(key, {})
    compare = not is_base and base_wording is not None
    shown = _shown(data, column, wording)
    diff = (
        deferred_word_diff(base_shown.text, shown.text)
        if compare and base_shown is not None and base_shown.language == shown.language
        else None
    )
    return Cell(
        CellKind.PRESENT,
        number=wording.number,
        status=wording.status,
        text=shown.text,
        diff=diff,
        differs=not is_base and (base_wording is None or base_wording.text != wording.text),
        stances=_Stances(data.parties, held, base_stances, compare),
        in_base=in_base,
        language=shown.language,
        text_kind=shown.kind,
        stale=shown.stale,
    )


def _row(
    data: SynopsisData,
    clause_id: int,
    columns: Sequence[RevisionInfo],
    base_index: int,
    parties: Sequence[PartyInfo],
    successors: Mapping[int, Mapping[int, list[Strand]]],
) -> Row:
    """The clause's row: its flags from the wordings and stances, its cells made when
    first read."""
    states: set[str] = set()
    held = []
    for column in columns:
        key = (column.revision_id, clause_id)
        wording = data.wordings.get(key)
        if wording is not None:
            states.add(wording.text)
            held.append(data.positions.get(key, {}))
            continue
        kind = _gone(data, column, clause_id, successors)
        if kind != CellKind.NOT_DESCRIBED:
            states.add(f"\0{kind}")
    differ = set()
    if len(held) > 1:
        # Each party's stances across the columns holding the clause (None: no position).
        for party in parties:
            slug = party.slug
            first = held[0].get(slug)
            stance = first.stance if first is not None else None
            for positions in held[1:]:
                other = positions.get(slug)
                if (other.stance if other is not None else None) != stance:
                    differ.add(slug)
                    break
    return Row(
        clause=data.clauses[clause_id],
        differs=len(states) > 1,
        same=len(held) == len(columns) and len(states) == 1,
        only_one=len(held) == 1,
        parties_differ=frozenset(differ),
        made=partial(_cells, data, clause_id, columns, base_index, successors),
    )


def _counts(rows: Sequence[Row], parties: Sequence[PartyInfo]) -> Counts:
    topics: dict[str, int] = {}
    by_party = {party.slug: 0 for party in parties}
    for row in rows:
        topics[row.clause.topic] = topics.get(row.clause.topic, 0) + 1
        for slug in row.parties_differ:
            by_party[slug] += 1
    return Counts(
        rows=len(rows),
        differs=sum(row.differs for row in rows),
        same=sum(row.same for row in rows),
        only_one=sum(row.only_one for row in rows),
        topics=topics,
        parties=by_party,
    )


def filter_rows(
    rows: Iterable[Row], *, topic: str = "", show: str = "", party: str = ""
) -> list[Row]:
    """The rows the page's filters keep: of one topic; that differ, are the same in all
    columns, or are in one column only; on which one party's stance differs."""
    kept = []
    for row in rows:
        if topic and row.clause.topic != topic:
            continue
        if show == SHOW_DIFFERS and not row.differs:
            continue
        if show == SHOW_SAME and not row.same:
            continue
        if show == SHOW_ONLY_ONE and not row.only_one:
            continue
        if party and party not in row.parties_differ:
            continue
        kept.append(row)
    return kept
