"""A backup restores exactly: every revision's fingerprint, every history row, the guards.

SQLite's round trip runs everywhere the suite runs on SQLite; PostgreSQL's (pg_dump -Fc,
then pg_restore into a new database) where the suite runs on PostgreSQL and pg_dump is
installed. The JSON route is checked for what it loses."""

import datetime
import json
import shutil
import sqlite3
import subprocess
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from clauses.models import Position, Revision
from clauses.services import position_update, revision_clone
from core.append_only import guard_triggers, history_maintenance, history_tables
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
        changes={"stance": "supports", "quote": "«Oui», dit-il."},
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
