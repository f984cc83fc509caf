"""PostgreSQL folds the accents of Latin letters too, as SQLite's FTS5 does
(``remove_diacritics 2``): "cafe elysee" finds "Café Élysée". The generated ``tsvector``
reads the text through ``translate()`` (immutable, so a generated column may use it; the
unaccent extension would need a superuser), which maps each accented Latin letter of
Latin-1 and Latin Extended-A/B to its base letter; search/query.py folds a query's words
with the same table (``LATIN_ACCENTED``, ``LATIN_PLAIN``; a test checks both agree).
Nothing changes on SQLite.
"""

from django.db import migrations

# Frozen here as the migration wrote them.
ACCENTED = (
    "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆ"
    "ćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő"
    "ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛ"
    "ǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯ"
    "ȰȱȲȳ"
)
PLAIN = (
    "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaC"
    "cCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOo"
    "RrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuU"
    "uAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOo"
    "OoYy"
)


def _document(text: str) -> str:
    return (
        f"to_tsvector('simple'::regconfig, {text}) "
        f"|| to_tsvector('english'::regconfig, {text}) "
        f"|| to_tsvector('russian'::regconfig, {text})"
    )


FOLDED = f"translate(text, '{ACCENTED}', '{PLAIN}')"

FORWARD = [
    "DROP INDEX IF EXISTS search_passage_document_idx",
    "ALTER TABLE search_passage DROP COLUMN IF EXISTS document",
    f"ALTER TABLE search_passage ADD COLUMN document tsvector GENERATED ALWAYS AS "
    f"({_document(FOLDED)}) STORED",
    "CREATE INDEX search_passage_document_idx ON search_passage USING gin (document)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_passage_document_idx",
    "ALTER TABLE search_passage DROP COLUMN IF EXISTS document",
    f"ALTER TABLE search_passage ADD COLUMN document tsvector GENERATED ALWAYS AS "
    f"({_document('text')}) STORED",
    "CREATE INDEX search_passage_document_idx ON search_passage USING gin (document)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
