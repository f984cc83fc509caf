"""Search over the translations of the clause texts: each language's text is found (on
PostgreSQL by the stems of its language, where PostgreSQL has them), a hit in a translation
shows that language's passage with its language, "unofficial" and "stale" where so, and
links to the clause in that language; ``lang`` narrows the search to one language; the
index follows a translation recorded, changed or taken down."""

import importlib

import pytest
from django.db import connection

from clauses.models import ClauseVersion
from clauses.services.edits import clause_version_update
from clauses.services.takedowns import history_takedown
from search.languages import CONFIG_OF_LANGUAGE, configs_for
from tests.search.conftest import CAFE_HE, DMZ_RU, NATO_UK, translated
from translations.languages import LANGUAGES
from translations.models import ClauseVersionTranslation
from translations.services import translation_edit

pytestmark = pytest.mark.django_db

POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's stemmers; SQLite's FTS5 has none"
)


def hits(client, **params) -> list[tuple[str, str]]:
    """(clause, language) of every passage on the page, '' for the clause's own text."""
    response = client.get("/search/", params)
    assert response.status_code == 200, response.content.decode()[:500]
    return [
        (shown.group.clause_slug, hit.language)
        for shown in response.context["clauses"]
        for hit in shown.hits
    ]


def test_a_query_in_cyrillic_finds_the_ukrainian_and_the_russian_texts(client, searchable):
    assert {"uk", "ru"} <= {language for _, language in hits(client, q="НАТО")}
    assert hits(client, q="вступатиме") == [("nato", "uk")]
    assert hits(client, q="демилитаризованная") == [("dmz", "ru")]
    assert hits(client, q="השיחות") == [("talks", "he")]


@POSTGRESQL_ONLY
def test_each_language_is_read_with_its_own_stems(client, searchable):
    # Russian by the russian configuration: another case of the same word.
    assert hits(client, q="демилитаризованной") == [("dmz", "ru")]
    # Ukrainian has no configuration: read as written (simple), so only the word typed.
    assert hits(client, q="гарантії") == [("nato", "uk")]
    assert hits(client, q="гарантія") == []


@POSTGRESQL_ONLY
def test_a_search_in_one_language_finds_its_words_by_their_stems(
    client, searchable, editor, django_capture_on_commit_callbacks
):
    version = ClauseVersion.objects.get(
        clause__slug="dmz", revision__number=1, clause__plan=searchable
    )
    with django_capture_on_commit_callbacks(execute=True):
        translated(version, "de", "Die Truppe zieht sich zurück.", editor, official=False)
    # Over every language, a German word is found as written...
    assert hits(client, q="Truppe") == [("dmz", "de")]
    assert hits(client, q="Truppen") == []
    # ... and in German by its stem too.
    assert hits(client, q="Truppen", lang="de") == [("dmz", "de")]


def test_lang_narrows_the_search_to_one_language(client, searchable):
    assert hits(client, q="НАТО", lang="uk") == [("nato", "uk")]
    assert hits(client, q="НАТО", lang="ru") == [("dmz", "ru")]
    # The original's code: the clauses' own texts (here the Russian party's quote).
    own = hits(client, q="НАТО", lang="en")
    assert own and all(language == "" for _, language in own)
    assert hits(client, q="НАТО", lang="fr") == []


