"""Load the seed data of fixtures/ and leave a history row for everything it created.

``loaddata`` writes no history by itself, so after loading, one history row per loaded
object is written in bulk, attributed to the seed with its source as the change reason.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clauses.selectors import plans_exist
from clauses.services.seed import seed_load
from parties.services import party_aliases_load_starting

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seed.json"
NOT_EMPTY = "The database already holds plans: the seed loads only into an empty database."
ALIASES_REASON = "Starting alias table shipped with the app (parties/starting_aliases.py)"
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
        if plans_exist():
            # The fixture has fixed primary keys: loading it over existing data would
            # overwrite editors' records.
            if if_empty:
                self.stdout.write("The database already holds plans; seed not loaded.")
                return
            raise CommandError(NOT_EMPTY)
        created = seed_load(SEED_FIXTURE, reason=SEED_REASON)
        # Who speaks for the seed's parties, for statements proposed from reports.
        created += party_aliases_load_starting(user=None, summary=ALIASES_REASON)
        self.stdout.write(self.style.SUCCESS(f"Seed loaded: {created} records, each with history."))
