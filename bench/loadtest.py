"""``python -m bench.loadtest`` (``make loadtest``, and the last part of ``make bench``):
the app under gunicorn as production runs it, against PostgreSQL (the benchmark's
database, peaceplan_bench) and Redis, loaded by wrk. It measures:

- one instance: the trivial baseline, the overview cold (page cache off) and warm (served
  from the cache, gzipped and plain), the 304 of a reader sending back its tag, and the
  positions API list, at two concurrency levels;
- one instance: the overview while an editor writes to its plan once a second, with the
  page drawn into the cache on write and without (bench/loadtest_writes.py);
- one instance against two (separate gunicorn processes on separate ports, each pinned to
  a core of its own where the machine has two), wrk's connections spread across both;
- that the anonymous API rate holds across both instances, not once per instance;
- that an edit saved through one instance is seen by the other at once (a new ETag and the
  new content), on a scratch plan of its own, never the benchmark's plans;
- the two instances again through a PgBouncer of its own in transaction mode, beside the
  same two connecting straight to PostgreSQL (bench/loadtest_pooler.py); skipped, and
  said so in the report, where Debian's ``pgbouncer`` is not installed;
- the app against a streaming replica of a primary of its own: reads on the replica,
  writes on the primary, and what readers and the writer see while it lags
  (bench/loadtest_replica.py); skipped, and said so, without PostgreSQL 15's binaries.

It writes its section of bench/results.md between the loadtest markers, leaving the rest
of the file as it is. About three minutes on 2 cores.

    python -m bench.loadtest            the full run
    python -m bench.loadtest --quick    1 s per level, one level: a check that all works
"""

import argparse
import datetime
import http.client
import json
import os
import secrets
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench import environment
from bench.config import DEFAULT_SEED, LARGE
from bench.loadtest_pooler import pooler_run, pooler_section
from bench.loadtest_replica import replica_check, replica_section
from bench.loadtest_writes import UnderWrites, cold_verdict, overview_under_writes
from bench.pgbouncer import PGBOUNCER_MISSING, pgbouncer_installed
from bench.replica import BINARIES_MISSING, binaries_installed
from bench.throughput import (
    DURATION,
    WORKERS,
    WRK_MISSING,
    Endpoint,
    ThroughputResult,
    collected_static,
    load,
    measure_throughput,
    serve,
    servers,
    wrk_installed,
)

RESULTS = Path(__file__).resolve().parent / "results.md"
START_MARK = "<!-- loadtest:start -->"
END_MARK = "<!-- loadtest:end -->"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/peaceplan"
# A Redis database of the load test's own: emptied at the start of every run.
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/5"
LEVELS = (4, 16)
TARGET_LEVEL = 16
PAIRED_ROUNDS = 5
# The warm overview's share of the trivial baseline's requests/s at TARGET_LEVEL.
WARM_SHARE_TARGET = 0.6
THROTTLE_RATE = 60
SCRATCH_SLUG = "loadtest-scratch"
EDITOR = "loadtest-editor"
GZIP = {"Accept-Encoding": "gzip, deflate, br"}
NOT_POSTGRES = "The load test runs on PostgreSQL: set DATABASE_URL to a PostgreSQL server."
NO_PLAN = (
    "The benchmark plan {slug} is not in {database}: build it first with "
    "`DATABASE_URL=... make bench`."
)


@dataclass(frozen=True)
class ScaleRow:
    name: str
    one: ThroughputResult
    two: ThroughputResult


@dataclass(frozen=True)
class ThrottleResult:
    rate: int
    concurrency: int
    requests: int
    statuses: dict

    @property
    def holds(self) -> bool:
        """The rate let through once across both instances, every other request refused."""
        passed = self.statuses.get("200", 0)
        return passed == self.rate and self.statuses.get("429", 0) == self.requests - passed


@dataclass(frozen=True)
class EditResult:
    etag_before: str
    etag_after: str
    marker_seen: bool
    seconds: float

    @property
    def holds(self) -> bool:
        return self.marker_seen and self.etag_before != self.etag_after


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.loadtest", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="1 s per level, one level.")
    parser.add_argument("--output", type=Path, default=RESULTS, help="Where to write results.")
    return parser.parse_args(argv)


