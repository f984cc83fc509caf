"""Which revisions are branches (counter-proposals off the main line).

Existing revisions are classed by the rule new ones follow
(``Revision.objects.continues_main_line``): in number order, a revision extends the main
line when it continues the latest main-line revision (or, for the first, nothing);
anything else is a branch.

On SQLite, adding the column rebuilds clauses_revision, which the triggers of 0002 name:
they are removed first and installed again after.
"""

import importlib

from django.db import migrations, models

cross_row_rules = importlib.import_module("clauses.migrations.0002_cross_row_rules")


def class_branches(apps, schema_editor):
    Revision = apps.get_model("clauses", "Revision")
    branches = []
    current_by_plan = {}
    for revision in Revision.objects.order_by("plan_id", "number").only(
        "pk", "plan_id", "previous_id"
    ):
        current = current_by_plan.get(revision.plan_id)
        if current is None or revision.previous_id == current:
            current_by_plan[revision.plan_id] = revision.pk
        else:
            branches.append(revision.pk)
    Revision.objects.filter(pk__in=branches).update(branch=True)


class Migration(migrations.Migration):
    dependencies = [("clauses", "0003_editors_group")]

    operations = [
        migrations.RunPython(cross_row_rules.remove_triggers, cross_row_rules.install_triggers),
        migrations.AddField(
            model_name="historicalrevision",
            name="branch",
            field=models.BooleanField(
                default=False,
                help_text="A counter-proposal off the main line: never the plan's current "
                "revision.",
            ),
        ),
        migrations.AddField(
            model_name="revision",
            name="branch",
            field=models.BooleanField(
                default=False,
                help_text="A counter-proposal off the main line: never the plan's current "
                "revision.",
            ),
        ),
        migrations.RunPython(class_branches, migrations.RunPython.noop),
        migrations.RunPython(cross_row_rules.install_triggers, cross_row_rules.remove_triggers),
    ]
