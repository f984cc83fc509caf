"""A PostgreSQL primary and its streaming replica, of the load test's own: a cluster made
with ``initdb`` on a free port (the machine's own server is left alone: letting it serve
replication would mean editing its configuration) and a replica of it made with
``pg_basebackup -R`` on another, both in a temporary folder, run as the ``postgres`` user
where the caller is root. Both are stopped and their folder removed on the way out.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
BINARIES_MISSING = (
    f"PostgreSQL's server binaries are not in {POSTGRES_BIN} (Debian's postgresql-15)."
)
RUN_AS = "postgres"
LOOPBACK = "127.0.0.1"
DATABASE = "peaceplan"
# Quick to start and to stop, for a cluster thrown away after the run: no fsync.
SETTINGS = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{sockets}'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 60
"""


def binaries_installed() -> bool:
    return all((POSTGRES_BIN / name).exists() for name in ("initdb", "pg_ctl", "pg_basebackup"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def _run(*command: str, timeout: float = 120) -> None:
    as_user = ["runuser", "-u", RUN_AS, "--"] if os.geteuid() == 0 else []
    subprocess.run([*as_user, *command], check=True, capture_output=True, timeout=timeout, cwd="/")


@dataclass(frozen=True)
class Pair:
    primary_port: int
    replica_port: int

    def url(self, port: int, database: str = DATABASE) -> str:
        return f"postgres://postgres@{LOOPBACK}:{port}/{database}"

    @property
    def primary_url(self) -> str:
        return self.url(self.primary_port)

    @property
    def replica_url(self) -> str:
        return self.url(self.replica_port)

    def query(self, port: int, sql: str, params=(), *, database: str = DATABASE):
        import psycopg2

        connection = psycopg2.connect(self.url(port, database), connect_timeout=5)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()

    def wait_for_replay(self, timeout: float = 30) -> float:
        """Seconds until the replica has replayed all the primary has written by now."""
        target = self.query(self.primary_port, "SELECT pg_current_wal_lsn()::text")[0][0]
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            caught_up = self.query(
                self.replica_port,
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn",
                [target],
            )[0][0]
            if caught_up:
                return time.monotonic() - started
            time.sleep(0.005)
        raise RuntimeError(f"The replica did not replay up to {target} within {timeout:.0f} s")


@contextmanager
def streaming_pair() -> Iterator[Pair]:
    if not binaries_installed():
        raise RuntimeError(BINARIES_MISSING)
    folder = Path(tempfile.mkdtemp(prefix="peaceplan-bench-replica-"))
    primary, replica = folder / "primary", folder / "replica"
    pair = Pair(primary_port=_free_port(), replica_port=_free_port())
    started = []
    try:
        if os.geteuid() == 0:
            shutil.chown(folder, RUN_AS)
        _run(str(POSTGRES_BIN / "initdb"), "-D", str(primary), "-U", "postgres", "--auth=trust")
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(SETTINGS.format(port=pair.primary_port, sockets=folder))
        _start(primary, folder / "primary.log")
        started.append(primary)
        pair.query(pair.primary_port, f"CREATE DATABASE {DATABASE}", database="postgres")
        _run(
            str(POSTGRES_BIN / "pg_basebackup"),
            f"--host={LOOPBACK}",
            f"--port={pair.primary_port}",
            "--username=postgres",
            f"--pgdata={replica}",
            "--write-recovery-conf",
            "--wal-method=stream",
            "--checkpoint=fast",
        )
        with (replica / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {pair.replica_port}\n")
        _start(replica, folder / "replica.log")
        started.append(replica)
        deadline = time.monotonic() + 30
        while True:
            try:
                if pair.query(pair.replica_port, "SELECT pg_is_in_recovery()")[0][0]:
                    break
            except Exception:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.2)
        yield pair
    finally:
        for data in reversed(started):
            with suppress(subprocess.SubprocessError):
                _run(str(POSTGRES_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _start(data: Path, log: Path) -> None:
    _run(str(POSTGRES_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "start")
