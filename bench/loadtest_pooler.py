"""The load test's PgBouncer part: the two instances of the scale-out rows again, through a
PgBouncer of the load test's own (bench/pgbouncer.py) in transaction mode, with the
settings it needs (``DATABASE_POOLER=pgbouncer``: no server-side cursors, no connection
kept between requests), beside the same two instances connecting straight to PostgreSQL
with and without persistent connections; and an edit saved through the pooler, read
through the other instance."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench.pgbouncer import POOL_SIZE, pgbouncer
from bench.throughput import Endpoint, ThroughputResult, measure_throughput, servers


@dataclass(frozen=True)
class PoolerRow:
    name: str
    persistent: ThroughputResult
    per_request: ThroughputResult
    pooled: ThroughputResult


@dataclass(frozen=True)
class PoolerRun:
    rows: list[PoolerRow]
    stats: dict[str, int]
    edit_seen: bool
    edit_detail: str


def _spread_each(
    urls: Sequence[str], endpoints: Sequence[Endpoint], *, level: int, duration: float, log
) -> dict[str, ThroughputResult]:
    """Each endpoint loaded over every instance at once, by endpoint name."""
    return {
        endpoint.name: measure_throughput(
            urls[0], [endpoint], levels=(level,), duration=duration, spread_over=urls, log=log
        )[0]
        for endpoint in endpoints
    }


def pooler_run(
    database_url: str,
    *,
    persistent: dict[str, ThroughputResult],
    endpoints: Sequence[Endpoint],
    static_root: str,
    pinned: bool,
    level: int,
    duration: float,
    overrides: dict[str, str],
    edit_check: Callable[[list[str]], tuple[bool, str]],
    log,
) -> PoolerRun:
    """``persistent`` holds the two instances' rows measured straight against PostgreSQL
    with persistent connections (the scale-out rows), by endpoint name."""
    log("two instances, a new PostgreSQL connection per request (DB_CONN_MAX_AGE=0)")
    per_connection = {**overrides, "DB_CONN_MAX_AGE": "0"}
    with servers(database_url, static_root=static_root, pinned=pinned, **per_connection) as urls:
        per_request = _spread_each(urls, endpoints, level=level, duration=duration, log=log)
    log("two instances through PgBouncer (transaction mode)")
    through_pooler = {**overrides, "DATABASE_POOLER": "pgbouncer"}
    with (
        pgbouncer(database_url) as pooler,
        servers(pooler.url, static_root=static_root, pinned=pinned, **through_pooler) as urls,
    ):
        pooled = _spread_each(urls, endpoints, level=level, duration=duration, log=log)
        edit_seen, edit_detail = edit_check(urls)
        stats = pooler.stats(urlsplit(database_url).path.lstrip("/"))
    rows = [
        PoolerRow(e.name, persistent[e.name], per_request[e.name], pooled[e.name])
        for e in endpoints
    ]
    return PoolerRun(rows=rows, stats=stats, edit_seen=edit_seen, edit_detail=edit_detail)


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.1f} ms"


def pooler_section(run: PoolerRun, *, level: int) -> str:
    lines = [
        "### Through PgBouncer",
        "",
        "The same two instances (1 sync worker each, pinned as above), wrk's "
        f"{level} connections spread over both, three ways: straight to PostgreSQL keeping "
        "connections open (the rows above, `DB_CONN_MAX_AGE=60`), straight to PostgreSQL "
        "with a new connection per request (`DB_CONN_MAX_AGE=0`), and through a PgBouncer "
        "of the load test's own (Debian's `pgbouncer`, transaction mode, "
        f"`default_pool_size = {POOL_SIZE}`, on the same cores) with "
        "`DATABASE_POOLER=pgbouncer` (no server-side cursors, no connection kept between "
        "requests: PgBouncer keeps them).",
        "",
        "| endpoint | direct, persistent: requests/s | p95 | direct, per request: "
        "requests/s | p95 | PgBouncer: requests/s | p95 | PgBouncer ÷ persistent | errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in run.rows:
        ratio = row.pooled.rps / row.persistent.rps if row.persistent.rps else 0
        errors = row.persistent.errors + row.per_request.errors + row.pooled.errors
        lines.append(
            f"| {row.name} | {row.persistent.rps:,.1f} | {_ms(row.persistent.p95)} "
            f"| {row.per_request.rps:,.1f} | {_ms(row.per_request.p95)} "
            f"| {row.pooled.rps:,.1f} | {_ms(row.pooled.p95)} | {ratio:.2f}× | {errors} |"
        )
    stats = run.stats
    lines += [
        "",
        f"PgBouncer's own count (`SHOW STATS`) for the benchmark's database: "
        f"{stats['transactions']:,} transactions, {stats['queries']:,} queries, over "
        f"{stats['server_connections']} server connections open at the end. An edit saved "
        "through one instance behind it (the API, a token, If-Match) and read through the "
        f"other: **{'seen' if run.edit_seen else 'not seen'}** ({run.edit_detail}).",
    ]
    return "\n".join(lines)
