"""A source's fields, declared once (see core/fields.py): what the API shows of a source,
in order, and what editors may change."""

from core.fields import Declaration, Declared
from sources.models import Source

SOURCE = Declaration(
    Source,
    Declared("kind", editable=True),
    Declared("title", editable=True),
    Declared("outlet", editable=True),
    Declared("url", editable=True, help_text="Blank when none was given."),
    Declared("published_on", editable=True),
    Declared(
        "published_on_precision",
        editable=True,
        help_text="day or month: a month is stored as its first day.",
    ),
    Declared("language", editable=True, help_text="ISO 639-1 code: en, uk, ru, ..."),
    Declared("text_sha256"),
)

# What a source holds that is not declared above: its id and version, and its text, which
# the API gives only when one source is read (it may run to 200,000 characters).
NOT_DECLARED = {SOURCE: ("id", "version", "text")}
