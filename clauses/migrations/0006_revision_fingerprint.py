"""Each revision's fingerprint (``clauses.fingerprints``), computed for the revisions that
exist. Adding the column rebuilds clauses_revision on SQLite, which drops its triggers and
trips over those of clauses_clauseversion that name it: the cross-row rules of 0002 are
removed first and installed again after."""

import importlib

from django.db import migrations, models

from clauses.fingerprints import ChainLink, ClauseVersionContent, chain_fingerprints

POSITION_COLUMNS = ("stance", "summary", "quote", "source_title", "source_url", "stated_on")

cross_row_rules = importlib.import_module("clauses.migrations.0002_cross_row_rules")


def compute_fingerprints(apps, schema_editor):
    Revision = apps.get_model("clauses", "Revision")
    ClauseVersion = apps.get_model("clauses", "ClauseVersion")
    Position = apps.get_model("clauses", "Position")
    links = [
        ChainLink(id=pk, previous_id=previous_id, number=number)
        for pk, previous_id, number in Revision.objects.values_list("pk", "previous_id", "number")
    ]
    versions, contents = {}, {}
    for pk, revision_id, slug, number, status, text, place in ClauseVersion.objects.values_list(
        "pk", "revision_id", "clause__slug", "number", "status", "text", "position_in_draft"
    ):
        versions[pk] = ClauseVersionContent(slug, number, status, text, place)
        contents.setdefault(revision_id, []).append(versions[pk])
    for version_id, party, *values in Position.objects.values_list(
        "clause_version_id", "party__slug", *POSITION_COLUMNS
    ):
        versions[version_id].positions.append({"party": party, **dict(zip(POSITION_COLUMNS, values))})
    for pk, value in chain_fingerprints(links, contents, {}).items():
        Revision.objects.filter(pk=pk).update(fingerprint=value)


class Migration(migrations.Migration):
    dependencies = [
        ("clauses", "0005_nothing_vanishes"),
        ("parties", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(cross_row_rules.remove_triggers, cross_row_rules.install_triggers),
        migrations.AddField(
            model_name="revision",
            name="fingerprint",
            field=models.CharField(
                blank=True,
                db_default="",
                editable=False,
                help_text="SHA-256 of its content and of the previous revision's fingerprint "
                "(clauses.fingerprints); derived data, kept out of history.",
                max_length=64,
            ),
        ),
        migrations.RunPython(cross_row_rules.install_triggers, cross_row_rules.remove_triggers),
        migrations.RunPython(compute_fingerprints, migrations.RunPython.noop),
    ]
