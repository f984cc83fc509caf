"""``manage.py rebuild_search_index``: empty the search index and index every plan again.

Writes keep the index current by themselves (search/services.py); run this after loading
data by other means (a restore, raw SQL) or to be sure.
"""

import time

from django.core.management.base import BaseCommand

from search.services import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text search index of every plan."

    def handle(self, *args, **options):
        started = time.perf_counter()
        plans = index_rebuild()
        self.stdout.write(
            f"Search index rebuilt: {plans} plan{'s' if plans != 1 else ''} "
            f"in {time.perf_counter() - started:.1f} s."
        )
