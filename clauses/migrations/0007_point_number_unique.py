"""A point number appears once in a revision.

Revisions recorded before the rule may hold two clause versions with one number (a paste
with two points "2"): the later ones in draft order are renumbered "2 (2)", "2 (3)"...
(the live rows only; history keeps what was recorded) and the fingerprints of the plans
concerned computed again, since they cover the numbers.

On SQLite, adding the constraint rebuilds clauses_clauseversion, which a trigger of 0002
watches: the triggers are removed first and installed again after.
"""

import importlib

from django.db import migrations, models

cross_row_rules = importlib.import_module("clauses.migrations.0002_cross_row_rules")
fingerprints = importlib.import_module("clauses.migrations.0006_revision_fingerprint")


def renumber_duplicates(apps, schema_editor):
    ClauseVersion = apps.get_model("clauses", "ClauseVersion")
    seen: dict[tuple[int, str], int] = {}
    renumbered = False
    rows = ClauseVersion.objects.order_by("revision_id", "position_in_draft", "pk")
    for pk, revision_id, number in rows.values_list("pk", "revision_id", "number"):
        count = seen.get((revision_id, number), 0) + 1
        seen[(revision_id, number)] = count
        if count > 1:
            ClauseVersion.objects.filter(pk=pk).update(number=f"{number} ({count})"[:20])
            renumbered = True
    if renumbered:
        fingerprints.compute_fingerprints(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("clauses", "0006_revision_fingerprint")]

    operations = [
        migrations.RunPython(renumber_duplicates, migrations.RunPython.noop),
        migrations.RunPython(cross_row_rules.remove_triggers, cross_row_rules.install_triggers),
        migrations.AddConstraint(
            model_name="clauseversion",
            constraint=models.UniqueConstraint(
                fields=("revision", "number"),
                name="clause_version_number_unique_in_revision",
                violation_error_message="A number appears once in a revision.",
            ),
        ),
        migrations.RunPython(cross_row_rules.install_triggers, cross_row_rules.remove_triggers),
    ]
