"""The writes of the search index: refreshing the passages of the records a write touched,
indexing a whole plan, and catching up on plans whose stamp moved on.

How the index stays current: every write to a plan bumps its change stamp through
``clauses.stamps.plans_touched``, which sends ``records_written`` in the writer's
transaction (search/receivers.py). The receiver notes what was written and, once that
transaction commits, ``index_refresh`` rebuilds the passages of exactly those records (a
clone's copies, written by ``INSERT ... SELECT`` after its revision, are in by then) and
brings the plan's ``IndexedPlan`` stamp up to date. Should a refresh never run (the
process died between the commit and it, or rows were written without a service), the
plan's stamp has moved past the stamp the index holds: ``index_catch_up``, which every
search runs first (one query when nothing is stale), indexes that plan again in full.
``manage.py rebuild_search_index`` rebuilds everything.

Each refresh is a handful of set-based statements (``INSERT ... SELECT``), the same on
SQLite and PostgreSQL; the full-text index follows the passages by itself (FTS5 triggers,
a generated ``tsvector`` column: search/migrations/0002_fulltext.py).
"""

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from search.kinds import POSITION_KINDS, Kind
from search.languages import ORIGINAL
from search.models import IndexedPlan, Occurrence, Passage
from translations.models import ClauseVersionTranslation

logger = logging.getLogger(__name__)

# Above this many keys a scope names a range, not a list: a bulk insert's keys are
# consecutive, and the list would be as many parameters.
RANGE_ABOVE = 500


@dataclass
class Touched:
    """What a transaction wrote, by model: the keys whose passages need refreshing."""

    revisions: set[int] = field(default_factory=set)
    clauses: set[int] = field(default_factory=set)
    clause_versions: set[int] = field(default_factory=set)
    positions: set[int] = field(default_factory=set)
    translations: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(
            self.revisions
            or self.clauses
            or self.clause_versions
            or self.positions
            or self.translations
        )

    def add(self, model, pks: Iterable[int]) -> None:
        target = {
            Revision: self.revisions,
            Clause: self.clauses,
            ClauseVersion: self.clause_versions,
            Position: self.positions,
            ClauseVersionTranslation: self.translations,
        }.get(model)
        if target is not None:
            target.update(pks)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _tables() -> dict[str, str]:
    return {
        "cv": _q(ClauseVersion._meta.db_table),
        "rev": _q(Revision._meta.db_table),
        "clause": _q(Clause._meta.db_table),
        "position": _q(Position._meta.db_table),
        "translation": _q(ClauseVersionTranslation._meta.db_table),
        "passage": _q(Passage._meta.db_table),
        "occurrence": _q(Occurrence._meta.db_table),
    }


def _keys(column: str, pks: Collection[int]) -> tuple[str, list]:
    """``column IN (...)`` for a few keys, ``BETWEEN`` for many (see RANGE_ABOVE)."""
    pks = sorted(pks)
    if len(pks) > RANGE_ABOVE:
        return f"{column} BETWEEN %s AND %s", [pks[0], pks[-1]]
    return f"{column} IN ({', '.join(['%s'] * len(pks))})", list(pks)


def _conditions(*keyed: tuple[str, Collection[int]]) -> tuple[list[str], list]:
    """A ``_keys`` condition for each column given keys, with their parameters in order."""
    parts: list[str] = []
    params: list = []
    for column, pks in keyed:
        if pks:
            sql, values = _keys(column, pks)
            parts.append(sql)
            params += values
    return parts, params


def _scope_of(touched: Touched) -> tuple[str, list]:
    """A condition on the clause versions (``cv``, their revision ``r``) whose passages a
    refresh rebuilds: those of the touched revisions and clauses, the touched clause
    versions, and the clause versions of the touched positions and translations."""
    t = _tables()
    parts, params = _conditions(
        ("cv.revision_id", touched.revisions),
        ("cv.clause_id", touched.clauses),
        ("cv.id", touched.clause_versions),
    )
    if touched.positions:
        sql, values = _keys("id", touched.positions)
        parts.append(f"cv.id IN (SELECT clause_version_id FROM {t['position']} WHERE {sql})")  # noqa: S608 -- quoted names
        params += values
    if touched.translations:
        sql, values = _keys("id", touched.translations)
        parts.append(f"cv.id IN (SELECT clause_version_id FROM {t['translation']} WHERE {sql})")  # noqa: S608 -- quoted names
        params += values
    return " OR ".join(f"({part})" for part in parts), params


def _vanished_of(touched: Touched) -> tuple[str, list]:
    """A condition on occurrences (``o``) of records that may be gone (taken down): they
    are removed whether or not their record is still there to be found by the scope."""
    parts, params = _conditions(
        ("o.clause_version_id", touched.clause_versions),
        ("o.position_id", touched.positions),
        ("o.translation_id", touched.translations),
    )
    return " OR ".join(parts) or "1 = 0", params


