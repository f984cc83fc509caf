"""History is append-only at the database: no UPDATE, DELETE or TRUNCATE of a history row,
whoever asks, on SQLite and PostgreSQL alike; only ``history_maintenance`` lifts the guard."""

import pytest
from django.db import DatabaseError, connection, transaction

from clauses.models import Position
from core.append_only import (
    GUARD_MESSAGE,
    ensure_guards,
    guard_triggers,
    history_maintenance,
    history_tables,
    trigger_names,
)
from parties.models import Party
from tests.factories import PartyFactory, PositionFactory

pytestmark = pytest.mark.django_db

TRACKED_HISTORY = [
    "clauses_historicalclause",
    "clauses_historicalclauseversion",
    "clauses_historicalplan",
    "clauses_historicalposition",
    "clauses_historicalrevision",
    "parties_historicalparty",
]


def execute(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refused(sql, params=()):
    """Run ``sql`` in a savepoint and return the database's error (the test fails if none)."""
    with pytest.raises(DatabaseError) as error, transaction.atomic():
        execute(sql, params)
    return str(error.value)


def test_every_history_table_carries_the_guard():
    present = guard_triggers()
    tables = history_tables()
    # Every tracked model of today; a new one joins the list by itself.
    assert set(TRACKED_HISTORY) <= set(tables)
    for table in [*tables, "clauses_historytakedown"]:
        for name in trigger_names(table, connection.vendor):
            assert (table, name) in present, f"{table} has no guard {name}"


@pytest.mark.parametrize("table", TRACKED_HISTORY)
def test_raw_update_and_delete_of_history_are_refused(table):
    party = PartyFactory(name="Russia")
    PositionFactory(party=party)

    for sql in (f"UPDATE {table} SET history_change_reason = 'rewritten'", f"DELETE FROM {table}"):
        message = refused(sql)
        assert GUARD_MESSAGE in message
        assert table in message


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncate_of_history_is_refused_on_postgresql():
    PartyFactory()
    # Checked now, so that TRUNCATE meets no pending foreign key check of this transaction.
    execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert GUARD_MESSAGE in refused("TRUNCATE parties_historicalparty CASCADE")
    assert Party.history.count() == 1


def test_the_orm_cannot_rewrite_history_either():
    position = PositionFactory()
    with pytest.raises(DatabaseError), transaction.atomic():
        Position.history.filter(id=position.pk).update(history_change_reason="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        Position.history.filter(id=position.pk).delete()
    assert Position.history.get(id=position.pk).history_change_reason != "rewritten"


def test_history_is_still_written():
    party = PartyFactory(name="Russia")
    party.name = "Russian Federation"
    party.save()
    assert [h.name for h in party.history.order_by("history_id")] == [
        "Russia",
        "Russian Federation",
    ]


def test_maintenance_lifts_the_guard_for_its_own_block_only():
    PartyFactory()
    with history_maintenance():
        execute("UPDATE parties_historicalparty SET history_change_reason = 'court order'")
    assert Party.history.get().history_change_reason == "court order"
    assert GUARD_MESSAGE in refused("DELETE FROM parties_historicalparty")


def test_maintenance_that_fails_leaves_the_guard_on():
    PartyFactory()
    with pytest.raises(RuntimeError), history_maintenance():
        raise RuntimeError("the maintenance failed halfway")
    assert GUARD_MESSAGE in refused("DELETE FROM parties_historicalparty")


def test_a_lost_guard_is_put_back_after_migrate():
    PositionFactory()
    # SQLite drops a table's triggers when a migration rebuilds the table.
    for name in trigger_names("clauses_historicalposition", connection.vendor):
        if connection.vendor == "postgresql":
            execute(f"DROP TRIGGER {name} ON clauses_historicalposition")
        else:
            execute(f"DROP TRIGGER {name}")
    assert ("clauses_historicalposition", name) not in guard_triggers()

    ensure_guards()

    assert GUARD_MESSAGE in refused("DELETE FROM clauses_historicalposition")


@pytest.mark.django_db(transaction=True)
def test_the_test_suites_own_flush_still_empties_history():
    # A transactional test is flushed afterwards, history tables included: were the
    # flush refused, this test would error at teardown.
    PositionFactory()
    assert Position.history.count() == 1
