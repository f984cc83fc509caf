"""Every table page as data: ``?format=csv`` or ``?format=json`` on the page's own URL,
with the page's own filters, exports exactly the rows the page selects, in full.

The URL configuration offers a page's export with ``with_exports(page_view, table_of)``:
the table function reads what the page reads (the same selectors and filter forms) and
returns a ``Table``; this module streams it. The page views themselves do not change. An
export never paginates: a whole revision of a large plan is one request.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import wraps

from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse

from ..export_rows import (
    EXPORT_CHANGE_COLUMNS,
    EXPORT_POSITION_COLUMNS,
    export_changes_data,
    export_positions_data,
)
from ..exports import csv_chunks, file_name, json_chunks
from ..filters import DiffFilterForm, OverviewFilterForm
from ..links import PageLinks
from ..models import Clause, Revision
from ..selectors import (
    NothingToCompare,
    clause_get,
    default_against,
    plan_matrix,
    revision_diff,
    revision_get,
)
from ..selectors.exports import clause_position_rows, revision_position_rows
from .clauses import NO_SUCH_CLAUSE
from .plans import overview_revisions, plan_or_404
from .revisions import NO_SUCH_REVISION

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
UNKNOWN_FORMAT = (
    "Unknown format {value!r}: ask for format=csv or format=json, or leave format out for the page."
)
BAD_FILTERS = "The export's filters are not valid: {errors} Fix them as the page's form says."


class BadExport(Exception):
    """An export asked with filters its page would not take: answered 400, naming them."""


@dataclass
class Table:
    """One export: what the file is named from, its ``meta`` (plan, revisions, filters),
    its columns and its rows (a generator: a streamed export holds one row at a time)."""

    name: tuple[str, ...]
    meta: dict
    columns: tuple[str, ...]
    rows: Iterable[Mapping] = field(default_factory=tuple)


def export_response(table: Table, fmt: str) -> StreamingHttpResponse:
    if fmt == "csv":
        chunks = csv_chunks(table.columns, table.rows)
    else:
        chunks = json_chunks({**table.meta, "columns": list(table.columns)}, table.rows)
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in chunks), content_type=FORMATS[fmt]
    )
    name = file_name(*table.name, extension=fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def with_exports(view, table_of: Callable[..., Table]):
    """The page ``view``, which with ``?format=csv`` or ``json`` answers instead with the
    export ``table_of(request, **url_kwargs)`` builds."""

    @wraps(view)
    def page_or_export(request, **kwargs):
        fmt = request.GET.get("format")
        if fmt is None:
            return view(request, **kwargs)
        if fmt not in FORMATS:
            return _bad_request(UNKNOWN_FORMAT.format(value=fmt))
        try:
            table = table_of(request, **kwargs)
        except BadExport as refused:
            return _bad_request(str(refused))
        return export_response(table, fmt)

    return page_or_export


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def page_url(request) -> str:
    """The page an export was taken from, without its format."""
    query = request.GET.copy()
    query.pop("format", None)
    path = request.build_absolute_uri(request.path)
    return f"{path}?{query.urlencode()}" if query else path


def filters_of(form) -> dict[str, str]:
    """The filters a valid form was given, by their names in the URL; BadExport if any is
    not valid (a page shows the form's errors; a file cannot)."""
    if not form.is_valid():
        errors = " ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items())
        raise BadExport(BAD_FILTERS.format(errors=errors))
    return {
        name: ",".join(value) if isinstance(value, list) else str(value)
        for name, value in form.cleaned_data.items()
        if value
    }


def _filter_name(filters: Mapping[str, str]) -> list[str]:
    return [f"{key}-{value}" for key, value in filters.items()]


def overview_table(request, plan) -> Table:
    """The overview's positions: those of the clauses its filters keep, in the columns they
    keep (five queries: plan, current revision, the matrix's two, the positions in full)."""
    plan = plan_or_404(plan)
    try:
        _current, shown = overview_revisions(plan, request.GET.get("revision", ""))
    except ValueError as refused:
        raise BadExport(str(refused)) from None
    matrix = plan_matrix(revision=shown)
    form = OverviewFilterForm(request.GET, parties=matrix.parties)
    filters = filters_of(form)
    matrix = matrix.narrow(**form.narrowing())
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
    name = (plan.slug, number, "overview", *_filter_name(filters))
    if revision is None:
        return Table(name, meta, EXPORT_POSITION_COLUMNS)
    clauses = {row.slug for row in matrix.rows}
    parties = {party.slug for party in matrix.columns}
    # Only the clauses and parties the page shows: matched here rather than in SQL, so the
    # export keeps exactly what Matrix.narrow kept, however it decides.
    rows = (
        row
        for row in revision_position_rows(revision=revision)
        if row[4] in clauses and row[9] in parties
    )
    data = export_positions_data(rows, PageLinks(request))
    return Table(name, meta, EXPORT_POSITION_COLUMNS, data)


def _diff_table(request, *, plan, old: Revision, new: Revision) -> Table:
    """The diff's clauses the page's filters keep, one row per party (three queries)."""
    result = revision_diff(old=old, new=new)
    form = DiffFilterForm(request.GET, parties=result.totals.parties)
    filters = filters_of(form)
    clauses, _unchanged_left_out = form.apply(result.clauses)
    meta = {
        "plan": plan.slug,
        "plan_title": plan.title,
        "view": "diff",
        "revisions": [old.number, new.number],
        "summary": result.summary,
        "filters": filters,
        "page_url": page_url(request),
    }
    rows = export_changes_data(
        clauses,
        plan=plan.slug,
        old=old.number,
        new=new.number,
        diff_url=page_url(request),
        pages=PageLinks(request),
    )
    name = (plan.slug, f"r{old.number}-r{new.number}", "diff", *_filter_name(filters))
    return Table(name, meta, EXPORT_CHANGE_COLUMNS, rows)


def revision_diff_table(request, plan, number) -> Table:
    try:
        new = revision_get(plan_slug=plan, number=number)
        old = default_against(new)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION) from None
    except NothingToCompare as refused:
        raise Http404(str(refused)) from None
    return _diff_table(request, plan=new.plan, old=old, new=new)


def compare_table(request, plan, a, b) -> Table:
    try:
        old = revision_get(plan_slug=plan, number=a)
        new = revision_get(plan_slug=plan, number=b)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION) from None
    return _diff_table(request, plan=new.plan, old=old, new=new)


def clause_table(request, plan, clause) -> Table:
    """Every position on the clause in every revision (two queries)."""
    try:
        clause = clause_get(plan_slug=plan, clause_slug=clause)
    except Clause.DoesNotExist:
        raise Http404(NO_SUCH_CLAUSE) from None
    rows = export_positions_data(clause_position_rows(clause=clause), PageLinks(request))
    # The revisions the clause is in are known only once its rows are read; a file's
    # meta comes first, so it names the clause, whose page lists them.
    meta = {
        "plan": clause.plan.slug,
        "plan_title": clause.plan.title,
        "view": "clause",
        "clause": clause.slug,
        "clause_title": clause.title,
        "revisions": "all",
        "filters": {},
        "page_url": page_url(request),
    }
    return Table((clause.plan.slug, clause.slug), meta, EXPORT_POSITION_COLUMNS, rows)


def revision_table(request, plan, number) -> Table:
    """Every position of the revision, in draft order (two queries)."""
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
    rows = export_positions_data(revision_position_rows(revision=revision), PageLinks(request))
    name = (revision.plan.slug, f"r{revision.number}")
    return Table(name, meta, EXPORT_POSITION_COLUMNS, rows)
