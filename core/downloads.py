"""Every table page as data: ``?format=csv`` or ``?format=json`` on the page's own URL,
with the page's own filters, exports exactly the rows the page selects, in full.

The URL configuration offers a page's export with ``with_exports(page_view, table_of)``:
the table function (beside its page, in the page's app) reads what the page reads (the
same selectors and filter forms) and returns a ``Table``; this module streams it. The page
views themselves do not change. An export never paginates: a whole revision of a large
plan is one request.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import wraps

from django.http import HttpResponseBadRequest, StreamingHttpResponse

from core.exports import csv_chunks, file_name, json_chunks

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
            return bad_request(UNKNOWN_FORMAT.format(value=fmt))
        try:
            table = table_of(request, **kwargs)
        except BadExport as refused:
            return bad_request(str(refused))
        return export_response(table, fmt)

    return page_or_export


def bad_request(message: str) -> HttpResponseBadRequest:
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


def filter_name(filters: Mapping[str, str]) -> list[str]:
    return [f"{key}-{value}" for key, value in filters.items()]
