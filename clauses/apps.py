from django.apps import AppConfig


class ClausesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clauses"
    verbose_name = "Plans and clauses"

    def ready(self):
        from clauses.services.fingerprints import party_renamed
        from parties.signals import party_slug_changed

        party_slug_changed.connect(party_renamed, dispatch_uid="clauses.party_renamed")
