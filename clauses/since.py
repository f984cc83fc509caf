"""The ``since`` date of the pages, API and feeds that show what changed since a day.

A pure module: a query's text in, a date out, or an error that names the parameter.
"""

import datetime

SINCE = "since"
BAD_SINCE = "since: {value!r} is not a date; give a day as YYYY-MM-DD (e.g. 2025-12-01)."
NO_SINCE = "since: give the day to start from as YYYY-MM-DD (e.g. ?since=2025-12-01)."


class SinceError(ValueError):
    """A ``since`` that is not a day; its message names the parameter."""

    field = SINCE


def parse_since(value: str | None) -> datetime.date:
    """The day ``value`` names (``YYYY-MM-DD``); ``SinceError`` for anything else."""
    if value is None or not value.strip():
        raise SinceError(NO_SINCE)
    text = value.strip()
    try:
        # fromisoformat alone also takes "20251201" and week dates: only the day's spelling.
        if len(text) != 10:
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise SinceError(BAD_SINCE.format(value=text[:40])) from None


def since_moment(since: datetime.date) -> datetime.datetime:
    """The start of the day ``since`` (UTC): the first moment a ``since`` filter keeps."""
    return datetime.datetime.combine(since, datetime.time.min, tzinfo=datetime.UTC)
