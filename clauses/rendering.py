"""The overview matrix's body rows, from templates/clauses/_matrix_rows.jinja: a large
plan's page holds about a thousand cells, which Django's template engine renders several
times slower than Jinja2 (see core/jinja2.py)."""

from markupsafe import Markup

from clauses.pieces import stance_pieces
from clauses.row_links import number_link, slug_link
from clauses.selectors import Matrix
from clauses.text_languages import Reading
from core.jinja2 import macros


def matrix_rows(
    matrix: Matrix, *, plan_slug: str, rows=None, reading: Reading | None = None
) -> Markup:
    """One row per clause of ``rows`` (the matrix's own when not given: a page of them), one
    cell per party shown, and the two chosen parties' distance after their cells when two
    are chosen. Read in another language than the original (``reading``), each clause
    shows its text in it, or the original marked as such."""
    # Only a matrix of a revision has rows to draw (the overview draws none without one).
    assert matrix.revision is not None  # noqa: S101 -- narrows the type, checks nothing new
    return macros("clauses/_matrix_rows.jinja").matrix_rows(
        matrix.rows if rows is None else rows,
        clause_url=slug_link("clauses:clause", "clause", plan=plan_slug),
        version_url=slug_link(
            "clauses:clause_version", "clause", plan=plan_slug, number=matrix.revision.number
        ),
        source_page=number_link("sources:detail", "source"),
        stances=stance_pieces(),
        pair_after=matrix.other,
        pair_gap=matrix.pair_gap,
        texts=reading.texts if reading is not None and reading.translated else None,
        names=_text_names(reading),
    )


def _text_names(reading: Reading | None) -> dict[str, str]:
    """The names a clause's text marks need, looked up once for the page."""
    if reading is None:
        return {}
    names = dict(reading.available)
    return {
        "language": reading.language_name,
        "original": names.get(reading.original, reading.original),
    }
