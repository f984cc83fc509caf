"""A revision's coverage (full text or partial) and a position's demand.

Should SQLite rebuild a table to add a column, it would break the cross-row triggers of
migration 0002 (see its docstring): they are removed first and installed again after.
"""

from importlib import import_module

from django.db import migrations, models

cross_row_rules = import_module("clauses.migrations.0002_cross_row_rules")


class Migration(migrations.Migration):
    dependencies = [
        ("clauses", "0007_point_number_unique"),
    ]

    operations = [
        migrations.RunPython(cross_row_rules.remove_triggers, cross_row_rules.install_triggers),
        migrations.AddField(
            model_name="historicalposition",
            name="demand",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                help_text="What the party demands beyond the clause as worded.",
            ),
        ),
        migrations.AddField(
            model_name="historicalrevision",
            name="coverage",
            field=models.CharField(
                choices=[("full_text", "full text"), ("partial", "partial")],
                db_default="full_text",
                default="full_text",
                help_text="Full text: absent means absent. Partial: absent means not described.",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="demand",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                help_text="What the party demands beyond the clause as worded.",
            ),
        ),
        migrations.AddField(
            model_name="revision",
            name="coverage",
            field=models.CharField(
                choices=[("full_text", "full text"), ("partial", "partial")],
                db_default="full_text",
                default="full_text",
                help_text="Full text: absent means absent. Partial: absent means not described.",
                max_length=20,
            ),
        ),
        migrations.RunPython(cross_row_rules.install_triggers, cross_row_rules.remove_triggers),
    ]