def empty_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def request(
    base_url: str, method: str, path: str, *, headers=None, body=None
) -> tuple[int, dict, bytes]:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def scratch_plan_and_token() -> tuple[str, str]:
    """The scratch plan the edit check writes to (made on the first run, with one
    revision) and a token of the editor who writes it. Every edit leaves its history."""
    from rest_framework.authtoken.models import Token

    from clauses import services
    from clauses.models import Plan
    from core.accounts import editor_save, editors_group, user_by_username

    editor = user_by_username(EDITOR) or editor_save(
        user=None, username=EDITOR, email="", password=None, group=editors_group()
    )
    if not Plan.objects.filter(slug=SCRATCH_SLUG).exists():
        plan = services.plan_create(
            title="Load test scratch plan",
            slug=SCRATCH_SLUG,
            user=editor,
            summary="Scratch plan of the load test's edit check",
        )
        services.revision_create(
            plan=plan, user=editor, summary="First draft", label="Load test draft"
        )
    token, _ = Token.objects.get_or_create(user=editor)
    return SCRATCH_SLUG, token.key


def single_instance(database_url, static_root, cache_url, *, levels, duration, large):
    overview = f"/plans/{large}/"
    positions = f"/api/v1/positions/?plan={large}"
    results = []
    log("one instance, page cache off")
    with serve(database_url, static_root=static_root, CACHE_URL=cache_url) as url:
        results += measure_throughput(
            url,
            [Endpoint("overview, cold (rendered)", overview, GZIP)],
            levels=levels,
            duration=duration,
            log=log,
        )
    log("one instance, page cache on")
    with serve(database_url, static_root=static_root, CACHE_URL=cache_url, PAGE_CACHE="1") as url:
        tag = request(url, "GET", overview, headers=GZIP)[1]["ETag"]
        results = [
            *measure_throughput(
                url,
                [Endpoint("trivial: /favicon.ico redirect", "/favicon.ico")],
                levels=levels,
                duration=duration,
                log=log,
            ),
            *results,
            *measure_throughput(
                url,
                [
                    Endpoint("overview, warm (cache), gzip", overview, GZIP),
                    Endpoint("overview, warm (cache), plain", overview),
                    Endpoint("overview, 304 (If-None-Match)", overview, {"If-None-Match": tag}),
                    Endpoint("positions API list, page of 50, warm", positions, GZIP),
                ],
                levels=levels,
                duration=duration,
                log=log,
            ),
        ]
        log("the warm overview beside the trivial baseline, in turns")
        pairs = paired_rounds(url, overview, rounds=1 if duration < 2 else PAIRED_ROUNDS)
    return results, pairs


@dataclass(frozen=True)
class Pair:
    """One turn of the target's comparison: the baseline, then the warm page at once."""

    trivial: dict
    warm: dict

    @property
    def share(self) -> float:
        return self.warm["rps"] / self.trivial["rps"] if self.trivial["rps"] else 0.0

    @property
    def p95_ratio(self) -> float:
        return (self.warm["p95"] or 0) / self.trivial["p95"] if self.trivial["p95"] else 0.0


def paired_rounds(url: str, overview: str, *, rounds: int) -> list[Pair]:
    """The baseline and the warm overview at the target concurrency, in turns of 2 s
    each: on a machine others share, a ratio of two runs seconds apart holds better
    than one of runs a minute apart."""
    pairs = []
    for _ in range(rounds):
        trivial = load(url + "/favicon.ico", concurrency=TARGET_LEVEL, duration=2)
        warm = load(url + overview, concurrency=TARGET_LEVEL, duration=2, headers=GZIP)
        pairs.append(Pair(trivial, warm))
    return pairs


def scale_endpoints(large: str) -> list[Endpoint]:
    return [
        Endpoint("trivial: /favicon.ico redirect", "/favicon.ico"),
        Endpoint("overview, warm (cache), gzip", f"/plans/{large}/", GZIP),
        Endpoint("positions API list, page of 50, warm", f"/api/v1/positions/?plan={large}", GZIP),
    ]


def two_instances(urls, *, large, duration):
    """One instance, then both, at the target concurrency."""
    rows = []
    for endpoint in scale_endpoints(large):
        one, two = (
            measure_throughput(
                urls[0],
                [endpoint],
                levels=(TARGET_LEVEL,),
                duration=duration,
                spread_over=spread,
                log=log,
            )[0]
            for spread in ((), urls)
        )
        rows.append(ScaleRow(endpoint.name, one, two))
    return rows