@pytest.mark.parametrize("path", ["/search/", "/api/v1/search/"])
def test_an_unknown_language_is_a_400_naming_lang(client, searchable, path):
    response = client.get(path, {"q": "НАТО", "lang": "xx<b>"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "lang: “xx" in body and "is no language code this site knows" in body
    if path == "/search/":
        assert "xx<b>" not in body and "xx&lt;b&gt;" in body
    else:
        assert [error["field"] for error in response.json()["errors"]] == ["lang"]


def test_a_hit_in_a_translation_is_labelled_and_links_to_its_language(client, searchable):
    body = client.get("/search/", {"q": "вступатиме"}).content.decode()
    assert "Українська, official translation" in body
    assert 'href="/plans/framework/clauses/nato/?lang=uk"' in body
    assert 'href="/plans/framework/clauses/nato/r1/?lang=uk"' in body
    assert 'href="/plans/framework/clauses/nato/r2/?lang=uk"' in body
    assert 'dir="ltr" lang="uk">Україна не <mark>вступатиме</mark>' in body
    assert "stale" not in body
    body = client.get("/search/", {"q": "демилитаризованная"}).content.decode()
    assert "Русский, unofficial translation" in body


def test_right_to_left_translations_are_marked_so(client, searchable):
    body = client.get("/search/", {"q": "השיחות"}).content.decode()
    assert '<q class="search-excerpt" dir="rtl" lang="he">' in body
    # The clause's own passages may be in any script: their direction is the text's.
    body = client.get("/search/", {"q": "venue"}).content.decode()
    assert '<q class="search-excerpt" dir="auto">' in body


def test_a_translation_made_from_an_older_wording_is_stale_in_that_revision(
    client, searchable, editor, django_capture_on_commit_callbacks
):
    version = ClauseVersion.objects.get(clause__slug="nato", revision__number=2)
    with django_capture_on_commit_callbacks(execute=True):
        clause_version_update(
            clause_version=version,
            expected_version=version.version,
            changes={"text": "Ukraine will not join NATO for twenty years."},
            user=editor,
            summary="New wording",
        )
    body = client.get("/search/", {"q": "вступатиме"}).content.decode()
    assert "⚠ stale: made before the original's wording changed (r2)" in body
    (clause,) = client.get("/api/v1/search/", {"q": "вступатиме"}).json()["results"]
    (passage,) = clause["passages"]
    assert [(r["number"], r["official"], r["stale"]) for r in passage["revisions"]] == [
        (1, True, False),
        (2, True, True),
    ]


def test_the_api_gives_each_passage_its_language_and_links_in_it(client, searchable):
    data = client.get("/api/v1/search/", {"q": "демилитаризованная"}).json()
    (clause,) = data["results"]
    (passage,) = clause["passages"]
    assert (passage["language"], passage["direction"], passage["text"]) == ("ru", "ltr", DMZ_RU)
    (revision,) = passage["revisions"]
    assert revision["page_url"] == "http://testserver/plans/framework/clauses/dmz/r2/?lang=ru"
    assert (revision["official"], revision["stale"]) == (False, False)
    own = client.get("/api/v1/search/", {"q": "Kremlin"}).json()["results"][0]["passages"][0]
    assert (own["language"], own["direction"]) == (None, "auto")
    assert own["revisions"][0]["official"] is None
    data = client.get("/api/v1/search/", {"q": "השיחות"}).json()
    assert data["results"][0]["passages"][0]["direction"] == "rtl"
    assert data["results"][0]["passages"][0]["text"] == CAFE_HE


def test_the_index_follows_a_translation_recorded_changed_and_taken_down(
    client, searchable, editor, django_capture_on_commit_callbacks
):
    hits(client, q="zone")  # index everything
    version = ClauseVersion.objects.get(clause__slug="plant", revision__number=2)
    with django_capture_on_commit_callbacks(execute=True):
        translated(version, "de", "Das Kernkraftwerk Saporischschja.", editor, official=True)
    assert hits(client, q="Saporischschja") == [("plant", "de")]
    row = ClauseVersionTranslation.objects.get(language="de")
    with django_capture_on_commit_callbacks(execute=True):
        translation_edit(
            row,
            expected_version=row.version,
            changes={"text": "Das Atomkraftwerk Saporischschja unter Aufsicht."},
            user=editor,
            summary="Better wording",
        )
    assert hits(client, q="Atomkraftwerk") == [("plant", "de")]
    assert hits(client, q="Kernkraftwerk") == []
    with django_capture_on_commit_callbacks(execute=True):
        history_takedown(record=row, reason="Court order 2", operator="ops")
    assert hits(client, q="Saporischschja") == []
    assert hits(client, q="вступатиме") == [("nato", "uk")]  # the others stay


def test_a_translation_carried_over_is_stored_once(client, searchable):
    from search.models import Occurrence, Passage

    hits(client, q="zone")
    (passage,) = Passage.objects.filter(text=NATO_UK)
    assert passage.language == "uk"
    assert Occurrence.objects.filter(passage=passage).count() == 2


def test_the_configurations_are_the_migrations_and_postgresqls():
    migration = importlib.import_module("search.migrations.0004_passage_language")
    assert migration.CONFIG_OF_LANGUAGE == CONFIG_OF_LANGUAGE
    assert set(CONFIG_OF_LANGUAGE) <= set(LANGUAGES)
    assert configs_for("uk") == ("simple",)
    assert configs_for("ru") == ("simple", "russian")
    assert configs_for(None) == configs_for("") == ("simple", "english", "russian")


@POSTGRESQL_ONLY
def test_postgresql_has_every_configuration_named():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        known = {row[0] for row in cursor.fetchall()}
    assert {"simple", "english", "russian", *CONFIG_OF_LANGUAGE.values()} <= known
