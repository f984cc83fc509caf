"""Rows as the database driver returns them, for the reads of thousands of rows.

Django's ``values_list`` converts every value of every row through the backend's
converters (on SQLite a date arrives as text and is parsed, a boolean arrives as 0 or 1),
one call per value. A diff of two revisions of a long negotiation reads ten thousand
positions; their dates take a few dozen distinct values. So these reads run the query
Django compiles, unchanged, and convert only the columns that need it, once per distinct
value.
"""

import datetime

from django.db import connections
from django.db.models import QuerySet


def plain_rows(queryset: QuerySet) -> list[tuple]:
    """The rows of a ``values_list`` queryset as the driver returns them (one query, on the
    database the queryset reads from): no value converted, see ``Dates`` and ``BOOLEANS``."""
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Dates(dict):
    """A date column's values, as ``datetime.date``, each distinct value parsed once: look
    a driver's value up as ``dates[value]`` (None stays None, a date stays itself)."""

    def __missing__(self, value):
        if value is None or isinstance(value, datetime.date):
            parsed = value
        else:
            parsed = datetime.date.fromisoformat(value)
        self[value] = parsed
        return parsed


# A boolean column's values as the driver returns them (SQLite: 0 or 1) to Python's bool.
BOOLEANS = {False: False, True: True, None: None}