def throttle_check(urls) -> ThrottleResult:
    """Spread requests over both instances for longer than the rate lets through."""
    concurrency = 2
    data = load(urls[0] + "/api/v1/", concurrency=concurrency, duration=3, spread_over=urls)
    return ThrottleResult(THROTTLE_RATE, concurrency, data["requests"], data["statuses"])


def edit_check(urls, scratch: str, token: str) -> EditResult:
    """Warm both instances' view of the scratch plan, edit it through the first, read it
    through the second."""
    overview = f"/plans/{scratch}/"
    for url in urls:
        for _ in range(2):
            request(url, "GET", overview, headers=GZIP)
    _, before, _ = request(urls[1], "GET", overview)
    revision = f"/api/v1/plans/{scratch}/revisions/1/"
    _, headers, _ = request(urls[0], "GET", revision, headers={"Authorization": f"Bearer {token}"})
    marker = f"Load test edit {secrets.token_hex(4)}"
    status, _, body = request(
        urls[0],
        "PATCH",
        revision,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "If-Match": headers["ETag"],
        },
        body=json.dumps({"label": marker, "edit_summary": "Load test: seen on every instance"}),
    )
    saved = time.perf_counter()
    if status != 200:
        raise RuntimeError(f"The edit through the first instance answered {status}: {body!r}")
    _, after, page = request(urls[1], "GET", overview)
    return EditResult(
        etag_before=before["ETag"],
        etag_after=after["ETag"],
        marker_seen=marker.encode() in page,
        seconds=time.perf_counter() - saved,
    )


def pooled_edit(urls, scratch: str, token: str) -> tuple[bool, str]:
    """The edit check through the instances behind PgBouncer, as the pooler part reports it."""
    edit = edit_check(urls, scratch, token)
    return edit.holds, (
        f"ETag {edit.etag_before} → {edit.etag_after}, {edit.seconds * 1000:.0f} ms after the save"
    )


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.1f} ms"


def target_verdict(pairs: list[Pair]) -> str:
    if not pairs:
        return "not measured in this run"
    share = statistics.median(p.share for p in pairs)
    p95 = statistics.median(p.p95_ratio for p in pairs)
    met = share >= WARM_SHARE_TARGET and p95 <= 2
    turns = "; ".join(
        f"{p.trivial['rps']:,.0f} and {p.warm['rps']:,.0f} requests/s, p95 "
        f"{ms(p.trivial['p95'])} and {ms(p.warm['p95'])}"
        for p in pairs
    )
    return (
        f"**{'met' if met else 'missed'}**: at concurrency {TARGET_LEVEL}, in {len(pairs)} "
        f"turns of 2 s each (baseline, then the warm overview gzipped: {turns}), the warm "
        f"overview answers a median {share:.0%} of the baseline's requests/s "
        f"(target ≥ {WARM_SHARE_TARGET:.0%}) with a p95 a median {p95:.1f}× the baseline's "
        "(target ≤ 2×)"
    )


