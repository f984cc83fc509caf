from django.apps import AppConfig


class PartiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "parties"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core.accounts import editors_may_write

        post_migrate.connect(
            editors_may_write("partyalias"),
            sender=self,
            weak=False,
            dispatch_uid="parties.editors_may_write",
        )
