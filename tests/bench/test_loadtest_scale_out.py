"""The load test's scale-out parts on real servers: PgBouncer in transaction mode in front
of PostgreSQL (bench/pgbouncer.py), and a streaming replica of a primary of its own
(bench/replica.py, bench/loadtest_replica.py). Slow, and skipped with the reason where
the binaries or the servers are missing."""

import shutil
import subprocess

import pytest

from bench.pgbouncer import PGBOUNCER_MISSING, ini_text, pgbouncer, pgbouncer_installed, pooled_url
from bench.replica import BINARIES_MISSING, binaries_installed

LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
LOCAL_REDIS = "redis://127.0.0.1:6379/5"


def _postgres_answers() -> bool:
    import psycopg2

    try:
        psycopg2.connect(LOCAL_POSTGRES, connect_timeout=3).close()
    except psycopg2.Error:
        return False
    return True


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(LOCAL_REDIS, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def _left_running(marker: str) -> str:
    return subprocess.run(
        ["pgrep", "-af", marker], capture_output=True, text=True, check=False
    ).stdout


def test_the_pooled_url_keeps_the_credentials_and_the_database():
    assert (
        pooled_url("postgres://app:secret@db.example:5432/peaceplan?sslmode=disable", 6432)
        == "postgres://app:secret@127.0.0.1:6432/peaceplan?sslmode=disable"
    )
    assert (
        pooled_url("postgres://127.0.0.1/peaceplan", 7000) == "postgres://127.0.0.1:7000/peaceplan"
    )


def test_pgbouncer_runs_in_transaction_mode_on_the_loopback(tmp_path):
    text = ini_text(
        port=6543, folder=tmp_path, server_host="127.0.0.1", server_port=5432, user="postgres"
    )
    assert "pool_mode = transaction" in text
    assert "listen_addr = 127.0.0.1" in text
    assert "* = host=127.0.0.1 port=5432" in text


@pytest.mark.slow
def test_queries_and_transactions_go_through_pgbouncer():
    if not pgbouncer_installed():
        pytest.skip(PGBOUNCER_MISSING)
    if not _postgres_answers():
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    import psycopg2

    with pgbouncer(LOCAL_POSTGRES) as pooler:
        for _ in range(3):
            connection = psycopg2.connect(pooler.url)
            with connection, connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                assert cursor.fetchone() == (1,)
            connection.close()
        stats = pooler.stats("postgres")
        folder_marker = f"listen_port = {pooler.port}"
    assert stats["transactions"] >= 3
    # Stopped on the way out.
    assert folder_marker and "pgbouncer" not in _left_running(f"{pooler.port}")
    with pytest.raises(psycopg2.OperationalError):
        psycopg2.connect(pooler.url, connect_timeout=2)


@pytest.mark.slow
@pytest.mark.once
def test_a_streaming_replica_serves_the_reads_and_readers_never_see_a_mix():
    """About a minute: a primary and a replica made, the app migrated, one gunicorn."""
    if not binaries_installed():
        pytest.skip(BINARIES_MISSING)
    if shutil.which("runuser") is None:
        pytest.skip("runuser is missing: the clusters run as the postgres user")
    if not _redis_answers():
        pytest.skip(f"Redis does not answer on {LOCAL_REDIS}")
    from bench.loadtest_replica import READS, replica_check

    report = replica_check(LOCAL_REDIS, log=lambda line: None)

    assert report.replica_transactions >= READS
    assert report.primary_transactions_during_reads <= 2
    failed = [(name, detail) for name, holds, detail in report.steps if not holds]
    assert not failed
    assert len(report.steps) == 6
    assert "peaceplan-bench-replica-" not in _left_running("peaceplan-bench-replica-")
