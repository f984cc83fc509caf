"""A page of the positions list, read in SQL written here rather than built by the ORM.

The page is one query: its rows with the number of all the rows matched beside each, as
``core.api.pagination.counted_rows`` reads them. Building that query with the ORM (six
tables, a filter per parameter, the order, a subquery for the count) and compiling it cost
about three times what the database takes to answer it (the positions list case in
bench/results.md); put together from a few fixed pieces it costs next to nothing.

It reads what ``api_reads.positions()`` narrowed by clauses/api/filters.py reads, in the
same order and as ``values_list(*POSITION_FIELDS)`` returns it (values converted as the
ORM would: a date as a date, a boolean as a bool), for a revision given by number or every
revision, or each plan's current revision (the default); tests/clauses/test_position_pages.py
compares the two for every combination of filters, on plans with a counter-proposal and a
withdrawn revision. Which revision is current is the models' rule
(``RevisionQuerySet.current_numbers``), written here again in SQL as ``_CURRENT``: the
list's default read is the one most clients make, and the comparison holds the two
rules together.
"""

from django.db import connections, router
from django.db.models import BooleanField

from clauses.fields import POSITION
from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.representations import POSITION_FIELDS
from core.rows import BOOLEANS, Dates
from parties.models import Party

# Each table the page reads besides the positions (``p``), by alias: the alias it joins
# through (None: the positions) and the join. A count joins only what its filters read.
_JOINS = {
    "pa": (None, "JOIN {party} pa ON pa.id = p.party_id"),
    "cv": (None, "JOIN {clause_version} cv ON cv.id = p.clause_version_id"),
    "c": ("cv", "JOIN {clause} c ON c.id = cv.clause_id"),
    "r": ("cv", "JOIN {revision} r ON r.id = cv.revision_id"),
    "pl": ("r", "JOIN {plan} pl ON pl.id = r.plan_id"),
}
# The tables, by the name the SQL gives them.
_TABLES = {
    "position": Position,
    "party": Party,
    "clause_version": ClauseVersion,
    "clause": Clause,
    "revision": Revision,
    "plan": Plan,
}
# The current revision of each plan: the highest-numbered on its main line, neither a
# counter-proposal (a branch) nor withdrawn (clauses/models.py, RevisionQuerySet).
_CURRENT = (
    "r.number = (SELECT r2.number FROM {revision} r2 WHERE r2.plan_id = r.plan_id "
    "AND NOT r2.branch AND NOT r2.withdrawn ORDER BY r2.number DESC LIMIT 1)"
)
# Each filter: the alias it reads and its condition, in the order of PositionFilter's.
# Each condition but the current revision's takes the filter's value as its parameter.
_CONDITIONS = {
    "plan": ("pl", "pl.slug = %s"),
    "current": ("r", _CURRENT),
    "revision": ("r", "r.number = %s"),
    "party": ("pa", "pa.slug = %s"),
    "stance": ("p", "p.stance = %s"),
    "topic": ("c", "c.topic = %s"),
    "status": ("cv", "cv.status = %s"),
}
# The columns of ``POSITION_FIELDS``, in its order.
_COLUMNS = (
    "p.id",
    "p.version",
    *(f"p.{POSITION.model_field(name).column}" for name in POSITION.names),
    "pa.slug",
    "cv.number",
    "c.slug",
    "r.number",
    "pl.slug",
)
# ``api_reads.POSITION_ORDER``: by plan and revision unless the filters name one.
_BY_PLAN = ("pl.slug",)
_BY_REVISION = ("r.number",)
_IN_PLAN_ORDER = ("cv.position_in_draft", "cv.clause_id", "pa.sort_order", "pa.name", "p.party_id")
# Where the values the driver may return unconverted lie in a row (see core/rows.py).
_DATES = tuple(POSITION_FIELDS.index(name) for name in POSITION.dates)
_BOOLEANS = tuple(POSITION_FIELDS.index(name) for name in POSITION.names_of(BooleanField))


def _joined(aliases) -> str:
    """The joins that reach ``aliases`` from the positions, each once, in ``_JOINS`` order."""
    needed = set()
    for alias in aliases:
        while alias in _JOINS:
            needed.add(alias)
            alias = _JOINS[alias][0]
    return " ".join(join for alias, (_, join) in _JOINS.items() if alias in needed)


def position_page(
    offset: int,
    size: int,
    *,
    plan: str | None = None,
    current: bool = False,
    revision: int | None = None,
    party: str | None = None,
    stance: str | None = None,
    topic: str | None = None,
    status: str | None = None,
) -> list[tuple]:
    """``size`` positions from the row ``offset``, each a ``POSITION_FIELDS`` row with the
    number of every position matched as its last column (one query).

    ``plan`` and ``party`` are slugs (a slug that names nothing matches nothing);
    ``current`` keeps each plan's current revision, ``revision`` a revision number, of
    ``plan`` or of each plan; None for any filter leaves it out (for ``revision``, without
    ``current``: every revision).
    """
    given = {
        "plan": plan,
        "current": True if current else None,
        "revision": revision,
        "party": party,
        "stance": stance,
        "topic": topic,
        "status": status,
    }
    filters = {name: value for name, value in given.items() if value is not None}
    one_revision = current or revision is not None
    order = (
        (() if plan is not None else _BY_PLAN)
        + (() if plan is not None and one_revision else _BY_REVISION)
        + _IN_PLAN_ORDER
    )
    connection = connections[router.db_for_read(Position)]
    sql = _page_sql(connection.ops.quote_name, filters, order)
    values = [value for name, value in filters.items() if name != "current"]
    with connection.cursor() as cursor:
        # The filters' values twice: for the count, then for the page.
        cursor.execute(sql, [*values, *values, size, offset])
        return _converted(cursor.fetchall())


def _page_sql(quote_name, filters: dict, order: tuple[str, ...]) -> str:
    conditions = [_CONDITIONS[name] for name in filters]
    where = " AND ".join(condition for _, condition in conditions) or "1 = 1"
    counted = _joined(alias for alias, _ in conditions)
    # Every value the client sent is a parameter.
    sql = (
        f"SELECT {', '.join(_COLUMNS)}, "  # noqa: S608 -- fixed pieces, quoted tables
        f"(SELECT COUNT(*) FROM {{position}} p {counted} WHERE {where}) "
        f"FROM {{position}} p {_joined(_JOINS)} WHERE {where} "
        f"ORDER BY {', '.join(order)} LIMIT %s OFFSET %s"
    )
    return sql.format(**{name: quote_name(model._meta.db_table) for name, model in _TABLES.items()})


def _converted(rows: list[tuple]) -> list[tuple]:
    """``rows`` with their dates and booleans as the ORM returns them, whatever the driver
    returned (SQLite: text and 0 or 1)."""
    dates = Dates()
    converted = []
    for row in rows:
        cells = list(row)
        for index in _DATES:
            cells[index] = dates[cells[index]]
        for index in _BOOLEANS:
            cells[index] = BOOLEANS[cells[index]]
        converted.append(tuple(cells))
    return converted
