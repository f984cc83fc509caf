"""A backup restores exactly: every revision's fingerprint, every history row, the guards.

SQLite's round trip runs everywhere the suite runs on SQLite; PostgreSQL's (pg_dump -Fc,
then pg_restore into a new database) where the suite runs on PostgreSQL and pg_dump is
installed. The restore recipes of docs/operations.md are run as written: SQLite's on the
SQLite run, PostgreSQL's against the server at 127.0.0.1 (databases and a role of its own,
dropped after) wherever pg_restore is installed. The JSON route is checked for what it
loses."""

import datetime
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from clauses.models import Position, Revision
from clauses.services import position_update, revision_clone
from core.append_only import GUARD_MESSAGE, guard_triggers, history_maintenance, history_tables
from core.backups import postgresql_environment
from parties.models import Party
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def recorded(seeded, editor):
    """The seed, a clone and an edit: history rows from every kind of write."""
    # The latest: the seed's r1 holds no clause, so its clone would copy no position.
    latest = seeded.revisions.order_by("number").last()
    clone = revision_clone(source=latest, user=editor, summary="Next draft")
    position = Position.objects.filter(clause_version__revision=clone).first()
    position_update(
        position=position,
        expected_version=position.version,
        changes={"stance": "supports", "summary": "«Oui», dit-il."},
        user=editor,
        summary="Reconfirmed",
    )
    return seeded


def state(cursor) -> dict:
    """What must survive a round trip, read with plain SQL from any copy of the database."""
    cursor.execute("SELECT id, fingerprint FROM clauses_revision ORDER BY id")
    fingerprints = cursor.fetchall()
    counts = {}
    for table in history_tables():
        cursor.execute(f"SELECT count(*), max(history_date) FROM {table}")
        counts[table] = tuple(str(value) for value in cursor.fetchone())
    return {"fingerprints": [tuple(row) for row in fingerprints], "history": counts}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backup API")
def test_sqlite_backup_restores_exactly(recorded, tmp_path):
    target = tmp_path / "backup.sqlite3"
    with connection.cursor() as cursor:
        before = state(cursor)
    guards_before = guard_triggers()

    call_command("backup_database", output=target)
    # Lose everything, then restore the backup into the app's own database.
    with history_maintenance():
        call_command("flush", verbosity=0, interactive=False)
    assert not Revision.objects.exists()
    source = sqlite3.connect(target)
    source.backup(connection.connection)
    source.close()

    with connection.cursor() as cursor:
        after = state(cursor)
    assert after == before
    assert len(before["fingerprints"]) >= 2 and all(fp for _, fp in before["fingerprints"])
    assert guard_triggers() == guards_before
    call_command("verify_fingerprints")


@pytest.mark.skipif(
    connection.vendor != "postgresql" or shutil.which("pg_restore") is None,
    reason="pg_dump and pg_restore, on the PostgreSQL run",
)
def test_postgresql_dump_restores_exactly(recorded, tmp_path):
    import psycopg2

    target = tmp_path / "backup.dump"
    settings_dict = connection.settings_dict
    with connection.cursor() as cursor:
        before = state(cursor)
    call_command("backup_database", output=target)

    restored = f"{settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    arguments, environment = postgresql_environment(settings_dict)
    subprocess.run(["createdb", *arguments, restored], env=environment, check=True)
    try:
        subprocess.run(
            ["pg_restore", "--exit-on-error", *arguments, f"--dbname={restored}", str(target)],
            env=environment,
            check=True,
        )
        params = {
            "dbname": restored,
            "host": settings_dict["HOST"] or None,
            "port": settings_dict["PORT"] or None,
            "user": settings_dict["USER"] or None,
            "password": settings_dict["PASSWORD"] or None,
        }
        copy = psycopg2.connect(**{k: v for k, v in params.items() if v})
        try:
            with copy.cursor() as cursor:
                after = state(cursor)
                cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%_append_only'")
                guarded = cursor.fetchone()[0]
        finally:
            copy.close()
    finally:
        subprocess.run(["dropdb", *arguments, restored], env=environment, check=True)

    assert after == before
    assert guarded >= len(history_tables())


