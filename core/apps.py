from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every app uses and that knows no domain: tracked records and their history,
    change stamps, conditional reads, exports, the API's shared pieces, accounts."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import append_only, authorship

        connection_created.connect(append_only.register_sqlite_switch)
        # Sent once per app with models: the guard is put on the history tables of an app
        # right after that app's migrations (and after the test suite's flushes).
        post_migrate.connect(append_only.ensure_guards, dispatch_uid="core.history_guards")
        authorship.connect()
