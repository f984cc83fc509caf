from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class ClausesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clauses"
    verbose_name = "Plans and clauses"

    def ready(self):
        from . import append_only, authorship

        connection_created.connect(append_only.register_sqlite_switch)
        post_migrate.connect(append_only.ensure_guards, sender=self)
        authorship.connect()
