"""The index holds the clause versions' translations too, each passage with its language.

On PostgreSQL the generated ``tsvector`` reads a passage with the configurations that fit
its language (search/languages.py, frozen here as ``CONFIG_OF_LANGUAGE``): the record's own
passages (``language`` '') as before, with ``simple``, ``english`` and ``russian``; a
translation with ``simple`` and its language's configuration, or ``simple`` alone where
PostgreSQL has none (Ukrainian among them). Each reads the text folded as migration 0003
folds it.

SQLite's FTS5 table reads every passage alike, but SQLite adds the new column by copying
the table, which drops the triggers that keep FTS5 in step (migration 0002): they are
created again where they are gone, after the copy either way.

A passage already indexed is the record's own (the index held nothing else), so the
default '' is its language.
"""

import importlib

from django.db import migrations, models

_fulltext = importlib.import_module("search.migrations.0002_fulltext")
_folding = importlib.import_module("search.migrations.0003_latin_accents_folded")

# Frozen here as the migration wrote it (search.languages.CONFIG_OF_LANGUAGE).
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

FOLDED = _folding.FOLDED


def _vector(config: str) -> str:
    return f"to_tsvector('{config}'::regconfig, {FOLDED})"


def _document() -> str:
    """Every word as written, then the stems of the passage's language(s)."""
    by_language = [
        f"WHEN '' THEN {_vector('english')} || {_vector('russian')}",
        *(
            f"WHEN '{code}' THEN {_vector(config)}"
            for code, config in sorted(CONFIG_OF_LANGUAGE.items())
        ),
    ]
    return f"{_vector('simple')} || CASE language {' '.join(by_language)} ELSE ''::tsvector END"


FORWARD = [
    "DROP INDEX IF EXISTS search_passage_document_idx",
    "ALTER TABLE search_passage DROP COLUMN IF EXISTS document",
    f"ALTER TABLE search_passage ADD COLUMN document tsvector GENERATED ALWAYS AS "
    f"({_document()}) STORED",
    "CREATE INDEX search_passage_document_idx ON search_passage USING gin (document)",
]
# The translations' passages go with the columns that tell them apart (on both databases),
# and PostgreSQL's column is migration 0003's again.
FORGOTTEN = [
    "DELETE FROM search_occurrence WHERE translation_id IS NOT NULL",
    "DELETE FROM search_passage WHERE language <> ''",
]


# IF NOT EXISTS: dropping a column may copy the table or not (SQLite's version decides).
SQLITE_TRIGGERS = [
    *(
        statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS")
        for statement in _fulltext.SQLITE_FORWARD
        if "CREATE TRIGGER" in statement
    ),
    "INSERT INTO search_passage_fts(search_passage_fts) VALUES ('rebuild')",
]


def sqlite_triggers_created(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)
    sqlite_triggers_created(apps, schema_editor)


def backward(apps, schema_editor):
    for statement in FORGOTTEN:
        schema_editor.execute(statement)
    if schema_editor.connection.vendor == "postgresql":
        for statement in _folding.FORWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_latin_accents_folded")]

    operations = [
        # Undone last: the triggers again once the columns are gone (the table copied).
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers_created),
        migrations.AddField(
            model_name="occurrence",
            name="translation_id",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="passage",
            name="language",
            field=models.CharField(blank=True, default="", max_length=8),
        ),
        migrations.AddIndex(
            model_name="occurrence",
            index=models.Index(fields=["translation_id"], name="search_occurrence_trans_idx"),
        ),
        migrations.RunPython(forward, backward),
    ]
