from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "translations"
    verbose_name = "Parallel texts"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core.accounts import editors_may_write

        post_migrate.connect(
            editors_may_write("clauseversiontranslation"),
            sender=self,
            weak=False,
            dispatch_uid="translations.editors_may_write",
        )
        from clauses.text_languages import install_reader
        from translations.languages import LANGUAGES
        from translations.selectors import reading

        install_reader(reading, list(LANGUAGES))
