"""Queries compiled to SQL once, then run with other values: for the reads whose ORM query
costs more to build and compile than to run.

Django builds a query (joins, filters, ordering) and compiles it to SQL afresh on every
evaluation. For a page of 50 positions that is several times the cost of the database's
answer (the positions list case in bench/results.md). The query's shape -- which filters
apply -- varies little, so each shape is compiled once, with a stand-in value for each
parameter a request supplies, and later runs put the request's values in their place.

What comes back is what ``values_list()`` would give: the rows with the database's values
converted as the ORM converts them (dates and booleans on SQLite, for instance).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet


@dataclass(frozen=True)
class Slot:
    """Where a run's value named ``name`` goes among the query's parameters."""

    name: str


@dataclass(frozen=True)
class CompiledQuery:
    alias: str
    sql: str
    params: tuple  # constants, and a Slot for each value a run supplies
    converters: dict  # {column: ([converter, ...], expression)}, as the compiler gives them

    def rows(self, values: Mapping[str, object], *, limit: int, offset: int) -> list[tuple]:
        """The rows of the query with ``values`` in its slots, ``limit`` of them from
        ``offset`` (one query)."""
        params = [values[p.name] if isinstance(p, Slot) else p for p in self.params]
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(f"{self.sql} LIMIT %s OFFSET %s", [*params, limit, offset])
            found = cursor.fetchall()
        if not self.converters:
            return found
        return _converted(found, self.converters, connection)


def _converted(rows: list[tuple], converters: dict, connection) -> list[tuple]:
    """``rows`` with each value converted as the ORM converts it, each distinct value of a
    column once: a page's dates take a few distinct values, its booleans two, and every
    converter is a function of the value alone."""
    columns = [
        (column, functions, expression, {})
        for column, (functions, expression) in converters.items()
    ]
    converted = []
    for row in rows:
        row = list(row)
        for column, functions, expression, seen in columns:
            value = row[column]
            try:
                row[column] = seen[value]
                continue
            except KeyError:
                pass
            except TypeError:  # an unhashable value: converted each time
                seen = None
            result = value
            for convert in functions:
                result = convert(result, expression, connection)
            if seen is not None:
                seen[value] = result
            row[column] = result
        converted.append(tuple(row))
    return converted


def compile_rows(queryset: QuerySet, stand_ins: Mapping[str, object]) -> CompiledQuery:
    """The SQL of ``queryset`` (a ``values_list()`` without a slice), in which each value
    of ``stand_ins`` becomes the slot of its name.

    A stand-in must be a value no other parameter of the query has, which the ORM passes
    to the database unchanged (a string, or an integer for an integer column); a stand-in
    missing from the compiled parameters is an error, since its run's value would be
    ignored.
    """
    query = queryset.query
    if query.low_mark or query.high_mark is not None:
        raise ValueError("compile_rows takes a query without a slice: rows() adds it")
    columns = [*query.extra_select, *query.values_select, *query.annotation_select]
    if columns != list(queryset._fields or ()):
        raise ValueError("compile_rows takes a values_list() naming its columns in SQL order")
    compiler = query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    slots = {value: Slot(name) for name, value in stand_ins.items()}

    def slot_or_constant(value):
        try:
            return slots.get(value, value)
        except TypeError:  # unhashable: never a stand-in
            return value

    compiled_params = tuple(slot_or_constant(value) for value in params)
    unused = set(stand_ins) - {p.name for p in compiled_params if isinstance(p, Slot)}
    if unused:
        raise ValueError(f"stand-ins not among the query's parameters: {sorted(unused)}")
    converters = compiler.get_converters([column for column, _, _ in compiler.select])
    return CompiledQuery(queryset.db, sql, compiled_params, converters)
