from django.apps import AppConfig


class ClausesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clauses"
    verbose_name = "Plans and clauses"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core.accounts import editors_may_write

        post_migrate.connect(
            editors_may_write("plan", "revision", "clause", "clauseversion", "position"),
            sender=self,
            weak=False,
            dispatch_uid="clauses.editors_may_write",
        )
        from clauses.services.fingerprints import party_renamed
        from parties.signals import party_slug_changed

        party_slug_changed.connect(party_renamed, dispatch_uid="clauses.party_renamed")
