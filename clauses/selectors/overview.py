"""The plan overview: the clauses of a revision by the parties, and its filters.

A large plan has hundreds of clauses by a dozen parties: thousands of cells. The matrix is
therefore read as plain rows (``values_list``, no model instances) and every label a cell
shows is looked up here once, so rendering it is string work only.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from clauses.matrix_order import POINT, order_rows, pair_disagreement
from clauses.models import ClauseVersion, Position, Revision
from clauses.vocabularies import CLAUSE_STATUS_LABELS, TOPIC_LABELS, agreement_gap


@dataclass(frozen=True)
class MatrixParty:
    """A party as a column of the matrix and a choice of its party filter."""

    pk: int
    slug: str
    name: str
    short_name: str
    color: str


# Cells and rows are named tuples: a page builds thousands, and a frozen dataclass's
# __init__ costs several times more.


class MatrixCell(NamedTuple):
    """One party's position on one clause; ``stance`` is None where it has none."""

    party: MatrixParty
    stance: str | None = None
    summary: str = ""
    carried_over: bool = False
    quote: str = ""
    demand: str = ""
    source_id: int | None = None  # the stored source it cites, if any
    position_pk: int | None = None  # for the link to its quote in that source


class MatrixRow(NamedTuple):
    """One clause version with every party's position on it, whatever the columns shown."""

    slug: str  # the clause's
    title: str
    topic: str
    topic_label: str
    number: str
    status: str
    status_label: str
    text: str
    positions: dict[int, MatrixCell]  # by party pk: every party holding a position
    cells: tuple[MatrixCell, ...]  # one per column shown
    gap: int | None  # agreement gap over every party's stance, whatever the columns shown
    version_pk: int = 0  # the clause version's, for its text in another language


@dataclass(frozen=True)
class Matrix:
    """The clauses of one revision (rows, in draft order) by the parties (columns)."""

    revision: Revision | None
    parties: tuple[MatrixParty, ...]  # every party with a position: the filter's choices
    columns: tuple[MatrixParty, ...]  # the parties shown
    all_rows: tuple[MatrixRow, ...]  # every clause of the revision, unfiltered
    rows: tuple[MatrixRow, ...]

    @property
    def total(self) -> int:
        return len(self.all_rows)

    @property
    def filtered(self) -> bool:
        return len(self.rows) != self.total

    @property
    def topic_counts(self) -> list[tuple[str, str, int]]:
        """Each topic of the revision with its label and number of clauses, largest first:
        the overview's groups, each a link to its clauses."""
        counts = Counter(row.topic for row in self.all_rows)
        return [
            (topic, TOPIC_LABELS.get(topic, topic), count)
            for topic, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]

    # Whether the cells hold their positions' summaries, quotes and demands, or the stances
    # alone (``plan_matrix(details=False)``).
    details: bool = True
    highlighted: MatrixParty | None = None  # the chosen party, moved next to the clauses
    other: MatrixParty | None = None  # the second chosen party, beside the first
    sort: str = POINT

    def pair_gap(self, row: MatrixRow) -> int | None:
        """How far apart the two chosen parties stand on ``row``; None without two."""
        if self.highlighted is None or self.other is None:
            return None
        return pair_disagreement(row, self.highlighted.pk, self.other.pk)

    def narrow(
        self,
        *,
        topic: str = "",
        status: str = "",
        party: str = "",
        other: str = "",
        stances: Sequence[str] = (),
        query: str = "",
        sort: str = POINT,
    ) -> "Matrix":
        """The same matrix filtered and ordered, without a query. ``party`` (a slug) moves
        that party's column next to the clauses, and ``other`` beside it; every column stays.
        ``stances`` keeps the clauses on which the chosen party (any party when none is
        chosen) holds one of them; ``query`` searches the clause title and text and the
        position summaries; ``sort`` is one of ``clauses.matrix_order``'s orders."""
        if query and not self.details:
            raise ValueError("The text search reads the summaries: read the matrix with details.")
        by_slug = {p.slug: p for p in self.parties}
        highlighted = by_slug.get(party)
        second = by_slug.get(other) if highlighted is not None and other != party else None
        chosen = [p for p in (highlighted, second) if p is not None]
        columns = (*chosen, *(p for p in self.parties if p not in chosen))
        wanted = set(stances)
        rows = [
            row
            for row in self.all_rows
            if (not topic or row.topic == topic)
            and (not status or row.status == status)
            and (not wanted or _holds(row, wanted, highlighted))
            and (not query or _matches(row, query))
        ]
        rows = order_rows(
            rows,
            by=sort,
            party=highlighted.pk if highlighted else None,
            other=second.pk if second else None,
        )
        if columns != self.columns:
            rows = [row._replace(cells=_cells(row.positions, columns)) for row in rows]
        return replace(
            self,
            columns=columns,
            rows=tuple(rows),
            highlighted=highlighted,
            other=second,
            sort=sort,
        )


