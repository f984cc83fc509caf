"""Load the seed data of fixtures/ and leave a history row for everything it created.

``loaddata`` writes no history by itself, so after loading, one history row per loaded
object is written in bulk, attributed to the seed with its source as the change reason.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clauses.models import Plan

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seed.json"
NOT_EMPTY = "The database already holds plans: the seed loads only into an empty database."
SEED_REASON = "Seed data from fixtures/seed.json (taken from the cited news report)"


class Command(BaseCommand):
    help = "Load the seed plan, parties, clauses and positions, with history."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds a plan (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if Plan.objects.exists():
            # The fixture has fixed primary keys: loading it over existing data would
            # overwrite editors' records.
            if if_empty:
                self.stdout.write("The database already holds plans; seed not loaded.")
                return
            raise CommandError(NOT_EMPTY)
        with transaction.atomic():
            call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
            created = write_seed_history(SEED_FIXTURE)
        self.stdout.write(self.style.SUCCESS(f"Seed loaded: {created} records, each with history."))


def write_seed_history(fixture: Path) -> int:
    """One history row per object of the fixture, written in bulk per model."""
    pks_by_model: dict[type, list] = {}
    with fixture.open(encoding="utf-8") as stream:
        for deserialized in serializers.deserialize("json", stream):
            model = type(deserialized.object)
            pks_by_model.setdefault(model, []).append(deserialized.object.pk)
    total = 0
    for model, pks in pks_by_model.items():
        model = apps.get_model(model._meta.label)
        objects = list(model._default_manager.filter(pk__in=pks))
        model.history.bulk_history_create(objects, default_change_reason=SEED_REASON)
        total += len(objects)
    return total
