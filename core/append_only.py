"""History is append-only, enforced by the database: a guard on every history table.

A trigger refuses UPDATE and DELETE on each history table (and TRUNCATE on PostgreSQL), so
neither the app, nor the admin, nor someone at a database prompt can rewrite who changed
what, when and why. The guard lets a change through only inside ``history_maintenance()``:

- on PostgreSQL, when the transaction set ``peaceplan.history_maintenance`` to ``on`` AND
  the current role owns the table (the migration role or a superuser); the app's own role
  can set the setting but does not own the tables, so it can never lift the guard;
- on SQLite, when the Python function ``peaceplan_history_maintenance()``, registered on
  each of the app's connections, says the connection is in maintenance. A connection that
  lacks the function (a ``sqlite3`` prompt) fails on it: still refused.

The guards are installed by migrations (clauses 0005, parties 0002) and checked again after
every ``migrate``: SQLite drops a table's triggers when a later migration rebuilds it (e.g.
to add a field to a tracked model), and a tracked model added later gets its guard then.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import connections, transaction

GUARD_MESSAGE = "History is append-only: history rows are never changed or removed"
SETTING = "peaceplan.history_maintenance"
SQLITE_FUNCTION = "peaceplan_history_maintenance"
# The flag on a SQLite connection (Django's wrapper) that the function answers with.
SQLITE_FLAG = "history_maintenance"
POSTGRESQL_FUNCTION = "peaceplan_history_guard"


def history_models() -> list:
    """The history model of every tracked model, in every app."""
    found = []
    for model in apps.get_models():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager:
            found.append(getattr(model, manager).model)
    return found


def _keeps_history(app_config) -> bool:
    return any(
        getattr(model._meta, "simple_history_manager_attribute", None)
        for model in app_config.get_models()
    )


def history_tables() -> list[str]:
    """The table of every history model (one per tracked model, in every app)."""
    return sorted(model._meta.db_table for model in history_models())


def trigger_names(table: str, vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [f"{table}_append_only", f"{table}_no_truncate"]
    return [f"{table}_no_update", f"{table}_no_delete"]


POSTGRESQL_GUARD = f"""
    CREATE OR REPLACE FUNCTION {POSTGRESQL_FUNCTION}() RETURNS trigger AS $$
    BEGIN
        IF coalesce(current_setting('{SETTING}', true), '') = 'on'
           AND pg_has_role(current_user,
                           (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{GUARD_MESSAGE} (% on % refused)', TG_OP, TG_TABLE_NAME
            USING HINT = 'A legal takedown goes through manage.py history_takedown.';
    END
    $$ LANGUAGE plpgsql
"""  # noqa: S608 -- DDL from this module's constants, no outside value


def postgresql_statements(table: str) -> list[str]:
    row, statement = trigger_names(table, "postgresql")
    return [
        f"CREATE OR REPLACE TRIGGER {row} BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {POSTGRESQL_FUNCTION}()",
        f"CREATE OR REPLACE TRIGGER {statement} BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {POSTGRESQL_FUNCTION}()",
    ]


def sqlite_statements(table: str) -> list[str]:
    statements = []
    for name, event in zip(trigger_names(table, "sqlite"), ("UPDATE", "DELETE"), strict=True):
        message = f"{GUARD_MESSAGE} ({event} on {table} refused)"
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON {table} "
            f"FOR EACH ROW WHEN NOT {SQLITE_FUNCTION}() "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    return statements


def guard_statements(vendor: str, tables: list[str]) -> list[str]:
    """The SQL that puts the guard on ``tables`` (idempotent); other databases have none."""
    if vendor == "postgresql":
        return [POSTGRESQL_GUARD, *(s for table in tables for s in postgresql_statements(table))]
    if vendor == "sqlite":
        return [s for table in tables for s in sqlite_statements(table)]
    return []


def install_guards(schema_editor, tables: list[str]) -> None:
    """Put the guard on ``tables`` (from a migration)."""
    for statement in guard_statements(schema_editor.connection.vendor, tables):
        schema_editor.execute(statement, None)


def remove_guards(schema_editor, tables: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        for name in trigger_names(table, vendor):
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            elif vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def guard_triggers(using: str = "default") -> set[tuple[str, str]]:
    """(table, trigger) of every guard trigger present in the database (one query)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE p.proname = %s AND t.tgenabled <> 'D'",
                [POSTGRESQL_FUNCTION],
            )
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            return set()
        return set(cursor.fetchall())


def ensure_guards(using: str = "default", sender=None, **kwargs) -> None:
    """After ``migrate``: put back any guard a rebuilt table lost, guard any new table.

    Sent for every app with models; only an app that keeps history can have added a
    history table, so the others cost nothing."""
    if sender is not None and not _keeps_history(sender):
        return
    connection = connections[using]
    present = guard_triggers(using)
    missing = [
        table
        for table in history_tables()
        if any((table, name) not in present for name in trigger_names(table, connection.vendor))
    ]
    if missing:
        with connection.cursor() as cursor:
            for statement in guard_statements(connection.vendor, missing):
                cursor.execute(statement)


def register_sqlite_switch(sender, connection, **kwargs) -> None:
    """On each new SQLite connection, the function the guard asks (connection_created)."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        SQLITE_FUNCTION, 0, lambda: int(getattr(connection, SQLITE_FLAG, False))
    )


@contextmanager
def history_maintenance(using: str = "default") -> Iterator[None]:
    """Lift the guard for this connection's current transaction only.

    Opens a transaction (or a savepoint inside one); the guard is back when the block
    ends, whether it succeeded or not. On PostgreSQL it lifts only for a role that owns the
    history tables. For maintenance commands and the test suite's own flush, nothing else.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', true)", [SETTING])
            yield
            # On an error the rollback (of the transaction or savepoint) undoes the setting.
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', true)", [SETTING])
        else:
            setattr(connection, SQLITE_FLAG, True)
            try:
                yield
            finally:
                setattr(connection, SQLITE_FLAG, False)
