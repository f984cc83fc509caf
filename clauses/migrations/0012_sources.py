"""Positions cite recorded sources: a source, a quote check and the precision of the date
a position was stated on.

Every position that named its source only by title now cites a source recorded for that
title (one per distinct title, with the first URL given for it), its quote "not checked";
a report kept beside the repository (../shared/sources/) in which every quote of a source
is verbatim becomes that source's text, and those quotes are checked. The positions' own
history keeps their earlier rows; the sources' history starts here.

Should SQLite rebuild the position table to add a column, it would break the cross-row
triggers of migration 0002: they are removed first and installed again after.
"""

from importlib import import_module

import django.db.models.deletion
from django.db import migrations, models

cross_row_rules = import_module("clauses.migrations.0002_cross_row_rules")


def tie_positions_to_sources(apps, schema_editor):
    from clauses.services.sources import (
        positions_to_sources,
        report_texts,
        report_texts_attach,
    )

    source_model = apps.get_model("sources", "Source")
    position_model = apps.get_model("clauses", "Position")
    history_model = apps.get_model("sources", "HistoricalSource")
    positions_to_sources(source_model, position_model, history_model=history_model)
    report_texts_attach(
        source_model,
        position_model,
        report_texts(),
        reason="Text of the report kept beside the repository, every quote found in it",
        history_model=history_model,
    )


def untie_positions(apps, schema_editor):
    apps.get_model("clauses", "Position").objects.update(source=None)


class Migration(migrations.Migration):

    dependencies = [
        ('clauses', '0011_corrections'),
        ('sources', '0002_history_append_only'),
    ]

    operations = [
        migrations.RunPython(cross_row_rules.remove_triggers, cross_row_rules.install_triggers),
        migrations.AddField(
            model_name='historicalposition',
            name='quote_check',
            field=models.CharField(choices=[('checked', 'checked against the source'), ('not_checked', 'not checked'), ('paraphrase', 'paraphrase')], db_default='not_checked', default='not_checked', help_text="checked: the quote is verbatim in the source's text; not_checked: the source has no text recorded; paraphrase: no quote, the summary is the editor's.", max_length=12),
        ),
        migrations.AddField(
            model_name='historicalposition',
            name='source',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The recorded source the quote is from; its title and URL are the position's source title and URL.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='sources.source'),
        ),
        migrations.AddField(
            model_name='historicalposition',
            name='stated_on_precision',
            field=models.CharField(choices=[('day', 'day'), ('month', 'month')], db_default='day', default='day', help_text='day or month: a date known to the month is stored as its first day.', max_length=5),
        ),
        migrations.AddField(
            model_name='position',
            name='quote_check',
            field=models.CharField(choices=[('checked', 'checked against the source'), ('not_checked', 'not checked'), ('paraphrase', 'paraphrase')], db_default='not_checked', default='not_checked', help_text="checked: the quote is verbatim in the source's text; not_checked: the source has no text recorded; paraphrase: no quote, the summary is the editor's.", max_length=12),
        ),
        migrations.AddField(
            model_name='position',
            name='source',
            field=models.ForeignKey(blank=True, help_text="The recorded source the quote is from; its title and URL are the position's source title and URL.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='positions', to='sources.source'),
        ),
        migrations.AddField(
            model_name='position',
            name='stated_on_precision',
            field=models.CharField(choices=[('day', 'day'), ('month', 'month')], db_default='day', default='day', help_text='day or month: a date known to the month is stored as its first day.', max_length=5),
        ),
        migrations.RunPython(cross_row_rules.install_triggers, cross_row_rules.remove_triggers),
        migrations.RunPython(tie_positions_to_sources, untie_positions),
    ]
