"""Nothing with history vanishes: history is append-only, and records are never cascaded away.

- Every history table, and the audit table of takedowns, gets the append-only guard (``core.append_only``): UPDATE and
  DELETE refused, TRUNCATE too on PostgreSQL.
- A plan's revisions and clauses, a revision's clause versions and a clause version's
  positions are PROTECTed instead of CASCADEd: deleting a plan no longer takes its drafts
  with it (a legal takedown goes through ``manage.py history_takedown``).
"""

import django.db.models.deletion
from django.db import migrations, models

from core.append_only import install_guards, remove_guards

# The takedowns' audit table is append-only like the history it accounts for.
GUARDED_TABLES = [
    "clauses_historytakedown",
    "clauses_historicalplan",
    "clauses_historicalrevision",
    "clauses_historicalclause",
    "clauses_historicalclauseversion",
    "clauses_historicalposition",
]


def guard(apps, schema_editor):
    install_guards(schema_editor, GUARDED_TABLES)


def unguard(apps, schema_editor):
    remove_guards(schema_editor, GUARDED_TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("clauses", "0004_revision_branch"),
    ]

    operations = [
        migrations.AlterField(
            model_name="revision",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="revisions",
                to="clauses.plan",
            ),
        ),
        migrations.AlterField(
            model_name="clause",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="clauses",
                to="clauses.plan",
            ),
        ),
        migrations.AlterField(
            model_name="clauseversion",
            name="revision",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="clause_versions",
                to="clauses.revision",
            ),
        ),
        migrations.AlterField(
            model_name="clauseversion",
            name="clause",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="versions",
                to="clauses.clause",
            ),
        ),
        migrations.AlterField(
            model_name="position",
            name="clause_version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="positions",
                to="clauses.clauseversion",
            ),
        ),
        migrations.CreateModel(
            name="HistoryTakedown",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("taken_at", models.DateTimeField(auto_now_add=True)),
                ("operator", models.CharField(help_text="Who ran the takedown.", max_length=150)),
                ("reason", models.TextField()),
                ("model", models.CharField(help_text='e.g. "clauses.position".', max_length=100)),
                ("object_id", models.CharField(max_length=40)),
                ("description", models.CharField(help_text="What the record was, as the admin names it.", max_length=300)),
                ("history_rows_removed", models.PositiveIntegerField()),
            ],
            options={"ordering": ["-taken_at"]},
        ),
        migrations.RunPython(guard, unguard),
    ]
