from django.apps import AppConfig


class GeneratorConfig(AppConfig):
    """Generated plans of any size, for benchmarks and for trying pages on a long
    negotiation (``manage.py generate_plan``). Kept out of the ``clauses`` core: it writes
    parties and plans together, so it depends on both apps."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "generator"
