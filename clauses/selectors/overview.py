"""The plan overview: the clauses of a revision by the parties, filtered."""

from dataclasses import dataclass

from ..models import ClauseVersion, Position, Revision
from ..stance import agreement_gap
from .snapshots import clause_versions_of, parties_of


@dataclass(frozen=True)
class MatrixRow:
    version: ClauseVersion
    cells: tuple[Position | None, ...]  # one per column; None where no position is recorded
    gap: int | None  # agreement gap over every party's stance, whatever the columns shown


@dataclass(frozen=True)
class Matrix:
    revision: Revision | None
    parties: tuple  # every party with a position in the revision: the party filter's choices
    columns: tuple  # the parties shown
    rows: tuple[MatrixRow, ...]
    total: int  # clauses in the revision before filtering

    @property
    def filtered(self) -> bool:
        return len(self.rows) != self.total


def _matches(version: ClauseVersion, query: str) -> bool:
    """Case-insensitive search over the clause's title and text and the position summaries.
    Done in Python, where casefold() treats every alphabet alike (SQLite's LIKE does not)."""
    needle = query.casefold()
    haystacks = [version.clause.title, version.text, *(p.summary for p in version.positions.all())]
    return any(needle in hay.casefold() for hay in haystacks)


def plan_matrix(
    *,
    revision: Revision | None,
    topic: str = "",
    status: str = "",
    party: str = "",
    stance: str = "",
    query: str = "",
) -> Matrix:
    """The clauses of ``revision`` in draft order by the parties (two queries).

    ``party`` (a slug) narrows the columns to that party; ``stance`` keeps the clauses on
    which a shown party holds that stance. Filters apply here rather than in SQL so that
    the unfiltered total and the party choices come with the same two queries; a plan has
    tens of clauses, not thousands.
    """
    if revision is None:
        return Matrix(revision=None, parties=(), columns=(), rows=(), total=0)
    versions = list(clause_versions_of([revision]))
    parties = tuple(parties_of(versions))
    columns = tuple(p for p in parties if p.slug == party) if party else parties
    shown = {p.pk for p in columns}

    rows = []
    for version in versions:
        positions = {p.party_id: p for p in version.positions.all()}
        if topic and version.clause.topic != topic:
            continue
        if status and version.status != status:
            continue
        if stance and not any(p.stance == stance for k, p in positions.items() if k in shown):
            continue
        if query and not _matches(version, query):
            continue
        rows.append(
            MatrixRow(
                version=version,
                cells=tuple(positions.get(p.pk) for p in columns),
                gap=agreement_gap(p.stance for p in positions.values()),
            )
        )
    return Matrix(
        revision=revision, parties=parties, columns=columns, rows=tuple(rows), total=len(versions)
    )