def _holds(row: MatrixRow, stances: set[str], party: MatrixParty | None) -> bool:
    if party is not None:
        cell = row.positions.get(party.pk)
        return cell is not None and cell.stance in stances
    return any(c.stance in stances for c in row.positions.values())


def _matches(row: MatrixRow, query: str) -> bool:
    """Case-insensitive search; done in Python, where casefold() treats every alphabet
    alike (SQLite's LIKE folds ASCII only)."""
    needle = query.casefold()
    haystacks = [row.title, row.text, *(c.summary for c in row.positions.values())]
    return any(needle in hay.casefold() for hay in haystacks)


def _cells(positions: dict[int, MatrixCell], columns: Sequence[MatrixParty]):
    return tuple(positions.get(party.pk) or MatrixCell(party) for party in columns)


# The columns of a position a cell shows besides its stance, in MatrixCell's order.
CELL_DETAILS = ("summary", "carried_over", "quote", "demand", "source_id", "pk")
PARTY_COLUMNS = ("party__slug", "party__name", "party__short_name", "party__color")


def plan_matrix(*, revision: Revision | None, details: bool = True) -> Matrix:
    """Every clause of ``revision`` in draft order by every party holding a position in it
    (two queries: the clause versions with their clause, their positions with party).
    Narrow it with ``Matrix.narrow``: filters apply in Python, so the unfiltered total and
    the party choices cost nothing more.

    Without ``details`` the cells hold the stances alone, which is what the filters (but
    the text search, which reads the summaries), the orders, the gaps and the counts read:
    a page showing some of the rows reads their cells' details with
    ``rows_with_details`` (a third query), instead of every summary, quote and demand of
    the revision."""
    if revision is None:
        return Matrix(revision=None, parties=(), columns=(), all_rows=(), rows=())
    versions = (
        ClauseVersion.objects.filter(revision=revision)
        .order_by("position_in_draft", "pk")
        .values_list(
            "pk", "number", "status", "text", "clause__slug", "clause__title", "clause__topic"
        )
    )
    # In no order: rows and columns are ordered here, and Position's default ordering
    # would join and sort by plan, revision and party for nothing.
    positions = (
        Position.objects.filter(clause_version__revision=revision)
        .order_by()
        .values_list(
            "clause_version_id",
            "party_id",
            "stance",
            *PARTY_COLUMNS,
            "party__sort_order",
            *(CELL_DETAILS if details else ()),
        )
    )
    parties: dict[int, MatrixParty] = {}
    party_order: dict[int, tuple] = {}
    by_version: dict[int, dict[int, MatrixCell]] = {}
    for row in positions:
        version_id, party_id, stance = row[:3]
        party = parties.get(party_id)
        if party is None:
            slug, name, short_name, color, sort_order = row[3:8]
            party = parties[party_id] = MatrixParty(party_id, slug, name, short_name, color)
            party_order[party_id] = (sort_order, name)
        by_version.setdefault(version_id, {})[party_id] = MatrixCell(party, stance, *row[8:])
    columns = tuple(sorted(parties.values(), key=lambda p: party_order[p.pk]))
    built: list[MatrixRow] = []
    for pk, number, status, text, slug, title, topic in versions:
        cells = by_version.get(pk, {})
        built.append(
            MatrixRow(
                slug=slug,
                title=title,
                topic=topic,
                topic_label=TOPIC_LABELS.get(topic, topic),
                number=number,
                status=status,
                status_label=CLAUSE_STATUS_LABELS.get(status, status),
                text=text,
                positions=cells,
                cells=_cells(cells, columns),
                gap=agreement_gap(c.stance for c in cells.values()),
                version_pk=pk,
            )
        )
    rows = tuple(built)
    return Matrix(
        revision=revision,
        parties=columns,
        columns=columns,
        all_rows=rows,
        rows=rows,
        details=details,
    )


def rows_with_details(matrix: Matrix, rows: Sequence[MatrixRow]) -> list[MatrixRow]:
    """``rows`` of a matrix read without details, each cell now with its position's
    summary, quote, demand, source and key (one query, for these rows' positions alone)."""
    if not rows:
        return []
    by_party = {party.pk: party for party in matrix.parties}
    details: dict[int, dict[int, MatrixCell]] = {}
    positions = (
        Position.objects.filter(clause_version_id__in=[row.version_pk for row in rows])
        .order_by()
        .values_list("clause_version_id", "party_id", "stance", *CELL_DETAILS)
    )
    for version_id, party_id, stance, *rest in positions:
        details.setdefault(version_id, {})[party_id] = MatrixCell(by_party[party_id], stance, *rest)
    detailed = []
    for row in rows:
        cells = details.get(row.version_pk, {})
        detailed.append(row._replace(positions=cells, cells=_cells(cells, matrix.columns)))
    return detailed
