from django.apps import AppConfig


class ClausesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clauses"
    verbose_name = "Plans and clauses"
