"""The sources' history is append-only too (see ``core.append_only``)."""

from django.db import migrations

from core.append_only import install_guards, remove_guards

HISTORY_TABLES = ["sources_historicalsource"]


def guard(apps, schema_editor):
    install_guards(schema_editor, HISTORY_TABLES)


def unguard(apps, schema_editor):
    remove_guards(schema_editor, HISTORY_TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0001_initial"),
    ]

    operations = [migrations.RunPython(guard, unguard)]
