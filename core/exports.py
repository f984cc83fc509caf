"""Tables as CSV and JSON text, written piece by piece so a response can stream them.

Pure: rows in (dicts keyed by column name), text out; no database, no HTTP.

CSV is what a spreadsheet opens without asking: UTF-8 with a byte order mark (Excel reads
a file without one as the local code page and garbles Cyrillic), one header row of column
names and nothing above it (comment lines would be read as data). The plan, revisions and
filters of an export are in its file name and, for JSON, in its ``meta``.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would
be run as a formula by a spreadsheet: it is written with a leading apostrophe, which the
spreadsheet shows as text and hides. Numbers are written as numbers (a stance value of -2
stays a number); only text is neutralised.
"""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows per piece of a streamed response: large enough that the writer's overhead is
# spread thin, small enough that the first bytes leave at once.
ROWS_PER_CHUNK = 500


def neutralised(value) -> object:
    """A cell's value safe for a spreadsheet: text that would start a formula gets a
    leading apostrophe; None is an empty cell; booleans read as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(columns: Sequence[str], rows: Iterable[Mapping]) -> Iterator[str]:
    """The CSV text of ``rows`` in pieces: the BOM and header first, then a piece per
    ``ROWS_PER_CHUNK`` rows. A row's missing column is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    yield BOM + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for count, row in enumerate(rows, start=1):
        writer.writerow([neutralised(row.get(column)) for column in columns])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    tail = buffer.getvalue()
    if tail:
        yield tail


def json_chunks(meta: Mapping, rows: Iterable[Mapping]) -> Iterator[str]:
    """``{"meta": meta, "rows": [...]}`` as JSON text in pieces, one row at a time."""
    encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
    yield '{"meta": ' + encode(meta) + ', "rows": ['
    pieces = []
    first = True
    for row in rows:
        pieces.append(("" if first else ", ") + encode(row))
        first = False
        if len(pieces) == ROWS_PER_CHUNK:
            yield "".join(pieces)
            pieces = []
    yield "".join(pieces) + "]}\n"


_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_DASHES = re.compile(r"-{2,}")


def file_name(*parts: str, extension: str) -> str:
    """A download's file name from its parts ("ukraine", "r3", "topic-territory"): ASCII
    letters, digits, dots and dashes only, so every browser and shell takes it as is."""
    words = [_UNSAFE_IN_NAME.sub("-", part) for part in parts if part]
    name = _DASHES.sub("-", "-".join(words)).strip("-")
    return name[:150] + "." + extension
