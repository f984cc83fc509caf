"""CSV from the API, the DRF way: ``?format=csv`` (or ``Accept: text/csv``) on the
positions list.

The list answers CSV itself, streamed and unpaginated (every position the filters select,
``revision=all`` included, in one response; see ``positions_csv``): the renderer below is
what DRF negotiates with, and what renders anything else the view answers in that format,
an error above all, which stays the API's JSON error body."""

import json
from itertools import islice

from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer

from clauses.exports import csv_chunks, file_name
from clauses.representations import POSITION_FIELDS, flat_position_data, positions_data

from .serializers import PositionSerializer

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Rows read and represented at a time: ``positions_data`` shares its links within a batch.
BATCH = 1000


def _position_columns() -> tuple[str, ...]:
    """The columns of a position as CSV: the JSON's fields in their order (the serializer
    declares them), the stance as its name, label and value side by side; so a field the
    JSON gains is a column too."""
    columns = []
    for name in PositionSerializer().fields:
        columns += ["stance", "stance_label", "stance_value"] if name == "stance" else [name]
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
