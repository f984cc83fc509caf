"""Corrections: a revision can be withdrawn, a clause struck out of a revision, split or
merged (lineage), renamed (its former slugs kept), and each correction is an event.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from importlib import import_module

from django.db import migrations, models

from core.append_only import install_guards, remove_guards

cross_row_rules = import_module("clauses.migrations.0002_cross_row_rules")

# Corrections are events in the record: append-only like the history of the rows they change.
GUARDED_TABLES = [
    "clauses_correction",
    "clauses_historicalclausedeletion",
    "clauses_historicalclauselineage",
]


def guard(apps, schema_editor):
    install_guards(schema_editor, GUARDED_TABLES)


def unguard(apps, schema_editor):
    remove_guards(schema_editor, GUARDED_TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('clauses', '0010_text_limits'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # SQLite rebuilds the revision table to add its columns, which would break the
        # cross-row triggers of migration 0002: they are removed first and installed again.
        migrations.RunPython(cross_row_rules.remove_triggers, cross_row_rules.install_triggers),
        migrations.AddField(
            model_name='historicalrevision',
            name='withdrawal_reason',
            field=models.TextField(blank=True, db_default='', default='', help_text='Why it was withdrawn.', validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AddField(
            model_name='historicalrevision',
            name='withdrawn',
            field=models.BooleanField(db_default=False, default=False, help_text='Recorded by mistake: off the main line, still readable, can be restored.'),
        ),
        migrations.AddField(
            model_name='revision',
            name='withdrawal_reason',
            field=models.TextField(blank=True, db_default='', default='', help_text='Why it was withdrawn.', validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AddField(
            model_name='revision',
            name='withdrawn',
            field=models.BooleanField(db_default=False, default=False, help_text='Recorded by mistake: off the main line, still readable, can be restored.'),
        ),
        migrations.CreateModel(
            name='HistoricalClauseDeletion',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one on every save that changes something; refuses stale edits.')),
                ('note', models.TextField(blank=True, help_text='What the draft says, e.g. "point 3 deleted".', validators=[django.core.validators.MaxLengthValidator(10000)])),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('clause', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='clauses.clause')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('revision', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='clauses.revision')),
            ],
            options={
                'verbose_name': 'historical clause deletion',
                'verbose_name_plural': 'historical clause deletions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalClauseLineage',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one on every save that changes something; refuses stale edits.')),
                ('kind', models.CharField(choices=[('split', 'split'), ('merge', 'merge')], max_length=10)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('predecessor', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='clauses.clause')),
                ('revision', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='clauses.revision')),
                ('successor', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='clauses.clause')),
            ],
            options={
                'verbose_name': 'historical clause lineage',
                'verbose_name_plural': 'historical clause lineages',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ClauseDeletion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one on every save that changes something; refuses stale edits.')),
                ('note', models.TextField(blank=True, help_text='What the draft says, e.g. "point 3 deleted".', validators=[django.core.validators.MaxLengthValidator(10000)])),
                ('clause', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deletions', to='clauses.clause')),
                ('revision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='clause_deletions', to='clauses.revision')),
            ],
            options={
                'ordering': ['revision', 'clause'],
                'constraints': [models.UniqueConstraint(fields=('revision', 'clause'), name='clause_deletion_unique_in_revision')],
            },
        ),
        migrations.CreateModel(
            name='ClauseLineage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one on every save that changes something; refuses stale edits.')),
                ('kind', models.CharField(choices=[('split', 'split'), ('merge', 'merge')], max_length=10)),
                ('predecessor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='successor_links', to='clauses.clause')),
                ('revision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='lineages', to='clauses.revision')),
                ('successor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='predecessor_links', to='clauses.clause')),
            ],
            options={
                'ordering': ['revision', 'predecessor', 'successor'],
                'constraints': [models.UniqueConstraint(fields=('revision', 'predecessor', 'successor'), name='lineage_unique'), models.CheckConstraint(condition=models.Q(('predecessor', models.F('successor')), _negated=True), name='lineage_not_self'), models.CheckConstraint(condition=models.Q(('kind__in', ['split', 'merge'])), name='lineage_kind_valid')],
            },
        ),
        migrations.CreateModel(
            name='Correction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('relink', 're-linked'), ('withdraw', 'withdrawn'), ('restore', 'restored'), ('split', 'split'), ('merge', 'merged'), ('delete', 'marked deleted'), ('undelete', 'deletion taken back'), ('rename', 'renamed')], max_length=20)),
                ('summary', models.CharField(help_text="The editor's summary of why.", max_length=300)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('before', models.JSONField(blank=True, default=dict)),
                ('after', models.JSONField(blank=True, default=dict)),
                ('clause', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='clauses.clause')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='clauses.plan')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to=settings.AUTH_USER_MODEL)),
                ('revision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='clauses.revision')),
            ],
            options={
                'ordering': ['-recorded_at', '-pk'],
                'indexes': [models.Index(fields=['plan', '-recorded_at'], name='correction_plan_time_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['relink', 'withdraw', 'restore', 'split', 'merge', 'delete', 'undelete', 'rename'])), name='correction_kind_valid')],
            },
        ),
        migrations.CreateModel(
            name='FormerClauseSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80)),
                ('retired_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('clause', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='former_slugs', to='clauses.clause')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='former_clause_slugs', to='clauses.plan')),
            ],
            options={
                'ordering': ['plan', 'slug'],
                'constraints': [models.UniqueConstraint(fields=('plan', 'slug'), name='former_clause_slug_unique')],
            },
        ),
        migrations.RunPython(cross_row_rules.install_triggers, cross_row_rules.remove_triggers),
        migrations.RunPython(guard, unguard),
    ]
