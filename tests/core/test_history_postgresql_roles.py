"""On PostgreSQL the app can run as a role that owns nothing (docs/operations.md, "Running as
a PostgreSQL role that is not a superuser"): with the grants given there, it cannot lift or
alter the guard on history."""

import pytest
from django.db import DatabaseError, connection, transaction

from core.append_only import GUARD_MESSAGE, SETTING, history_tables
from tests.factories import PartyFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's"),
]


@pytest.fixture
def app_role():
    """A role with docs/operations.md's app grants, for this test's transaction only (CREATE ROLE
    is rolled back with it)."""
    role = f"peaceplan_app_test_{connection.settings_dict['NAME']}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"
        )
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
        for table in history_tables():
            cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {role}")
    return role


def as_role(role, sql):
    """Run ``sql`` as ``role`` in a savepoint; the database's error message, or None."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL ROLE {role}")
            cursor.execute(f"SELECT set_config('{SETTING}', 'on', true)")
            cursor.execute(sql)
    except DatabaseError as error:
        return str(error)
    return None


def test_the_app_role_writes_history_but_cannot_rewrite_or_unguard_it(app_role):
    party = PartyFactory()

    assert as_role(app_role, f"UPDATE parties_party SET name = 'x' WHERE id = {party.pk}") is None
    assert as_role(app_role, "SELECT count(*) FROM parties_historicalparty") is None
    assert "permission denied" in as_role(
        app_role, "UPDATE parties_historicalparty SET history_change_reason = 'x'"
    )
    for sql in (
        "ALTER TABLE parties_historicalparty DISABLE TRIGGER parties_historicalparty_append_only",
        "DROP TRIGGER parties_historicalparty_append_only ON parties_historicalparty",
        "DROP FUNCTION peaceplan_history_guard() CASCADE",
    ):
        assert "must be owner" in as_role(app_role, sql), sql


def test_even_with_update_granted_the_guard_holds_for_a_role_that_owns_nothing(app_role):
    PartyFactory()
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT UPDATE, DELETE ON parties_historicalparty TO {app_role}")

    message = as_role(app_role, "DELETE FROM parties_historicalparty")

    assert GUARD_MESSAGE in message
