"""The plan overview: the clauses of a revision by the parties, and its filters.

A large plan has hundreds of clauses by a dozen parties: thousands of cells. The matrix is
therefore read as plain rows (``values_list``, no model instances) and every label a cell
shows is looked up here once, so rendering it is string work only.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..models import ClauseVersion, Position, Revision
from ..vocabularies import CLAUSE_STATUS_LABELS, TOPIC_LABELS, agreement_gap


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

    def narrow(
        self,
        *,
        topic: str = "",
        status: str = "",
        party: str = "",
        stance: str = "",
        query: str = "",
    ) -> "Matrix":
        """The same matrix filtered, without a query: ``party`` (a slug) keeps that party's
        column only; ``stance`` keeps the clauses on which a shown party holds it;
        ``query`` searches the clause title and text and the position summaries."""
        columns = tuple(p for p in self.parties if p.slug == party) if party else self.parties
        shown = {p.pk for p in columns}
        rows = [
            row
            for row in self.all_rows
            if (not topic or row.topic == topic)
            and (not status or row.status == status)
            and (
                not stance
                or any(c.stance == stance for pk, c in row.positions.items() if pk in shown)
            )
            and (not query or _matches(row, query))
        ]
        if columns != self.columns:
            rows = [row._replace(cells=_cells(row.positions, columns)) for row in rows]
        return replace(self, columns=columns, rows=tuple(rows))


def _matches(row: MatrixRow, query: str) -> bool:
    """Case-insensitive search; done in Python, where casefold() treats every alphabet
    alike (SQLite's LIKE folds ASCII only)."""
    needle = query.casefold()
    haystacks = [row.title, row.text, *(c.summary for c in row.positions.values())]
    return any(needle in hay.casefold() for hay in haystacks)


def _cells(positions: dict[int, MatrixCell], columns: Sequence[MatrixParty]):
    return tuple(positions.get(party.pk) or MatrixCell(party) for party in columns)


def plan_matrix(*, revision: Revision | None) -> Matrix:
    """Every clause of ``revision`` in draft order by every party holding a position in it
    (two queries: the clause versions with their clause, their positions with party).
    Narrow it with ``Matrix.narrow``: filters apply in Python, so the unfiltered total and
    the party choices cost nothing more."""
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
            "stance",
            "summary",
            "carried_over",
            "party_id",
            "party__slug",
            "party__name",
            "party__short_name",
            "party__color",
            "party__sort_order",
        )
    )
    parties: dict[int, MatrixParty] = {}
    party_order: dict[int, tuple] = {}
    by_version: dict[int, dict[int, MatrixCell]] = {}
    for version_id, stance, summary, carried, party_id, *party_fields in positions:
        party = parties.get(party_id)
        if party is None:
            slug, name, short_name, color, sort_order = party_fields
            party = parties[party_id] = MatrixParty(party_id, slug, name, short_name, color)
            party_order[party_id] = (sort_order, name)
        by_version.setdefault(version_id, {})[party_id] = MatrixCell(
            party, stance, summary, carried
        )
    columns = tuple(sorted(parties.values(), key=lambda p: party_order[p.pk]))
    rows = []
    for pk, number, status, text, slug, title, topic in versions:
        cells = by_version.get(pk, {})
        rows.append(
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
            )
        )
    rows = tuple(rows)
    return Matrix(revision=revision, parties=columns, columns=columns, all_rows=rows, rows=rows)
