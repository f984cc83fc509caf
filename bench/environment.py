"""Where the benchmark runs: its own database, and Django set up on it, never on the
developer's data; and the facts about the machine and the checkout that head each report
(bench/__main__.py's and bench/loadtest.py's).

SQLite by default: the file bench/bench.sqlite3. With DATABASE_URL set (PostgreSQL), the
same server but a database of the benchmark's own, peaceplan_bench, created if missing.
"""

import os
import platform
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
SQLITE_PATH = BENCH_DIR / "bench.sqlite3"
POSTGRES_NAME = "peaceplan_bench"
# Reads by the test client and the load generator must not be throttled as an anonymous
# client's would be (120 a minute by default); the throttle itself still runs.
UNTHROTTLED = "1000000000/s"
NOT_POSTGRES = "DATABASE_URL must point at PostgreSQL for the benchmark, not {scheme!r}."
# Where `make bench` looks for PostgreSQL when DATABASE_URL is unset.
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/"


def bench_database_url(environ=os.environ) -> str:
    url = environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{SQLITE_PATH}"
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(NOT_POSTGRES.format(scheme=parts.scheme))
    return urlunsplit(parts._replace(path=f"/{POSTGRES_NAME}"))


def postgres_server(environ=os.environ) -> tuple[str | None, str]:
    """The PostgreSQL server to measure on (DATABASE_URL, else the default local one), or
    None and why not: it does not answer."""
    import psycopg2

    url = environ.get("DATABASE_URL", "") or DEFAULT_POSTGRES
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(NOT_POSTGRES.format(scheme=parts.scheme))
    try:
        psycopg2.connect(urlunsplit(parts._replace(path="/postgres")), connect_timeout=3).close()
    except psycopg2.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return (
            None,
            f"PostgreSQL did not answer on {parts.hostname}:{parts.port or 5432} ({reason})",
        )
    return url, ""


def create_postgres_database(url: str) -> None:
    """Create the benchmark's database on the server of ``url`` unless it exists."""
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    try:
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        admin.close()


def configure(environ=os.environ) -> str:
    """Point the settings at the benchmark database; call before Django is set up."""
    url = bench_database_url(environ)
    if url.startswith("postgres"):
        create_postgres_database(url)
    environ["DATABASE_URL"] = url
    environ.setdefault("DJANGO_SETTINGS_MODULE", "peaceplan.settings")
    # The settings refuse to start without a secret key unless DEBUG is on; the run turns
    # DEBUG off again once Django is set up (see setup()).
    environ.setdefault("DEBUG", "1")
    environ["API_ANON_RATE"] = UNTHROTTLED
    environ["PAGE_RATE"] = environ["DOWNLOAD_RATE"] = UNTHROTTLED
    # Every timed read is rendered: a page served from the cache would time the cache.
    environ["PAGE_CACHE"] = "0"
    return url


def setup() -> None:
    """Set Django up with DEBUG off semantics, migrate the benchmark database."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    # No query log and no template debug information, as in production. (The static
    # files storage stays the development one: no manifest to look names up in.)
    settings.DEBUG = False
    call_command("migrate", verbosity=0, interactive=False)


def flush() -> None:
    """Empty the benchmark database (its plans were built by another generator or seed).

    Its history goes too: the benchmark's own scratch database is the one place where
    wiping history is maintenance, not a rewrite of the record."""
    from django.core.management import call_command

    from core.append_only import history_maintenance

    with history_maintenance():
        call_command("flush", verbosity=0, interactive=False)


def analyze() -> None:
    """Give PostgreSQL's planner the statistics of the data just built or reused.

    In production autovacuum keeps them (it is on by default); a server where it is off,
    or a run straight after a bulk build, would otherwise plan every query as if the
    tables were empty: sequential scans, and JIT compilation costing more than the query.
    SQLite gathers none unless asked, as in production, so it is left alone."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def describe_database() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]} ({SQLITE_PATH.name})"
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]} (database {connection.settings_dict['NAME']})"


def vendor() -> str:
    from django.db import connection

    return connection.vendor


def cpu_model() -> str:
    """The CPU's model name (/proc/cpuinfo on Linux, else what the platform says)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git_commit() -> str:
    """The checkout's commit, short, or "unknown" outside a Git checkout."""
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
