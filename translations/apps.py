from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "translations"
    verbose_name = "Parallel texts"

    def ready(self):
        from clauses.text_languages import install_reader
        from translations.selectors import reading

        install_reader(reading)
