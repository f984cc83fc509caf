"""The plan's own pages as data (see core/downloads.py): the overview's positions as its
filters keep them, and every position of one revision."""

from collections.abc import Iterable

from django.http import Http404

from clauses.export_rows import (
    DISAGREEMENT_COLUMN,
    EXPORT_POSITION_COLUMNS,
    GAP_COLUMN,
    TEXT_COLUMNS,
    export_positions_data,
    with_measures,
    with_texts,
)
from clauses.filters import OverviewFilterForm
from clauses.matrix_order import POINT
from clauses.models import Revision
from clauses.selectors import plan_matrix, revision_get
from clauses.selectors.exports import revision_clause_texts, revision_position_rows
from clauses.text_languages import LANG, LanguageRefused, ShownText, reading_of_texts
from clauses.views.plans import overview_revisions, plan_or_404
from clauses.views.revisions import NO_SUCH_REVISION
from core.downloads import BadExport, Table, filter_name, filters_of, page_url
from core.links import PageLinks


def overview_table(request, plan) -> Table:
    """The overview's positions: those of the clauses its filters keep, in the columns they
    keep (five queries: plan, current revision, the matrix's two, the positions in full;
    two more with ``?lang=``, see ``texts_asked``)."""
    plan = plan_or_404(plan)
    try:
        _current, shown = overview_revisions(plan, request.GET.get("revision", ""))
    except ValueError as refused:
        raise BadExport(str(refused)) from None
    matrix = plan_matrix(revision=shown)
    form = OverviewFilterForm(request.GET, parties=matrix.parties)
    filters = filters_of(form)
    matrix = matrix.narrow(**form.narrowing())
    if matrix.other is None:
        # A second party without a first chooses nothing: the file does not claim it.
        filters.pop("vs", None)
    revision = matrix.revision
    meta = {
        "plan": plan.slug,
        "plan_title": plan.title,
        "view": "overview",
        "revisions": [revision.number] if revision else [],
        "filters": filters,
        "page_url": page_url(request),
    }
    number = f"r{revision.number}" if revision else ""
    name = (plan.slug, number, "overview", *filter_name(filters))
    texts = texts_asked(request, revision, meta)
    if revision is None:
        return Table(name, meta, EXPORT_POSITION_COLUMNS)
    clauses = {row.slug: place for place, row in enumerate(matrix.rows)}
    parties = {party.slug: place for place, party in enumerate(matrix.columns)}
    # Only the clauses and parties the page shows: matched here rather than in SQL, so the
    # export keeps exactly what Matrix.narrow kept, however it decides.
    rows: Iterable[tuple] = (
        row
        for row in revision_position_rows(revision=revision)
        if row[4] in clauses and row[9] in parties
    )
    columns, measures = EXPORT_POSITION_COLUMNS, overview_measures(matrix)
    if matrix.sort != POINT:
        # In the page's order, parties in its column order within a clause (the rows of one
        # revision, read whole: the page holds them all too).
        rows = sorted(rows, key=lambda row: (clauses[row[4]], parties[row[9]]))
    data = export_positions_data(rows, PageLinks(request))
    if measures:
        columns = (*columns, *measures)
        data = with_measures(data, measures)
    if texts is not None:
        columns, data = (*columns, *TEXT_COLUMNS), with_texts(data, texts)
    return Table(name, meta, columns, data)


def texts_asked(request, revision: Revision | None, meta: dict) -> dict[str, ShownText] | None:
    """With ``?lang=``, each clause's text in that language by clause slug (the original,
    marked, where it has none), and the language named in ``meta``; None without (two
    queries: the clause versions' texts, their translations). BadExport for an unknown
    code, naming ``lang``."""
    if LANG not in request.GET:
        return None
    versions = revision_clause_texts(revision=revision) if revision is not None else []
    try:
        reading = reading_of_texts(request.GET[LANG], [(pk, text) for pk, _slug, text in versions])
    except LanguageRefused as refused:
        raise BadExport(refused.message) from None
    if reading is None:
        return None
    meta["language"] = reading.language
    return {slug: reading.texts[pk] for pk, slug, _text in versions}


def overview_measures(matrix) -> dict[str, dict[str, int | None]]:
    """The measures the overview's export adds, by column then clause slug: the gap when
    the page is ordered by something else than the draft, the two chosen parties'
    disagreement when two are chosen."""
    measures: dict[str, dict[str, int | None]] = {}
    if matrix.sort != POINT:
        measures[GAP_COLUMN] = {row.slug: row.gap for row in matrix.rows}
    if matrix.other is not None:
        measures[DISAGREEMENT_COLUMN] = {row.slug: matrix.pair_gap(row) for row in matrix.rows}
    return measures


def revision_table(request, plan, number) -> Table:
    """Every position of the revision, in draft order (two queries; two more with
    ``?lang=``: each clause's text in that language, ``texts_asked``)."""
    try:
        revision = revision_get(plan_slug=plan, number=number)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION) from None
    meta = {
        "plan": revision.plan.slug,
        "plan_title": revision.plan.title,
        "view": "revision",
        "revisions": [revision.number],
        "filters": {},
        "page_url": page_url(request),
    }
    texts = texts_asked(request, revision, meta)
    rows = export_positions_data(revision_position_rows(revision=revision), PageLinks(request))
    name = (revision.plan.slug, f"r{revision.number}")
    if texts is not None:
        return Table(name, meta, (*EXPORT_POSITION_COLUMNS, *TEXT_COLUMNS), with_texts(rows, texts))
    return Table(name, meta, EXPORT_POSITION_COLUMNS, rows)
