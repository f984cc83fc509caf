"""What an export reads beyond what its page reads: the positions in full (quote, source
and all), as plain rows, streamed from the database in chunks."""

from collections.abc import Iterator

from clauses.export_rows import EXPORT_POSITION_FIELDS
from clauses.models import Clause, ClauseVersion, Position, Revision
from clauses.selectors.api_reads import PARTY_ORDER

CHUNK = 2000


def _rows(queryset) -> Iterator[tuple]:
    return queryset.values_list(*EXPORT_POSITION_FIELDS).iterator(chunk_size=CHUNK)


def revision_position_rows(*, revision: Revision) -> Iterator[tuple]:
    """Every position of the revision as ``EXPORT_POSITION_FIELDS`` rows, clauses in draft
    order and parties in their order (one query, read in chunks)."""
    return _rows(
        Position.objects.filter(clause_version__revision=revision).order_by(
            "clause_version__position_in_draft", "clause_version__clause_id", *PARTY_ORDER
        )
    )


def clause_position_rows(*, clause: Clause) -> Iterator[tuple]:
    """Every position on the clause in every revision, by revision number then party (one
    query, read in chunks)."""
    return _rows(
        Position.objects.filter(clause_version__clause=clause).order_by(
            "clause_version__revision__number", *PARTY_ORDER
        )
    )


def revision_clause_texts(*, revision: Revision) -> list[tuple[int, str, str]]:
    """Each clause version of the revision as (id, clause slug, original text), for its
    text in another language (one query)."""
    return list(
        ClauseVersion.objects.filter(revision=revision)
        .order_by()
        .values_list("pk", "clause__slug", "text")
    )
