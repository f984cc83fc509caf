"""The full-text index on the passages, each database its own.

SQLite: an FTS5 table over ``search_passage.text`` (external content: the text is stored
once, in the passages), its words cut by ``unicode61`` with the accents of Latin letters
dropped (``remove_diacritics 2``: "cafe" finds "café"), kept in step by triggers on every
insert, update and delete of a passage.

PostgreSQL: a generated ``tsvector`` column holding the words of three dictionaries at
once, ``simple`` (every word as written, lower-cased: Ukrainian and any other language),
``english`` and ``russian`` (their stems), under a GIN index. A query is matched in each
dictionary (search/selectors.py), so "guarantees" finds "guarantee" and "гарантии" finds
"гарантия", while Ukrainian words are found as typed.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_passage_fts USING fts5(
        text, content='search_passage', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_passage_fts_insert AFTER INSERT ON search_passage BEGIN
        INSERT INTO search_passage_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER search_passage_fts_delete AFTER DELETE ON search_passage BEGIN
        INSERT INTO search_passage_fts(search_passage_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER search_passage_fts_update AFTER UPDATE ON search_passage BEGIN
        INSERT INTO search_passage_fts(search_passage_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO search_passage_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    # Passages written before this migration (none on a fresh database).
    "INSERT INTO search_passage_fts(search_passage_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_passage_fts_update",
    "DROP TRIGGER IF EXISTS search_passage_fts_delete",
    "DROP TRIGGER IF EXISTS search_passage_fts_insert",
    "DROP TABLE IF EXISTS search_passage_fts",
]

POSTGRESQL_FORWARD = [
    """
    ALTER TABLE search_passage ADD COLUMN document tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, text)
        || to_tsvector('english'::regconfig, text)
        || to_tsvector('russian'::regconfig, text)
    ) STORED
    """,
    "CREATE INDEX search_passage_document_idx ON search_passage USING gin (document)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_passage_document_idx",
    "ALTER TABLE search_passage DROP COLUMN IF EXISTS document",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]