@dataclass(frozen=True)
class _Source:
    """Where the index reads one kind of passage from, as SQL over a clause version
    (``cv``) and its revision (``r``): the table joined for it, and the columns of it that
    fill a passage's party and language and an occurrence's position and translation."""

    kind: str
    text: str
    join: str = ""
    party: str = "0"
    language: str = f"'{ORIGINAL}'"
    position: str = "NULL"
    translation: str = "NULL"


def _sources() -> list[_Source]:
    t = _tables()
    position = f"JOIN {t['position']} pos ON pos.clause_version_id = cv.id"
    return [
        _Source(str(Kind.TEXT), "cv.text"),
        _Source(str(Kind.TITLE), "c.title", join=f"JOIN {t['clause']} c ON c.id = cv.clause_id"),
        *(
            _Source(
                str(kind),
                f"pos.{_q(column)}",
                join=position,
                party="pos.party_id",
                position="pos.id",
            )
            for kind, column in POSITION_KINDS.items()
        ),
        # Each translation of the clause version's text: a text passage in its language.
        _Source(
            str(Kind.TEXT),
            "tr.text",
            join=f"JOIN {t['translation']} tr ON tr.clause_version_id = cv.id",
            language="tr.language",
            translation="tr.id",
        ),
    ]


def _index_scope(scope: str, params: list) -> None:
    """Insert the passages the clause versions in ``scope`` hold that the index lacks, and
    an occurrence for each passage in each clause version (and position or translation)."""
    t = _tables()
    with connection.cursor() as cursor:
        for source in _sources():
            text = source.text
            base = (
                f"FROM {t['cv']} cv JOIN {t['rev']} r ON r.id = cv.revision_id {source.join} "
                f"WHERE ({scope}) AND {text} <> ''"
            )
            same = (
                f"p.clause_id = cv.clause_id AND p.kind = %s AND p.party_key = {source.party} "
                f"AND p.language = {source.language} AND p.text = {text}"
            )
            cursor.execute(
                f"INSERT INTO {t['passage']} "  # noqa: S608 -- quoted names
                "(plan_id, clause_id, kind, party_key, language, text) "
                "SELECT DISTINCT r.plan_id, cv.clause_id, CAST(%s AS VARCHAR(10)), "
                f"{source.party}, {source.language}, {text} {base} "
                f"AND NOT EXISTS (SELECT 1 FROM {t['passage']} p WHERE {same})",
                [source.kind, *params, source.kind],
            )
            cursor.execute(
                f"INSERT INTO {t['occurrence']} "  # noqa: S608 -- quoted names
                "(passage_id, clause_version_id, revision_id, position_id, translation_id) "
                f"SELECT p.id, cv.id, cv.revision_id, {source.position}, {source.translation} "
                f"FROM {t['cv']} cv JOIN {t['rev']} r ON r.id = cv.revision_id {source.join} "
                f"JOIN {t['passage']} p ON {same} WHERE ({scope}) AND {text} <> ''",
                [source.kind, *params],
            )


def _sweep(plan_ids: Collection[int]) -> None:
    """Remove the passages of these plans that no longer occur anywhere."""
    if not plan_ids:
        return
    t = _tables()
    keys, params = _keys("plan_id", plan_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {t['passage']} WHERE {keys} AND NOT EXISTS "  # noqa: S608 -- quoted names
            f"(SELECT 1 FROM {t['occurrence']} o WHERE o.passage_id = {t['passage']}.id)",
            params,
        )


def _serialised() -> None:
    """Two refreshes at once could both insert the same new passage: on PostgreSQL they
    take turns (a transaction-scoped advisory lock); SQLite runs one write at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEARCH_LOCK])


# A constant of this app's own, for pg_advisory_xact_lock.
SEARCH_LOCK = 7_310_482


def index_refresh(touched: Touched) -> None:
    """Rebuild the passages and occurrences of what ``touched`` names, and bring the
    stamp of each plan already indexed up to its plan's (one transaction)."""
    if not touched:
        return
    t = _tables()
    scope, params = _scope_of(touched)
    vanished, vanished_params = _vanished_of(touched)
    with transaction.atomic():
        _serialised()
        with connection.cursor() as cursor:
            # The plans concerned: those of the records in scope, and of the passages of
            # records gone since (a takedown).
            cursor.execute(
                f"SELECT DISTINCT r.plan_id FROM {t['cv']} cv "  # noqa: S608 -- quoted names
                f"JOIN {t['rev']} r ON r.id = cv.revision_id WHERE {scope} "
                f"UNION SELECT DISTINCT p.plan_id FROM {t['occurrence']} o "
                f"JOIN {t['passage']} p ON p.id = o.passage_id WHERE {vanished}",
                [*params, *vanished_params],
            )
            plan_ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                f"DELETE FROM {t['occurrence']} WHERE clause_version_id IN "  # noqa: S608 -- quoted names
                f"(SELECT cv.id FROM {t['cv']} cv JOIN {t['rev']} r ON r.id = cv.revision_id "
                f"WHERE {scope})",
                params,
            )
            cursor.execute(
                f"DELETE FROM {t['occurrence']} WHERE id IN "  # noqa: S608 -- quoted names
                f"(SELECT o.id FROM {t['occurrence']} o WHERE {vanished})",
                vanished_params,
            )
        _index_scope(scope, params)
        _sweep(plan_ids)
        _stamps_caught_up(plan_ids, only_indexed=True)


