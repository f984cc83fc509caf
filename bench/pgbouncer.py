"""PgBouncer for the load test: Debian's ``pgbouncer`` started on a free loopback port with
an ini and an auth file of its own in a temporary folder, in transaction mode, in front of
the PostgreSQL server of a database URL; stopped, and its folder removed, on the way out.

PgBouncer refuses to run as root: where the load test runs as root it runs it as the
``postgres`` user (``--user``), which then owns the folder.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.throughput import stop

PGBOUNCER = "pgbouncer"
PGBOUNCER_MISSING = (
    "pgbouncer is not installed: `apt-get install -y pgbouncer` installs Debian's package."
)
NOT_READY = "pgbouncer did not answer on port {port} within {timeout:.0f} s; its log:\n{log}"
LOOPBACK = "127.0.0.1"
# Server connections per database and user: what the servers' sync workers can use at
# once is far fewer, so the pool never makes a client wait in the load test.
POOL_SIZE = 20
RUN_AS = "postgres"


def pgbouncer_installed() -> bool:
    return shutil.which(PGBOUNCER) is not None


@dataclass(frozen=True)
class Pooler:
    """A running PgBouncer: ``url`` is the database URL through it."""

    url: str
    port: int
    user: str

    def stats(self, database: str) -> dict[str, int]:
        """PgBouncer's totals for ``database`` (``SHOW STATS``: transactions, queries)
        and its server connections (``SHOW POOLS``), from its admin console."""
        import psycopg2

        connection = psycopg2.connect(
            host=LOOPBACK, port=self.port, user=self.user, dbname="pgbouncer"
        )
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute("SHOW STATS")
                names = [c.name for c in cursor.description]
                stats = next(
                    (dict(zip(names, row, strict=True)) for row in cursor if row[0] == database),
                    {},
                )
                cursor.execute("SHOW POOLS")
                names = [c.name for c in cursor.description]
                pools = [dict(zip(names, row, strict=True)) for row in cursor]
        finally:
            connection.close()
        servers = sum(
            p["sv_active"] + p["sv_idle"] + p["sv_used"] + p["sv_tested"] + p["sv_login"]
            for p in pools
            if p["database"] == database
        )
        clients = sum(p["cl_active"] + p["cl_waiting"] for p in pools if p["database"] == database)
        return {
            "transactions": int(stats.get("total_xact_count", 0)),
            "queries": int(stats.get("total_query_count", 0)),
            "server_connections": servers,
            "clients": clients,
        }


def ini_text(*, port: int, folder: Path, server_host: str, server_port: int, user: str) -> str:
    """The ini of a PgBouncer in transaction mode, every database on the server, every
    client trusted (it listens on the loopback only)."""
    return "\n".join(
        [
            "[databases]",
            f"* = host={server_host} port={server_port}",
            "",
            "[pgbouncer]",
            f"listen_addr = {LOOPBACK}",
            f"listen_port = {port}",
            # No Unix socket: the system's socket folder is not the load test's to use.
            "unix_socket_dir =",
            "auth_type = trust",
            f"auth_file = {folder / 'userlist.txt'}",
            f"admin_users = {user}",
            f"stats_users = {user}",
            "pool_mode = transaction",
            f"default_pool_size = {POOL_SIZE}",
            "max_client_conn = 500",
            f"logfile = {folder / 'pgbouncer.log'}",
            f"pidfile = {folder / 'pgbouncer.pid'}",
            # What Django's driver may send at connection time and PgBouncer cannot keep
            # per client in transaction mode.
            "ignore_startup_parameters = extra_float_digits,options",
            "",
        ]
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection((LOOPBACK, port), timeout=1):
            return True
    except OSError:
        return False


def pooled_url(url: str, port: int) -> str:
    """``url`` with its host and port replaced by PgBouncer's."""
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    netloc = f"{credentials}@{LOOPBACK}:{port}" if credentials else f"{LOOPBACK}:{port}"
    return urlunsplit(parts._replace(netloc=netloc))


@contextmanager
def pgbouncer(database_url: str, *, timeout: float = 20) -> Iterator[Pooler]:
    """A PgBouncer in front of the server of ``database_url``; yields it. Stopped and its
    folder removed on the way out, whatever happens inside."""
    if not pgbouncer_installed():
        raise RuntimeError(PGBOUNCER_MISSING)
    parts = urlsplit(database_url)
    user = parts.username or RUN_AS
    as_root = os.geteuid() == 0
    with tempfile.TemporaryDirectory(prefix="peaceplan-bench-pgbouncer-") as name:
        folder = Path(name)
        port = _free_port()
        (folder / "pgbouncer.ini").write_text(
            ini_text(
                port=port,
                folder=folder,
                server_host=parts.hostname or LOOPBACK,
                server_port=parts.port or 5432,
                user=user,
            )
        )
        # With auth_type trust only the names count: the password field stays empty.
        (folder / "userlist.txt").write_text(f'"{user}" ""\n')
        command = [PGBOUNCER, str(folder / "pgbouncer.ini")]
        if as_root:
            shutil.chown(folder, RUN_AS)
            for path in folder.iterdir():
                shutil.chown(path, RUN_AS)
            command = [PGBOUNCER, "--user", RUN_AS, str(folder / "pgbouncer.ini")]
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, cwd=folder
        )
        try:
            deadline = time.monotonic() + timeout
            while not _answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    log = folder / "pgbouncer.log"
                    text = log.read_text(errors="replace") if log.exists() else "(no log)"
                    raise RuntimeError(NOT_READY.format(port=port, timeout=timeout, log=text))
                time.sleep(0.1)
            yield Pooler(url=pooled_url(database_url, port), port=port, user=user)
        finally:
            stop(process, timeout=10)