def test_the_json_route_loses_history_microseconds(db):
    """Why docs/operations.md calls dumpdata/loaddata lossy: Django's JSON keeps milliseconds."""
    party = PartyFactory(slug="russia")
    when = datetime.datetime(2025, 11, 24, 9, 30, 15, 123456, tzinfo=datetime.UTC)
    Party.history.bulk_history_create([party], default_date=when, default_change_reason="x")

    out = StringIO()
    call_command("dumpdata", "parties.historicalparty", stdout=out)

    dates = {row["fields"]["history_date"] for row in json.loads(out.getvalue())}
    assert Party.history.filter(history_date=when).exists()
    assert "2025-11-24T09:30:15.123Z" in dates


# The restore recipes of docs/operations.md ("Backups"), run as written: each is the code
# block after a "<!-- recipe: NAME -->" line, one command a line, with the names it uses
# replaced by this test's own (a file in tmp_path, a database and a role made here).
OPERATIONS = Path(settings.BASE_DIR) / "docs" / "operations.md"
POSTGRESQL_SERVER = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}


def recipe(name: str) -> list[str]:
    """The commands of the recipe ``name`` in docs/operations.md, comments left out."""
    text = OPERATIONS.read_text()
    marker = f"<!-- recipe: {name} -->"
    assert marker in text, f"docs/operations.md has no recipe {name!r}"
    block = re.search(r"```sh\n(.*?)```", text[text.index(marker) :], re.DOTALL)
    assert block is not None, name
    lines = [line.strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def run_recipe(name: str, names: dict[str, str], environment: dict | None = None) -> None:
    """Run each command of the recipe with ``names`` replaced, no shell; a leading
    ``NAME=value`` sets the command's environment, as a shell would."""
    for line in recipe(name):
        for written, ours in names.items():
            line = line.replace(written, ours)
        words = shlex.split(line)
        command_environment = {**os.environ, "DEBUG": "1", **(environment or {})}
        while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
            key, value = words.pop(0).split("=", 1)
            command_environment[key] = value
        completed = subprocess.run(  # noqa: S603 -- the documented commands, no shell
            words,
            env=command_environment,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, (line, completed.stdout, completed.stderr)


def python_names() -> dict[str, str]:
    return {".venv/bin/python": sys.executable}


@pytest.mark.skipif(
    connection.vendor != "sqlite" or shutil.which("sqlite3") is None,
    reason="the sqlite3 command, on the SQLite run",
)
def test_the_sqlite_recipes_back_up_and_restore_as_written(recorded, tmp_path):
    with connection.cursor() as cursor:
        before = state(cursor)
    live = connection.settings_dict["NAME"]
    (tmp_path / "backups").mkdir()
    backup_file = str(tmp_path / "backups" / "peaceplan.sqlite3")
    run_recipe("sqlite-backup", {"db.sqlite3": live, "backups/peaceplan.sqlite3": backup_file})

    # The database to restore over: another one, holding something else.
    restored = tmp_path / "db.sqlite3"
    other = sqlite3.connect(restored)
    other.execute("CREATE TABLE unrelated (x)")
    other.commit()
    other.close()
    run_recipe(
        "sqlite-restore",
        {"db.sqlite3": str(restored), "backups/peaceplan.sqlite3": backup_file, **python_names()},
        environment={"DATABASE_URL": f"sqlite:///{restored}"},
    )

    copy = sqlite3.connect(restored)
    try:
        after = state(copy.cursor())
        triggers = copy.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_%'"
        ).fetchone()[0]
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
    finally:
        copy.close()
    assert after == before
    assert triggers >= 2 * len(history_tables())
    assert "unrelated" not in tables


def psql(sql: str, *, database: str = "postgres", user: str = "postgres") -> str:
    server = POSTGRESQL_SERVER
    completed = subprocess.run(  # noqa: S603 -- psql from the PATH, no shell
        ["psql", "-h", server["host"], "-p", server["port"], "-U", user, "-d", database,  # noqa: S607
         "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert completed.returncode == 0, (sql, completed.stderr)
    return completed.stdout.strip()


def postgresql_url(database: str, user: str = "postgres") -> str:
    server = POSTGRESQL_SERVER
    return f"postgres://{user}@{server['host']}:{server['port']}/{database}"


def manage(*arguments: str, database_url: str) -> None:
    completed = subprocess.run(  # noqa: S603 -- this checkout's manage.py
        [sys.executable, "manage.py", *arguments],
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": database_url},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, (arguments, completed.stdout, completed.stderr[-3000:])


def postgresql_state(database: str, user: str) -> dict:
    """What must survive the round trip, read from a PostgreSQL database with psql."""
    counts = {
        table: psql(
            f"SELECT count(*), max(history_date) FROM {table}", database=database, user=user
        )
        for table in history_tables()
    }
    fingerprints = psql(
        "SELECT string_agg(id || ':' || fingerprint, ',' ORDER BY id) FROM clauses_revision",
        database=database,
        user=user,
    )
    return {"history": counts, "fingerprints": fingerprints}


def postgresql_reachable() -> bool:
    if shutil.which("pg_restore") is None or shutil.which("psql") is None:
        return False
    server = POSTGRESQL_SERVER
    probe = subprocess.run(  # noqa: S603
        ["psql", "-h", server["host"], "-p", server["port"], "-U", server["user"], "-d", "postgres",  # noqa: S607
         "-Atc", "SELECT 1"],
        capture_output=True,
        check=False,
    )  # fmt: skip
    return probe.returncode == 0


@pytest.mark.slow
@pytest.mark.once  # its own server and roles, whichever database the suite runs on
@pytest.mark.skipif(not postgresql_reachable(), reason="pg_restore and PostgreSQL at 127.0.0.1")
def test_the_postgresql_recipe_restores_as_an_owner_role_that_is_no_superuser(tmp_path):
    """The dump is made by a superuser (postgres), as on most servers; the recipe restores
    it as a role that owns the new database and nothing else."""
    suffix = uuid.uuid4().hex[:10]
    source, restored, owner = f"pp_source_{suffix}", f"pp_restored_{suffix}", f"pp_owner_{suffix}"
    dump = tmp_path / "peaceplan.dump"
    psql(f"CREATE DATABASE {source}")
    psql(f"CREATE ROLE {owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    try:
        source_url = postgresql_url(source)
        manage("migrate", "--no-input", "-v0", database_url=source_url)
        manage("seed", "--if-empty", database_url=source_url)
        manage("backup_database", "--output", str(dump), database_url=source_url)
        before = postgresql_state(source, "postgres")

        run_recipe(
            "postgresql-restore",
            {
                "peaceplan_owner": owner,
                "peaceplan_restored": restored,
                "peaceplan.dump": str(dump),
                **python_names(),
            },
        )

        assert postgresql_state(restored, owner) == before
        # Every table is the owner role's, so it (and only it) may lift the history guard.
        owners = psql(
            "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables "
            "WHERE schemaname = 'public'",
            database=restored,
        )
        assert owners == owner
        guarded = psql(
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%_append_only'", database=restored
        )
        assert int(guarded) >= len(history_tables())
        # The guard holds for the owner too, outside history maintenance.
        refused = subprocess.run(  # noqa: S603
            ["psql", "-h", "127.0.0.1", "-U", owner, "-d", restored, "-v", "ON_ERROR_STOP=1",  # noqa: S607
             "-c", "DELETE FROM clauses_historicalplan"],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        assert refused.returncode != 0
        assert GUARD_MESSAGE in refused.stderr
    finally:
        for database in (restored, source):
            psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        psql(f"DROP ROLE IF EXISTS {owner}")
