"""The load test's replica part: the app under gunicorn against a real streaming replica
(bench/replica.py: a primary and a replica of the load test's own, made with initdb and
pg_basebackup), ``DATABASE_REPLICA_URL`` pointing at the replica. It checks, by the
servers' own counts (``pg_stat_database``), that the anonymous reads are served by the
replica and the writes by the primary; then, with the replica's replay paused (a replica
lagging as long as one likes), what readers see after a write:

- an anonymous reader: the page as it was before the write, under the tag it had (never a
  mix of before and after, never a page cached under a stamp it does not match), until
  the replica replays the write, then the new page under a new tag;
- the writer: their own write, read from the primary for ``REPLICA_PIN_SECONDS`` after it;
  then, like everyone, what the replica has.

    python -m bench.loadtest_replica    the check alone, printed as the report's section
"""

import json
import os
import re
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field

from bench.replica import Pair, streaming_pair
from bench.throughput import BASE_DIR, collected_static, serve

READS = 200
PIN_SECONDS = 2
SLUG = "replica-check"
SETUP = """
from rest_framework.authtoken.models import Token
from clauses import services
from core.accounts import editor_save, editors_group
editor = editor_save(user=None, username="replica-editor", email="", password=None,
                     group=editors_group())
services.plan_create(title="Before the write", slug="{slug}", user=editor,
                     summary="The replica check's plan")
print("TOKEN", Token.objects.create(user=editor).key)
"""


@dataclass
class ReplicaReport:
    reads: int = 0
    replica_transactions: int = 0
    primary_transactions_during_reads: int = 0
    primary_transactions_for_write: int = 0
    replica_transactions_for_write: int = 0
    catch_up_seconds: float = 0.0
    steps: list[tuple[str, bool, str]] = field(default_factory=list)

    def step(self, name: str, holds: bool, detail: str) -> None:
        self.steps.append((name, holds, detail))

    @property
    def holds(self) -> bool:
        return (
            self.replica_transactions >= self.reads
            and self.primary_transactions_during_reads <= 2
            and all(holds for _, holds, _ in self.steps)
        )


