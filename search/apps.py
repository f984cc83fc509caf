from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Full-text search"

    def ready(self):
        # The index follows every write that bumps a plan's change stamp (clauses/stamps.py).
        from clauses.stamps import records_written
        from search.receivers import records_written_received

        records_written.connect(records_written_received, dispatch_uid="search-index")
