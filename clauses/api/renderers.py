"""How the API writes what is not plain DRF JSON.

CSV, the DRF way: ``?format=csv`` (or ``Accept: text/csv``) on the positions list. The
list answers CSV itself, streamed and unpaginated (every position the filters select,
``revision=all`` included, in one response; see ``positions_csv``): the renderer below is
what DRF negotiates with, and what renders anything else the view answers in that format,
an error above all, which stays the API's JSON error body.

JSON of thousands of rows, written faster (``RowsJSONRenderer``), byte for byte as DRF
writes it.
"""

import json
from itertools import islice

import orjson
from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer

from clauses.api.serializers import PositionSerializer
from clauses.fields import POSITION
from clauses.representations import (
    POSITION_FIELDS,
    flat_position_data,
    positions_data,
    stance_fields,
)
from core.exports import csv_chunks, file_name

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Rows read and represented at a time: ``positions_data`` shares its links within a batch.
BATCH = 1000


def _position_columns() -> tuple[str, ...]:
    """The columns of a position as CSV: the JSON's fields in their order (the serializer
    documents them), a stance as its name, label and value side by side (``flat_names``);
    so a field the JSON gains is a column too."""
    stances = stance_fields(POSITION)
    columns: list[str] = []
    # keys(): the stubs type iterating the fields as yielding fields, not their names.
    for name in PositionSerializer().fields.keys():  # noqa: SIM118
        columns += [name, f"{name}_label", f"{name}_value"] if name in stances else [name]
    return tuple(columns)


API_POSITION_CSV_COLUMNS = _position_columns()


class CsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            # An error is the one JSON error body of the API, whatever format was asked.
            response["Content-Type"] = "application/json"
            return json.dumps(data).encode()
        rows = data.get("results", []) if isinstance(data, dict) else data or []
        return "".join(
            csv_chunks(API_POSITION_CSV_COLUMNS, (flat_position_data(row) for row in rows))
        ).encode()


def _flat_rows(rows, links):
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        for data in positions_data(batch, links):
            yield flat_position_data(data)


def positions_csv(positions, links, *, name: tuple[str, ...]) -> StreamingHttpResponse:
    """Every position of the (filtered) queryset as CSV, streamed (one query, read in
    chunks)."""
    rows = positions.values_list(*POSITION_FIELDS).iterator(chunk_size=BATCH)
    chunks = csv_chunks(API_POSITION_CSV_COLUMNS, _flat_rows(rows, links))
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in chunks), content_type=CSV_CONTENT_TYPE
    )
    filename = file_name(*name, extension="csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# U+2028 and U+2029 end a line in JavaScript: JSONRenderer writes them escaped, so must we.
_LINE_SEPARATORS = (("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029"))
_SEPARATOR_LEAD = b"\xe2"


class RowsJSONRenderer(JSONRenderer):
    """``JSONRenderer``'s bytes, written by orjson: for the reads of thousands of rows
    (a revision with every position, a page of 500 positions), where encoding the JSON
    cost a quarter of the whole read (bench/results.md).

    Byte for byte what ``JSONRenderer`` writes (compact, UTF-8 unescaped, U+2028 and
    U+2029 escaped) for what these reads hold: strings, integers, booleans, nulls, lists
    and dicts with string keys. A type orjson refuses (a lazy translation, a decimal, an
    integer past 64 bits) and an indented rendering (the browsable API asks for one) are
    left to ``JSONRenderer``. Only floats would be written differently, as valid JSON of
    the same value (``1e16`` for ``1e+16``): a view whose data may hold them does not use
    this renderer.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if (
            data is None
            or self.get_indent(accepted_media_type, renderer_context or {}) is not None
            or not (self.compact and not self.ensure_ascii)
        ):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data)
        except TypeError:  # orjson.JSONEncodeError: a type only DRF's encoder knows
            return super().render(data, accepted_media_type, renderer_context)
        # Both separators start with the byte 0xE2 in UTF-8: looking for that one byte is
        # a fraction of the cost of looking for either separator in a body of megabytes.
        if _SEPARATOR_LEAD in body:
            for raw, escaped in _LINE_SEPARATORS:
                body = body.replace(raw, escaped)
        return body


# The renderers of the views whose data holds no floats (see RowsJSONRenderer), in the
# order of DRF's defaults: JSON, then the browsable API.
ROWS_RENDERERS = [RowsJSONRenderer, BrowsableAPIRenderer]