def _stamps_caught_up(plan_ids: Collection[int], *, only_indexed: bool) -> None:
    """Record each plan's current stamp as the one the index holds. A plan never indexed
    in full keeps no stamp after a partial refresh: the next search indexes it whole."""
    stamps = dict(Plan.objects.filter(pk__in=plan_ids).values_list("pk", "change_stamp"))
    if only_indexed:
        kept = set(IndexedPlan.objects.filter(plan_id__in=stamps).values_list("plan_id", flat=True))
        stamps = {pk: stamp for pk, stamp in stamps.items() if pk in kept}
    _stamps_recorded(stamps)


def _stamps_recorded(stamps: dict[int, int]) -> None:
    if not stamps:
        return
    IndexedPlan.objects.filter(plan_id__in=stamps).delete()
    IndexedPlan.objects.bulk_create(
        IndexedPlan(plan_id=pk, stamp=stamp) for pk, stamp in stamps.items()
    )


def plan_index(plan_id: int) -> None:
    """Index one plan from scratch (one transaction): every passage of every revision."""
    t = _tables()
    with transaction.atomic():
        _serialised()
        # Read first: a write that lands while the plan is indexed leaves it stale, so the
        # next search indexes it again.
        stamp = Plan.objects.filter(pk=plan_id).values_list("change_stamp", flat=True).first()
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {t['occurrence']} WHERE passage_id IN "  # noqa: S608 -- quoted names
                f"(SELECT id FROM {t['passage']} WHERE plan_id = %s)",
                [plan_id],
            )
            cursor.execute(f"DELETE FROM {t['passage']} WHERE plan_id = %s", [plan_id])  # noqa: S608 -- quoted names
        IndexedPlan.objects.filter(plan_id=plan_id).delete()
        if stamp is None:
            return
        _index_scope("r.plan_id = %s", [plan_id])
        _stamps_recorded({plan_id: stamp})
    _statistics_refreshed()


def _statistics_refreshed() -> None:
    """After a plan is indexed in bulk, PostgreSQL's planner is told how many passages and
    occurrences there now are: with the statistics of an empty index it reads a page's
    occurrences by scanning them all (110 ms instead of 2 ms at 500 x 10 x 50) until
    autovacuum next analyses the tables. And the full-text index takes in the entries of
    the bulk insert now: GIN keeps them in a pending list that every search reads through
    until a vacuum merges them (a search for a rare word took 25 ms instead of 8 ms at
    500 x 10 x 50). SQLite plans by its indexes alone."""
    if connection.vendor != "postgresql":
        return
    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {t['passage']}, {t['occurrence']}")
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [FULLTEXT_INDEX])


# The GIN index on the passages' tsvector (search/migrations/0002_fulltext.py).
FULLTEXT_INDEX = "search_passage_document_idx"


def stale_plans() -> list[int]:
    """The plans whose stamp the index does not hold (one query)."""
    current = IndexedPlan.objects.filter(plan_id=OuterRef("pk"), stamp=OuterRef("change_stamp"))
    return list(Plan.objects.filter(~Exists(current)).order_by().values_list("pk", flat=True))


def index_catch_up() -> list[int]:
    """Index again every plan whose stamp moved past the index's (run before a search: one
    query when the index is current). Returns the plans indexed."""
    stale = stale_plans()
    for plan_id in stale:
        plan_index(plan_id)
    if stale:
        logger.info("search index: plans indexed again at a search: %s", stale)
    return stale


def index_rebuild() -> int:
    """Empty the index and index every plan (``manage.py rebuild_search_index``); returns
    the number of plans indexed."""
    with transaction.atomic():
        _serialised()
        t = _tables()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {t['occurrence']}")  # noqa: S608 -- quoted names
            cursor.execute(f"DELETE FROM {t['passage']}")  # noqa: S608 -- quoted names
        IndexedPlan.objects.all().delete()
    plan_ids = list(Plan.objects.order_by("pk").values_list("pk", flat=True))
    for plan_id in plan_ids:
        plan_index(plan_id)
    return len(plan_ids)