def _manage(pair: Pair, *args: str) -> str:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": pair.primary_url}
    env.pop("DATABASE_REPLICA_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout


def _transactions(pair: Pair, port: int) -> int:
    time.sleep(0.6)  # a backend's counts reach pg_stat_database as it ends or goes idle
    return pair.query(
        port,
        "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
        ["peaceplan"],
    )[0][0]


def _get(url: str, path: str, token: str | None = None) -> tuple[int, str, str]:
    from bench.loadtest import request

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    status, headers_, body = request(url, "GET", path, headers=headers)
    return status, headers_.get("ETag", ""), body.decode()


def _title(body: str) -> str:
    data = json.loads(body)
    return data["title"]


def replica_check(cache_url: str, log=print) -> ReplicaReport:
    report = ReplicaReport(reads=READS)
    with streaming_pair() as pair, collected_static() as static_root:
        log("replica: migrating the primary of the load test's own")
        _manage(pair, "migrate", "--no-input")
        token = re.search(r"TOKEN (\w+)", _manage(pair, "shell", "-c", SETUP.format(slug=SLUG)))[1]
        pair.wait_for_replay()
        with serve(
            pair.primary_url,
            workers=1,
            static_root=static_root,
            DATABASE_REPLICA_URL=pair.replica_url,
            # Each request's connections end with it, so their counts reach pg_stat_database.
            DB_CONN_MAX_AGE="0",
            CACHE_URL=cache_url,
            CACHE_KEY_PREFIX=f"replica-{secrets.token_hex(4)}",
            PAGE_CACHE="1",
            REPLICA_PIN_SECONDS=str(PIN_SECONDS),
        ) as url:
            _reads_and_writes(pair, url, token, report, log)
            _while_the_replica_lags(pair, url, token, report, log)
    return report


def _reads_and_writes(pair, url, token, report, log):
    log(f"replica: {READS} anonymous reads, then a write")
    page = f"/plans/{SLUG}/"
    primary, replica = (
        _transactions(pair, pair.primary_port),
        _transactions(pair, pair.replica_port),
    )
    for _ in range(READS):
        assert _get(url, page)[0] == 200
    # Less the count's own query on each side.
    report.replica_transactions = _transactions(pair, pair.replica_port) - replica - 1
    report.primary_transactions_during_reads = _transactions(pair, pair.primary_port) - primary - 1
    primary, replica = (
        _transactions(pair, pair.primary_port),
        _transactions(pair, pair.replica_port),
    )
    status = _patch_title(url, token, "Written once")
    report.primary_transactions_for_write = _transactions(pair, pair.primary_port) - primary - 1
    report.replica_transactions_for_write = _transactions(pair, pair.replica_port) - replica - 1
    report.catch_up_seconds = pair.wait_for_replay()
    report.step(
        "a write through the API goes to the primary",
        status == 200 and report.primary_transactions_for_write > 0,
        f"{status}; {report.primary_transactions_for_write} transactions on the primary, "
        f"{report.replica_transactions_for_write} on the replica (the reads before it writes: "
        "the token, the record's tag); "
        f"replayed on the replica {report.catch_up_seconds * 1000:.0f} ms later",
    )
    time.sleep(PIN_SECONDS + 0.5)


def _patch_title(url: str, token: str, title: str) -> int:
    from bench.loadtest import request

    auth = {"Authorization": f"Bearer {token}"}
    _, headers, _ = request(url, "GET", f"/api/v1/plans/{SLUG}/", headers=auth)
    status, _, _ = request(
        url,
        "PATCH",
        f"/api/v1/plans/{SLUG}/",
        headers={**auth, "Content-Type": "application/json", "If-Match": headers["ETag"]},
        body=json.dumps({"title": title, "edit_summary": "Replica check"}),
    )
    return status


def _while_the_replica_lags(pair, url, token, report, log):
    log("replica: replay paused, a write, the readers")
    page, api = f"/plans/{SLUG}/", f"/api/v1/plans/{SLUG}/"
    before, after = "Written once", f"Lagging {secrets.token_hex(3)}"
    _, tag_before, body = _get(url, page)
    pair.query(pair.replica_port, "SELECT pg_wal_replay_pause()")
    try:
        while pair.query(pair.replica_port, "SELECT pg_get_wal_replay_pause_state()")[0][0] != (
            "paused"
        ):
            time.sleep(0.05)
        status = _patch_title(url, token, after)
        seen = [_get(url, page) for _ in range(3)]
        consistent = all(
            tag == tag_before and before in text and after not in text for _, tag, text in seen
        )
        report.step(
            "an anonymous reader, while the replica lags: the page before the write, whole, "
            "under its own tag (3 reads: the first rendered or cached, the others cached)",
            status == 200 and consistent,
            f"write {status}; tags {sorted({tag for _, tag, _ in seen})} = before's "
            f"{tag_before}; the old title in each, the new in none",
        )
        own = _title(_get(url, api, token)[2])
        report.step(
            f"the writer, within {PIN_SECONDS} s of the write: their own write (the primary)",
            own == after,
            f"title {own!r}",
        )
        anonymous = _title(_get(url, api)[2])
        report.step(
            "anyone else's API read at the same moment: the replica's state",
            anonymous == before,
            f"title {anonymous!r}",
        )
        time.sleep(PIN_SECONDS + 0.5)
        later = _title(_get(url, api, token)[2])
        report.step(
            f"the writer, {PIN_SECONDS} s later, the replica still paused: the replica's "
            "state like everyone (the pin is for a few seconds, not for ever)",
            later == before,
            f"title {later!r}",
        )
    finally:
        pair.query(pair.replica_port, "SELECT pg_wal_replay_resume()")
    caught_up = pair.wait_for_replay()
    _, tag_after, text = _get(url, page)
    _, tag_again, text_again = _get(url, page)
    report.step(
        "replay resumed: the new page under a new tag, and the same from the cache",
        tag_after != tag_before
        and tag_again == tag_after
        and after in text
        and before not in text
        and text_again == text,
        f"caught up in {caught_up * 1000:.0f} ms; tag {tag_before} → {tag_after}",
    )


def replica_section(report: ReplicaReport) -> str:
    lines = [
        "### A streaming replica",
        "",
        "One instance (1 sync worker, page cache on, `DB_CONN_MAX_AGE=0` so that each "
        "request's counts reach `pg_stat_database`) against a primary and a streaming "
        "replica of the load test's own (initdb, then `pg_basebackup -R`, PostgreSQL 15, on "
        "the same cores), `DATABASE_REPLICA_URL` pointing at the replica, "
        f"`REPLICA_PIN_SECONDS={PIN_SECONDS}`; counts from each server's "
        "`pg_stat_database` (committed and rolled back transactions).",
        "",
        "| check | result |",
        "|---|---|",
        f"| {report.reads} anonymous reads of the plan's page: served by the replica "
        f"| **{report.replica_transactions:,}** transactions on the replica, "
        f"**{report.primary_transactions_during_reads}** on the primary |",
    ]
    for name, holds, detail in report.steps:
        lines.append(f"| {name} | **{'holds' if holds else 'fails'}**: {detail} |")
    return "\n".join(lines)


def main() -> None:
    from bench.loadtest import DEFAULT_CACHE_URL

    report = replica_check(os.environ.get("LOADTEST_CACHE_URL", DEFAULT_CACHE_URL))
    print(replica_section(report))
    if not report.holds:
        raise SystemExit("The replica check failed: see the section above.")


if __name__ == "__main__":
    main()
