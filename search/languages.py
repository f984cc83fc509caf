"""The languages of the passages, and the PostgreSQL text search configurations each is
read with (pure data).

A passage of the record itself (a clause's text or title, a position's summary, quote,
demand or source title) has no language of its own on file: clause texts are recorded in
the site's original language, while quotes and demands are often in the party's. It is
read with ``ORIGINAL_CONFIGS`` at once, so an English word is found by its stem
("guarantees" finds "guarantee"), a Russian one too ("гарантии" finds "гарантия"), and a
word of any other language as written. A translation (translations/) is in one language:
it is read as written (``simple``, which keeps every word, Ukrainian ones too) and, where
PostgreSQL has a configuration for the language, with that configuration's stems.

A query over every language is matched in ``ORIGINAL_CONFIGS``: a translation is found by
its words as written, and by their English or Russian stems where it is in either. A
query in one language (``lang=de``) is matched in that language's configurations, so its
stems find a German translation too. Matching in every configuration at once would cost
the index its use: PostgreSQL's planner, seeing a query of fifteen alternatives, reads
every passage instead (290 ms rather than 6 ms for a rare word at 500 x 10 x 50).

Every passage is folded first (the accents of Latin letters dropped: search/query.py).
SQLite's FTS5 reads every passage alike (``unicode61``): it has no stemmer to choose.

The index's generated column froze ``CONFIG_OF_LANGUAGE`` as the migration wrote it
(search/migrations/0004_passage_language.py); a test checks the two agree.
"""

# ``Passage.language`` of the record's own passages; a translation's holds its code.
ORIGINAL = ""

SIMPLE = "simple"
ORIGINAL_CONFIGS = (SIMPLE, "english", "russian")

# The languages of translations/languages.py that PostgreSQL (13 and later) has a
# configuration for; the others (Ukrainian, Belarusian, Polish, Czech, Hebrew, Persian,
# Chinese...) are read with ``simple`` alone.
CONFIG_OF_LANGUAGE = {
    "ar": "arabic",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "nl": "dutch",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}


def configs_for(language: str | None) -> tuple[str, ...]:
    """The configurations a query is matched in: those that read the passages of
    ``language`` (``ORIGINAL`` for the record's own), or, for None (every language), the
    originals' (see above)."""
    if language is None or language == ORIGINAL:
        return ORIGINAL_CONFIGS
    config = CONFIG_OF_LANGUAGE.get(language)
    return (SIMPLE, config) if config else (SIMPLE,)
