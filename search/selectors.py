"""The reads of search: the clauses whose passages match a query, a page at a time.

Three queries whatever the number of results: the page of clauses (each clause's best
rank, the total number of clauses by a window over the groups, the clause and its plan);
the best passages of each of those clauses (at most ``PASSAGES_PER_CLAUSE``, by rank, with
their party); and the revisions each of those passages occurs in (with, for a translation,
whether it is official and whether it is stale there). A query's matching runs in the
database's full-text index (FTS5 ``MATCH`` ranked by ``bm25``; ``@@`` on the ``tsvector``
ranked by ``ts_rank``, in the configurations of the languages searched:
search/languages.py): search/migrations/0002_fulltext.py.
"""

from dataclasses import dataclass, field

from django.db import connection

from clauses.models import Clause, ClauseVersion, Plan, Revision
from parties.models import Party
from search.kinds import Kind
from search.languages import configs_for
from search.models import Occurrence, Passage
from search.query import (
    ParsedQuery,
    exclusions_apart,
    fts5_expression,
    latin_folded,
    prefix_tsquery,
    websearch_text,
)
from translations.models import ClauseVersionTranslation

CLAUSES_PER_PAGE = 20
PASSAGES_PER_CLAUSE = 5


@dataclass(frozen=True)
class Filters:
    """What narrows a search; each empty value narrows nothing. ``plan`` and ``party`` are
    keys (the form turns slugs into them); revision numbers count within each plan.
    ``language`` is a translation's language code, ``search.languages.ORIGINAL`` for the
    record's own text, None for every language."""

    plan: int | None = None
    party: int | None = None
    topic: str = ""
    kinds: tuple[str, ...] = ()
    revision_from: int | None = None
    revision_to: int | None = None
    current_only: bool = False
    language: str | None = None


@dataclass
class Hit:
    """A matching passage and the revisions it occurs in (numbers, ascending). A
    translation's (``language`` its code, '' for the record's own text) notes the
    revisions where it is no official text, and those where it is stale: made from a
    wording the clause no longer has there."""

    passage_id: int
    kind: str
    party_slug: str
    party_name: str
    text: str
    language: str = ""
    revisions: list[int] = field(default_factory=list)
    unofficial_in: list[int] = field(default_factory=list)
    stale_in: list[int] = field(default_factory=list)


@dataclass
class ClauseHits:
    clause_id: int
    clause_slug: str
    clause_title: str
    topic: str
    plan_slug: str
    plan_title: str
    matches: int  # matching passages in all, of which ``hits`` are the best
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class SearchPage:
    clauses: list[ClauseHits]
    total: int  # clauses matching
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _revision_condition(filters: Filters, alias: str = "r") -> tuple[str, list]:
    """A condition on a revision (``alias``) for the revision filters; '' for none."""
    parts: list[str] = []
    params: list = []
    if filters.revision_from is not None:
        parts.append(f"{alias}.number >= %s")
        params.append(filters.revision_from)
    if filters.revision_to is not None:
        parts.append(f"{alias}.number <= %s")
        params.append(filters.revision_to)
    if filters.current_only:
        # The rule of RevisionQuerySet.current_for: the highest number on the main line.
        revisions = _q(Revision._meta.db_table)
        parts.append(
            f"{alias}.number = (SELECT MAX(m.number) FROM {revisions} m "  # noqa: S608 -- quoted names
            f"WHERE m.plan_id = {alias}.plan_id AND m.branch = %s AND m.withdrawn = %s)"
        )
        params += [False, False]
    return " AND ".join(parts), params


def _matching(query: ParsedQuery, filters: Filters) -> tuple[str, list]:
    """SELECT of the matching passages: ``id``, ``clause_id``, ``plan_id``, ``rank``
    (lower is better), on this database's full-text index."""
    passages = _q(Passage._meta.db_table)
    where: list[str] = []
    params: list = []
    if connection.vendor == "postgresql":
        tsquery, tsquery_params = _tsquery(query, configs_for(filters.language))
        params += tsquery_params
        select = (
            f"SELECT p.id, p.clause_id, p.plan_id, -ts_rank(p.document, q.query) AS rank "  # noqa: S608 -- quoted names
            f"FROM {passages} p, (SELECT {tsquery} AS query) q WHERE p.document @@ q.query"
        )
    else:
        select = (
            f"SELECT p.id, p.clause_id, p.plan_id, bm25(search_passage_fts) AS rank "  # noqa: S608 -- quoted names
            f"FROM search_passage_fts CROSS JOIN {passages} p ON p.id = search_passage_fts.rowid "
            "WHERE search_passage_fts MATCH %s"
        )
        params.append(fts5_expression(query))
    if filters.plan is not None:
        where.append("p.plan_id = %s")
        params.append(filters.plan)
    if filters.language is not None:
        where.append("p.language = %s")
        params.append(filters.language)
    if filters.party is not None:
        where.append("p.party_key = %s")
        params.append(filters.party)
    if filters.kinds:
        where.append(f"p.kind IN ({', '.join(['%s'] * len(filters.kinds))})")
        params += list(filters.kinds)
    if filters.topic:
        clauses = _q(Clause._meta.db_table)
        where.append(f"p.clause_id IN (SELECT c.id FROM {clauses} c WHERE c.topic = %s)")  # noqa: S608 -- quoted names
        params.append(filters.topic)
    revision_sql, revision_params = _revision_condition(filters)
    if revision_sql:
        occurrences, revisions = _q(Occurrence._meta.db_table), _q(Revision._meta.db_table)
        where.append(
            f"EXISTS (SELECT 1 FROM {occurrences} o JOIN {revisions} r ON r.id = o.revision_id "  # noqa: S608 -- quoted names
            f"WHERE o.passage_id = p.id AND {revision_sql})"
        )
        params += revision_params
    if where:
        select += " AND " + " AND ".join(where)
    return select, params


