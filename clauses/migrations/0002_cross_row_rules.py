"""Rules that span rows, enforced by the database itself.

A CHECK constraint sees one row only, so two rules need triggers:
- a revision continues (``previous``) an earlier revision of the same plan;
- a clause version joins a clause and a revision of the same plan.

SQLite drops a table's triggers when Django rebuilds the table during a later
ALTER; a migration that alters clauses_revision or clauses_clauseversion on SQLite must
re-run ``install_triggers``. tests/clauses/test_models.py fails if a trigger goes missing.
"""

from django.db import migrations

PREVIOUS_MESSAGE = "revision.previous must be an earlier revision of the same plan"
CLAUSE_PLAN_MESSAGE = "clause_version.clause and clause_version.revision must share a plan"

PREVIOUS_CONDITION = """
    NEW.previous_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM clauses_revision earlier
        WHERE earlier.id = NEW.previous_id
          AND earlier.plan_id = NEW.plan_id
          AND earlier.number < NEW.number)
"""

CLAUSE_PLAN_CONDITION = """
    NOT EXISTS (
        SELECT 1 FROM clauses_clause c JOIN clauses_revision r ON r.plan_id = c.plan_id
        WHERE c.id = NEW.clause_id AND r.id = NEW.revision_id)
"""

RULES = [
    ("clauses_revision", "revision_previous_same_plan", PREVIOUS_CONDITION, PREVIOUS_MESSAGE),
    ("clauses_clauseversion", "clause_version_same_plan", CLAUSE_PLAN_CONDITION, CLAUSE_PLAN_MESSAGE),
]


def postgresql_statements():
    for table, name, condition, message in RULES:
        yield f"""
            CREATE OR REPLACE FUNCTION {name}_check() RETURNS trigger AS $$
            BEGIN
                IF {condition} THEN
                    RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql
        """
        yield f"DROP TRIGGER IF EXISTS {name} ON {table}"
        yield f"""
            CREATE TRIGGER {name} BEFORE INSERT OR UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {name}_check()
        """


def sqlite_statements():
    for table, name, condition, message in RULES:
        for event in ("INSERT", "UPDATE"):
            trigger = f"{name}_{event.lower()}"
            yield f"DROP TRIGGER IF EXISTS {trigger}"
            yield f"""
                CREATE TRIGGER {trigger} BEFORE {event} ON {table}
                FOR EACH ROW WHEN {condition}
                BEGIN SELECT RAISE(ABORT, '{message}'); END
            """


def install_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = postgresql_statements()
    elif vendor == "sqlite":
        statements = sqlite_statements()
    else:  # Other databases rely on model validation alone.
        return
    for statement in statements:
        schema_editor.execute(statement)


def remove_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, name, _condition, _message in RULES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}_check()")
        elif vendor == "sqlite":
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_{event}")


class Migration(migrations.Migration):
    dependencies = [("clauses", "0001_initial")]

    operations = [migrations.RunPython(install_triggers, remove_triggers)]
