"""The plan overview: the clauses of a revision by the parties, and its filters."""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..models import ClauseVersion, Position, Revision
from ..stance import agreement_gap
from .snapshots import clause_versions_of, parties_of


@dataclass(frozen=True)
class MatrixCell:
    party: object
    position: Position | None  # None where the party has no recorded position


@dataclass(frozen=True)
class MatrixRow:
    version: ClauseVersion
    cells: tuple[MatrixCell, ...]  # one per column
    gap: int | None  # agreement gap over every party's stance, whatever the columns shown


@dataclass(frozen=True)
class Matrix:
    """The clauses of one revision (rows, in draft order) by the parties (columns)."""

    revision: Revision | None
    parties: tuple  # every party with a position in the revision: the party filter's choices
    columns: tuple  # the parties shown
    versions: tuple[ClauseVersion, ...]  # every clause of the revision, unfiltered
    rows: tuple[MatrixRow, ...]

    @property
    def total(self) -> int:
        return len(self.versions)

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
        versions = [
            v
            for v in self.versions
            if (not topic or v.clause.topic == topic)
            and (not status or v.status == status)
            and (
                not stance
                or any(p.stance == stance for p in v.positions.all() if p.party_id in shown)
            )
            and (not query or _matches(v, query))
        ]
        return replace(self, columns=columns, rows=_rows(versions, columns))


def _matches(version: ClauseVersion, query: str) -> bool:
    """Case-insensitive search; done in Python, where casefold() treats every alphabet
    alike (SQLite's LIKE folds ASCII only)."""
    needle = query.casefold()
    haystacks = [version.clause.title, version.text, *(p.summary for p in version.positions.all())]
    return any(needle in hay.casefold() for hay in haystacks)


def _rows(versions: Sequence[ClauseVersion], columns: Sequence) -> tuple[MatrixRow, ...]:
    rows = []
    for version in versions:
        positions = {p.party_id: p for p in version.positions.all()}
        rows.append(
            MatrixRow(
                version=version,
                cells=tuple(MatrixCell(party, positions.get(party.pk)) for party in columns),
                gap=agreement_gap(p.stance for p in positions.values()),
            )
        )
    return tuple(rows)


def plan_matrix(*, revision: Revision | None) -> Matrix:
    """Every clause of ``revision`` in draft order by every party holding a position in it
    (two queries: the clause versions with their clause, their positions with party).
    Narrow it with ``Matrix.narrow``: a plan has tens of clauses, not thousands, so filters
    apply in Python and the unfiltered total and party choices cost nothing more."""
    if revision is None:
        return Matrix(revision=None, parties=(), columns=(), versions=(), rows=())
    versions = tuple(clause_versions_of([revision]))
    parties = tuple(parties_of(versions))
    return Matrix(
        revision=revision,
        parties=parties,
        columns=parties,
        versions=versions,
        rows=_rows(versions, parties),
    )