def _tsquery(query: ParsedQuery, configs: tuple[str, ...]) -> tuple[str, list]:
    """The query as one ``tsquery``: its wanted terms read in any of ``configs``, and none
    of its excluded terms in any of them (a passage is read in several: search/languages.py)."""
    wanted, excluded = exclusions_apart(query)
    sql, params = _read_in(wanted, configs)
    if excluded:
        readings = [_read_in(term, configs) for term in excluded]
        sql = f"({sql}) && !!({' || '.join(part for part, _ in readings)})"
        params += [value for _, values in readings for value in values]
    return sql, params


def _read_in(query: ParsedQuery, configs: tuple[str, ...]) -> tuple[str, list]:
    """``query`` (no exclusions) as read in any of ``configs``: each configuration's
    reading of every term, OR'ed."""
    # Folded as the index folds its text: "cafe" finds "café".
    words = latin_folded(websearch_text(query))
    prefixes = latin_folded(prefix_tsquery(query))
    each: list[str] = []
    params: list = []
    for config in configs:
        parts = []
        if words:
            parts.append(f"websearch_to_tsquery('{config}', %s)")
            params.append(words)
        if prefixes:
            parts.append(f"to_tsquery('{config}', %s)")
            params.append(prefixes)
        each.append("(" + " && ".join(parts) + ")")
    return " || ".join(each), params


def matching_clauses(
    *, query: ParsedQuery, filters: Filters, limit: int = CLAUSES_PER_PAGE
) -> list[tuple[int, int]]:
    """(clause, matching passages) of the best ``limit`` clauses, in one query: the least
    a search can do (the benchmark's floor)."""
    matching, params = _matching(query, filters)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH hits AS MATERIALIZED ({matching}) "  # noqa: S608 -- quoted names
            "SELECT clause_id, COUNT(*) FROM hits GROUP BY clause_id "
            "ORDER BY MIN(rank), clause_id LIMIT %s",
            [*params, limit],
        )
        return [(clause_id, count) for clause_id, count in cursor.fetchall()]