def throughput_table(results: list[ThroughputResult]) -> str:
    trivial = {r.concurrency: r.rps for r in results if r.name.startswith("trivial")}
    lines = [
        "| endpoint | concurrency | requests/s | of trivial | p50 | p95 | p99 | requests "
        "| errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        base = trivial.get(r.concurrency)
        share = f"{r.rps / base:.0%}" if base else "–"
        lines.append(
            f"| {r.name} | {r.concurrency} | {r.rps:,.1f} | {share} | {ms(r.p50)} "
            f"| {ms(r.p95)} | {ms(r.p99)} | {r.requests:,} | {r.errors} |"
        )
    return "\n".join(lines)


def scale_table(rows: list[ScaleRow]) -> str:
    lines = [
        "| endpoint | 1 instance: requests/s | p95 | 2 instances: requests/s | p95 "
        "| 2 ÷ 1 | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = row.two.rps / row.one.rps if row.one.rps else 0
        lines.append(
            f"| {row.name} | {row.one.rps:,.1f} | {ms(row.one.p95)} | {row.two.rps:,.1f} "
            f"| {ms(row.two.p95)} | {ratio:.2f}× | {row.one.errors + row.two.errors} |"
        )
    return "\n".join(lines)


def under_writes_table(rows: list[UnderWrites]) -> str:
    lines = [
        "| endpoint | concurrency | requests/s | p50 | p95 | p99 | requests | errors "
        "| writes (refused) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        r = row.result
        lines.append(
            f"| {r.name} | {r.concurrency} | {r.rps:,.1f} | {ms(r.p50)} | {ms(r.p95)} "
            f"| {ms(r.p99)} | {r.requests:,} | {r.errors} | {row.writes} ({len(row.failures)}) |"
        )
    return "\n".join(lines)


def section(
    *, machine, single, pairs, under_writes, scale, pinned, throttle, edit, pooled, quick
) -> str:
    pinning = (
        "each pinned to a core of its own with `taskset` (the one-instance run uses the "
        "first instance alone, on its one core)"
        if pinned
        else "unpinned (this machine has one core)"
    )
    statuses = ", ".join(f"{n} × {s}" for s, n in throttle.statuses.items())
    parts = [
        START_MARK,
        "## Under load: gunicorn, PostgreSQL and Redis (`make loadtest`)",
        "",
        "Written by `python -m bench.loadtest`; do not edit.",
        "",
        " · ".join(f"{k}: {v}" for k, v in machine.items()),
        "",
        f"gunicorn ({WORKERS} sync workers unless said otherwise), DEBUG off, static files "
        "collected, against PostgreSQL (the benchmark's database) and Redis (`CACHE_URL`, "
        "emptied first), loaded by wrk (bench/wrk.lua: a new connection per request, since "
        "sync workers close each) on the same cores as the servers, PostgreSQL and Redis. "
        f"Each row follows a 1 s warm-up and lasts {machine['seconds per row']}. The "
        "trivial baseline is /favicon.ico, a redirect view through the whole middleware "
        "stack, with no database and no template. Pages are asked for as a browser asks "
        "(`Accept-Encoding: gzip`) unless the row says plain. Cold: the page cache off, "
        "every request rendered. Warm: served from the page cache (one query for the "
        "plan's change stamp, one Redis read of the gzipped page)."
        + (" Quick run (--quick)." if quick else ""),
        "",
        f"### One instance, on the {LARGE} plan",
        "",
        throughput_table(single),
        "",
        f"Repeat reads near free: {target_verdict(pairs)}.",
        "",
        "### The overview while an editor writes",
        "",
        "Each write moves the plan's stamp, so the overview cached before it is never "
        "served again: an editor's script relabels the plan's current revision through the "
        "API once a second while readers load the overview. Filled on write: the overview "
        "and the home page are drawn into the cache by the writing process as each write "
        "commits (`PAGE_FILL`). Either way a page missing from the cache is drawn by one "
        "request at a time, the readers who miss it meanwhile waiting for it.",
        "",
        under_writes_table(under_writes),
        "",
        f"Cold pages under load: {cold_verdict(under_writes, TARGET_LEVEL)}.",
        "",
        "### One instance against two",
        "",
        f"Two gunicorn processes of 1 sync worker each on separate ports, {pinning}; wrk's "
        f"{TARGET_LEVEL} connections spread over both (half each), against one against "
        "all on the first. wrk, PostgreSQL and Redis share the same cores, so two "
        "instances here cannot double what one does: the ratio says how much of a second "
        "core the app turns into throughput, not what a second machine would give.",
        "",
        scale_table(scale),
        "",
        "### Shared state across the two instances",
        "",
        "| check | result |",
        "|---|---|",
        f"| the anonymous API rate holds globally ({THROTTLE_RATE} an hour for this run; "
        f"{throttle.requests:,} requests to /api/v1/ in 3 s, wrk's "
        f"{throttle.concurrency} connections one on each instance) "
        f"| **{'holds' if throttle.holds else 'does not hold'}**: {statuses} "
        f"(twice the rate would be {2 * THROTTLE_RATE} × 200) |",
        "| an edit saved through instance A (the API, a token, If-Match) is seen on B at "
        "once (both warm beforehand) "
        f"| **{'seen' if edit.holds else 'not seen'}**: B's ETag {edit.etag_before} → "
        f"{edit.etag_after}, the new label in B's page: "
        f"{'yes' if edit.marker_seen else 'no'} ({edit.seconds * 1000:.0f} ms after the save) |",
        "",
        pooled,
        END_MARK,
    ]
    return "\n".join(parts)


def loadtest_section(path: Path) -> str | None:
    """The load test's section of ``path``, markers included, or None."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = current.find(START_MARK), current.find(END_MARK)
    return current[start : end + len(END_MARK)] if start != -1 and end > start else None


def write_section(path: Path, text: str) -> None:
    """Replace what lies between the markers, or append the section if there is none."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = current.find(START_MARK), current.find(END_MARK)
    if start != -1 and end > start:
        updated = current[:start] + text + current[end + len(END_MARK) :]
    else:
        updated = current.rstrip("\n") + ("\n\n" if current else "") + text + "\n"
    path.write_text(updated, encoding="utf-8")


def main(argv=None) -> None:
    args = parse_args(argv)
    if not wrk_installed():
        raise SystemExit(WRK_MISSING)
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        raise SystemExit(NOT_POSTGRES)
    cache_url = os.environ.get("LOADTEST_CACHE_URL", DEFAULT_CACHE_URL)
    started = datetime.datetime.now(datetime.UTC)
    clock = time.monotonic()
    database_url = environment.configure()
    import django

    django.setup()
    from clauses.models import Plan
    from clauses.selectors import current_revision
    from generator.plans import default_slug

    large = default_slug(seed=DEFAULT_SEED, **LARGE.kwargs)
    if not Plan.objects.filter(slug=large).exists():
        raise SystemExit(NO_PLAN.format(slug=large, database=environment.describe_database()))
    scratch, token = scratch_plan_and_token()
    empty_redis(cache_url)
    levels, duration = ((TARGET_LEVEL,), 1.0) if args.quick else (LEVELS, DURATION)
    loads = [os.getloadavg()[0]]
    cores = os.cpu_count() or 1
    pinned = cores >= 2

    with collected_static() as static_root:
        single, pairs = single_instance(
            database_url,
            static_root,
            cache_url,
            levels=levels,
            duration=duration,
            large=large,
        )
        under_writes = overview_under_writes(
            database_url,
            static_root=static_root,
            cache_url=cache_url,
            plan=large,
            revision=current_revision(plan=Plan.objects.get(slug=large)).number,
            token=token,
            level=TARGET_LEVEL,
            duration=duration,
            request=request,
            log=log,
        )
        log("two instances")
        with servers(
            database_url,
            static_root=static_root,
            pinned=pinned,
            CACHE_URL=cache_url,
            PAGE_CACHE="1",
        ) as urls:
            scale = two_instances(urls, large=large, duration=duration)
            edit = edit_check(urls, scratch, token)
        if pgbouncer_installed():
            run = pooler_run(
                database_url,
                persistent={row.name: row.two for row in scale},
                endpoints=scale_endpoints(large),
                static_root=static_root,
                pinned=pinned,
                level=TARGET_LEVEL,
                duration=duration,
                overrides={"CACHE_URL": cache_url, "PAGE_CACHE": "1"},
                edit_check=lambda pooled_urls: pooled_edit(pooled_urls, scratch, token),
                log=log,
            )
            pooled = pooler_section(run, level=TARGET_LEVEL)
            pooled_holds = run.edit_seen
        else:
            log(PGBOUNCER_MISSING)
            pooled = f"### Through PgBouncer\n\nNot measured: {PGBOUNCER_MISSING}"
            pooled_holds = True
        log("throttle across two instances")
        throttled = {
            "CACHE_URL": cache_url,
            "CACHE_KEY_PREFIX": f"loadtest-{secrets.token_hex(4)}",
            "API_ANON_RATE": f"{THROTTLE_RATE}/hour",
        }
        with servers(database_url, static_root=static_root, **throttled) as urls:
            throttle = throttle_check(urls)
    if binaries_installed():
        replica = replica_check(cache_url, log=log)
        pooled += "\n\n" + replica_section(replica)
        pooled_holds = pooled_holds and replica.holds
    else:
        log(BINARIES_MISSING)
        pooled += f"\n\n### A streaming replica\n\nNot checked: {BINARIES_MISSING}"
    loads.append(os.getloadavg()[0])

    machine = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": environment.git_commit(),
        "CPU": f"{environment.cpu_model()}, {cores} cores",
        "database": environment.describe_database(),
        "load average (1 min) at start, end": ", ".join(f"{x:.2f}" for x in loads),
        "run time": f"{(time.monotonic() - clock) / 60:.1f} min",
        "seconds per row": f"{duration:g} s",
    }
    text = section(
        machine=machine,
        single=single,
        pairs=pairs,
        under_writes=under_writes,
        scale=scale,
        pinned=pinned,
        throttle=throttle,
        edit=edit,
        pooled=pooled,
        quick=args.quick,
    )
    write_section(args.output, text)
    print(text)
    log(f"Written to {args.output}")
    if not (throttle.holds and edit.holds and pooled_holds):
        raise SystemExit("Shared state across instances failed: see the section above.")


if __name__ == "__main__":
    main()
