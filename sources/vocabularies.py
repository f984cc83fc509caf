"""The sources' vocabularies (Django TextChoices: no database)."""

from django.db import models


class SourceKind(models.TextChoices):
    NEWS_REPORT = "news_report", "news report"
    OFFICIAL_TEXT = "official_text", "official text"
    TRANSCRIPT = "transcript", "transcript"
    STATEMENT = "statement", "statement"


class DatePrecision(models.TextChoices):
    """How much of a date is known: a month is stored as its first day."""

    DAY = "day", "day"
    MONTH = "month", "month"


class Language(models.TextChoices):
    """ISO 639-1 codes of the languages a source is in."""

    EN = "en", "English"
    UK = "uk", "Ukrainian"
    RU = "ru", "Russian"
    DE = "de", "German"
    FR = "fr", "French"
    ES = "es", "Spanish"
    IT = "it", "Italian"
    PL = "pl", "Polish"
    TR = "tr", "Turkish"
    AR = "ar", "Arabic"
    ZH = "zh", "Chinese"
    OTHER = "other", "another language"


class QuoteCheck(models.TextChoices):
    """Whether a position's quote was found verbatim in its source's text."""

    CHECKED = "checked", "checked against the source"
    NOT_CHECKED = "not_checked", "not checked"
    PARAPHRASE = "paraphrase", "paraphrase"


def format_date(day, precision: str) -> str:
    """A date as precise as it is known: "2025-12-03", or "December 2025" for a month."""
    if day is None:
        return ""
    if precision == DatePrecision.MONTH:
        return day.strftime("%B %Y")
    return day.isoformat()
