"""The seed data, loaded with its history (``loaddata`` writes none by itself)."""

from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

from clauses.services.fingerprints import fingerprints_refresh_all
from clauses.services.sources import report_texts, report_texts_attach


def seed_load(fixture: Path, *, reason: str, reports: list[str] | None = None) -> int:
    """Load ``fixture`` and write one history row per object it holds, in bulk per model,
    with ``reason`` as the change reason (``loaddata`` writes no history by itself). One
    transaction; returns the number of records.

    The fixture records its sources without their texts (third-party reports the project
    does not publish): a report of ``reports`` (by default those kept beside the
    repository, ../shared/sources/) in which every quote of a source is verbatim becomes
    that source's text, its quotes checked; without it they stay "not checked"."""
    with transaction.atomic():
        call_command("loaddata", str(fixture), verbosity=0)
        report_texts_attach(
            apps.get_model("sources", "Source"),
            apps.get_model("clauses", "Position"),
            report_texts() if reports is None else reports,
            reason=None,
        )
        pks_by_model: dict[type, list] = {}
        with fixture.open(encoding="utf-8") as stream:
            for deserialized in serializers.deserialize("json", stream):
                model = type(deserialized.object)
                pks_by_model.setdefault(model, []).append(deserialized.object.pk)
        total = 0
        for model, pks in pks_by_model.items():
            model = apps.get_model(model._meta.label)
            objects = list(model._default_manager.filter(pk__in=pks))
            model.history.bulk_history_create(objects, default_change_reason=reason)
            total += len(objects)
        fingerprints_refresh_all()
    return total
