"""Fingerprints that an edit appends to instead of rippling: each revision records the
fingerprint of the revision it continues as its own was computed on
(``previous_fingerprint``), and each revision's fingerprints over time are kept in an
append-only chain of fingerprint events.

The existing fingerprints were each computed over their predecessor's current one, so they
stay as they are: each revision records its predecessor's, and gets its first event.
"""

import datetime
import hashlib
import json
from importlib import import_module

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models
from django.utils import timezone

from core.append_only import install_guards, remove_guards

cross_row_rules = import_module("clauses.migrations.0002_cross_row_rules")

# Fingerprint events are records of what a write computed: append-only like history.
GUARDED_TABLES = ["clauses_fingerprintevent"]


def _event_hash(revision_id, fingerprint, previous_fingerprint, previous_hash, recorded_at):
    """clauses.fingerprints.event_hash as this migration wrote the first events (frozen)."""
    document = {
        "fingerprint": fingerprint,
        "previous_fingerprint": previous_fingerprint,
        "previous_hash": previous_hash,
        "recorded_at": recorded_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "revision": revision_id,
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_first_events(apps, schema_editor):
    Revision = apps.get_model("clauses", "Revision")
    FingerprintEvent = apps.get_model("clauses", "FingerprintEvent")
    using = schema_editor.connection.alias
    rows = list(
        Revision.objects.using(using).values_list("pk", "previous_id", "fingerprint")
    )
    current = {pk: value for pk, _previous_id, value in rows}
    now = timezone.now()
    changed, events = [], []
    for pk, previous_id, value in rows:
        previous = current.get(previous_id, "") if previous_id is not None else ""
        if previous:
            changed.append(Revision(pk=pk, previous_fingerprint=previous))
        events.append(
            FingerprintEvent(
                revision_id=pk,
                fingerprint=value,
                previous_fingerprint=previous,
                previous_hash="",
                recorded_at=now,
                hash=_event_hash(pk, value, previous, "", now),
            )
        )
    Revision.objects.using(using).bulk_update(changed, ["previous_fingerprint"], batch_size=500)
    FingerprintEvent.objects.using(using).bulk_create(events, batch_size=500)


def guard(apps, schema_editor):
    install_guards(schema_editor, GUARDED_TABLES)


def unguard(apps, schema_editor):
    remove_guards(schema_editor, GUARDED_TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('clauses', '0012_sources'),
    ]

    operations = [
        migrations.RunPython(cross_row_rules.remove_triggers, cross_row_rules.install_triggers),
        migrations.AddField(
            model_name='revision',
            name='previous_fingerprint',
            field=models.CharField(blank=True, db_default='', editable=False, help_text="The fingerprint the revision it continues had when this one's was computed (one of that revision's fingerprint events); empty when it continues none.", max_length=64),
        ),
        migrations.AlterField(
            model_name='revision',
            name='fingerprint',
            field=models.CharField(blank=True, db_default='', editable=False, help_text="SHA-256 of its content and of the previous revision's fingerprint as recorded (clauses.fingerprints); derived data, kept out of history.", max_length=64),
        ),
        migrations.CreateModel(
            name='FingerprintEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('fingerprint', models.CharField(max_length=64)),
                ('previous_fingerprint', models.CharField(blank=True, help_text='The fingerprint of the revision it continued.', max_length=64)),
                ('previous_hash', models.CharField(blank=True, help_text="The hash of the revision's event before this one.", max_length=64)),
                ('hash', models.CharField(max_length=64)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('revision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='fingerprint_events', to='clauses.revision')),
            ],
            options={
                'ordering': ['revision', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('revision', 'previous_hash'), name='fingerprint_event_chain_unforked')],
            },
        ),
        migrations.RunPython(record_first_events, migrations.RunPython.noop),
        migrations.RunPython(cross_row_rules.install_triggers, cross_row_rules.remove_triggers),
        migrations.RunPython(guard, unguard),
    ]
