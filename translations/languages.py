"""The languages a clause text may be recorded in: ISO 639-1 codes, each named in its own
script, and the direction it is written in. Pure data: the model's choices, the forms, the
API and the pages' ``?lang=`` all read this one list.
"""

from typing import NamedTuple


class Language(NamedTuple):
    code: str
    name: str  # in its own script, as its readers look for it
    direction: str  # "ltr" or "rtl"


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "ltr"),
        Language("uk", "Українська", "ltr"),
        Language("ru", "Русский", "ltr"),
        Language("be", "Беларуская", "ltr"),
        Language("pl", "Polski", "ltr"),
        Language("de", "Deutsch", "ltr"),
        Language("fr", "Français", "ltr"),
        Language("es", "Español", "ltr"),
        Language("it", "Italiano", "ltr"),
        Language("pt", "Português", "ltr"),
        Language("nl", "Nederlands", "ltr"),
        Language("ro", "Română", "ltr"),
        Language("hu", "Magyar", "ltr"),
        Language("cs", "Čeština", "ltr"),
        Language("sk", "Slovenčina", "ltr"),
        Language("fi", "Suomi", "ltr"),
        Language("sv", "Svenska", "ltr"),
        Language("et", "Eesti", "ltr"),
        Language("lv", "Latviešu", "ltr"),
        Language("lt", "Lietuvių", "ltr"),
        Language("ka", "ქართული", "ltr"),
        Language("tr", "Türkçe", "ltr"),
        Language("zh", "中文", "ltr"),
        Language("ja", "日本語", "ltr"),
        Language("ar", "العربية", "rtl"),
        Language("fa", "فارسی", "rtl"),
        Language("he", "עברית", "rtl"),
    )
}

CHOICES = [(language.code, f"{language.name} ({language.code})") for language in LANGUAGES.values()]

UNKNOWN_LANGUAGE = (
    "lang: “{code}” is no language code this site knows. Give an ISO 639-1 code such as {examples}."
)


def unknown_language(code: str) -> str:
    examples = ", ".join(list(LANGUAGES)[:3])
    return UNKNOWN_LANGUAGE.format(code=code, examples=examples)


def language(code: str) -> Language | None:
    return LANGUAGES.get(code)


def direction(code: str) -> str:
    found = LANGUAGES.get(code)
    return found.direction if found else "ltr"