def search_page(*, query: ParsedQuery, filters: Filters, page: int = 1) -> SearchPage:
    """The ``page``-th page of the clauses matching ``query`` under ``filters``, best first
    (a page past the last gives the last). Three queries; four past the last page."""
    matching, params = _matching(query, filters)
    clauses, plans = _q(Clause._meta.db_table), _q(Plan._meta.db_table)
    grouped = (
        f"WITH hits AS MATERIALIZED ({matching}) "  # noqa: S608 -- quoted names, %s parameters
        "SELECT g.clause_id, g.best, g.matches, g.total, c.slug, c.title, c.topic, "
        "pl.slug, pl.title FROM ("
        "SELECT clause_id, MIN(rank) AS best, COUNT(*) AS matches, COUNT(*) OVER () AS total "
        "FROM hits GROUP BY clause_id) g "
        f"JOIN {clauses} c ON c.id = g.clause_id JOIN {plans} pl ON pl.id = c.plan_id "
        "ORDER BY g.best, g.clause_id LIMIT %s OFFSET %s"
    )
    page = max(1, page)
    with connection.cursor() as cursor:
        cursor.execute(grouped, [*params, CLAUSES_PER_PAGE, (page - 1) * CLAUSES_PER_PAGE])
        rows = cursor.fetchall()
        if not rows and page > 1:
            # Past the last page (a shared link outlives its data): show the last one.
            cursor.execute(
                f"WITH hits AS MATERIALIZED ({matching}) "  # noqa: S608 -- quoted names
                "SELECT COUNT(DISTINCT clause_id) FROM hits",
                params,
            )
            total = cursor.fetchone()[0]
            if not total:
                return SearchPage([], 0, 1, CLAUSES_PER_PAGE)
            page = -(-total // CLAUSES_PER_PAGE)
            cursor.execute(grouped, [*params, CLAUSES_PER_PAGE, (page - 1) * CLAUSES_PER_PAGE])
            rows = cursor.fetchall()
    if not rows:
        return SearchPage([], 0, 1, CLAUSES_PER_PAGE)
    found = {
        row[0]: ClauseHits(
            clause_id=row[0],
            matches=row[2],
            clause_slug=row[4],
            clause_title=row[5],
            topic=row[6],
            plan_slug=row[7],
            plan_title=row[8],
        )
        for row in rows
    }
    _hits_into(found, matching, params, filters)
    return SearchPage(list(found.values()), rows[0][3], page, CLAUSES_PER_PAGE)


def _hits_into(found: dict[int, ClauseHits], matching: str, params: list, filters: Filters):
    """The best passages of each clause in ``found`` (one query) and the revisions each
    occurs in under the revision filters (one query)."""
    passages, parties = _q(Passage._meta.db_table), _q(Party._meta.db_table)
    ids = list(found)
    in_clauses = ", ".join(["%s"] * len(ids))
    # The page's clauses named inside the match, so that only their passages are ranked
    # (a common term matches thousands of passages of other clauses).
    narrowed = f"{matching} AND p.clause_id IN ({in_clauses})"
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH hits AS MATERIALIZED ({narrowed}), ranked AS ("  # noqa: S608 -- quoted names
            "SELECT id, clause_id, rank, "
            "ROW_NUMBER() OVER (PARTITION BY clause_id ORDER BY rank, id) AS n "
            "FROM hits) "
            "SELECT ranked.id, ranked.clause_id, p.kind, p.text, p.language, pa.slug, pa.name "
            f"FROM ranked JOIN {passages} p ON p.id = ranked.id "
            f"LEFT JOIN {parties} pa ON pa.id = p.party_key "
            "WHERE ranked.n <= %s ORDER BY ranked.clause_id, ranked.n",
            [*params, *ids, PASSAGES_PER_CLAUSE],
        )
        by_id: dict[int, Hit] = {}
        for (
            passage_id,
            clause_id,
            kind,
            text,
            language,
            party_slug,
            party_name,
        ) in cursor.fetchall():
            hit = Hit(passage_id, kind, party_slug or "", party_name or "", text, language)
            by_id[passage_id] = hit
            found[clause_id].hits.append(hit)
        if not by_id:
            return
        occurrences, revisions = _q(Occurrence._meta.db_table), _q(Revision._meta.db_table)
        translations = _q(ClauseVersionTranslation._meta.db_table)
        versions = _q(ClauseVersion._meta.db_table)
        revision_sql, revision_params = _revision_condition(filters)
        in_passages = ", ".join(["%s"] * len(by_id))
        # A translation's marks, read only for its occurrences (a join would have the
        # planner scan every clause version): official, and stale where the digest it keeps
        # of the original wording is not the digest of the clause version's text.
        official_sql = f"(SELECT t.official FROM {translations} t WHERE t.id = o.translation_id)"  # noqa: S608 -- quoted names
        stale_sql = (
            f"(SELECT CASE WHEN t.original_sha256 = {_sha256('cv.text')} THEN 0 ELSE 1 END "  # noqa: S608 -- quoted names
            f"FROM {translations} t JOIN {versions} cv ON cv.id = t.clause_version_id "
            "WHERE t.id = o.translation_id)"
        )
        cursor.execute(
            "SELECT DISTINCT o.passage_id, r.number, "  # noqa: S608 -- quoted names
            f"CASE WHEN o.translation_id IS NULL THEN NULL ELSE {official_sql} END, "
            f"CASE WHEN o.translation_id IS NULL THEN NULL ELSE {stale_sql} END "
            f"FROM {occurrences} o JOIN {revisions} r ON r.id = o.revision_id "
            f"WHERE o.passage_id IN ({in_passages})"
            + (f" AND {revision_sql}" if revision_sql else "")
            + " ORDER BY o.passage_id, r.number",
            [*by_id, *revision_params],
        )
        for passage_id, number, official, stale in cursor.fetchall():
            hit = by_id[passage_id]
            hit.revisions.append(number)
            if official is not None and not official:
                hit.unofficial_in.append(number)
            if stale:
                hit.stale_in.append(number)


def _sha256(column: str) -> str:
    """The SHA-256 of a text column in hex, as translations.models.text_sha256 writes it
    (on SQLite by the function Django gives each connection)."""
    if connection.vendor == "postgresql":
        return f"encode(sha256(convert_to({column}, 'UTF8')), 'hex')"
    return f"SHA256({column})"


KIND_LABELS = dict(Kind.choices)


def plan_choices() -> list[tuple[int, str, str]]:
    """Every plan as (key, slug, title), by title: the plan filter's choices (one query)."""
    return list(Plan.objects.order_by("title", "pk").values_list("pk", "slug", "title"))


def party_choices() -> list[tuple[int, str, str]]:
    """Every party as (key, slug, name), in the parties' order (one query)."""
    return list(Party.objects.order_by("sort_order", "name").values_list("pk", "slug", "name"))
