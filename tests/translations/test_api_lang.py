"""``lang`` on the API's reads of clause texts (a revision, a clause, a clause version):
each text in the language asked for where it has one, else the original marked
``missing``; its language and status; the languages each clause version has; an unknown
code a 400 naming ``lang``; the parameter in the schema."""

import pytest
from rest_framework.test import APIClient

from tests.translations.helpers import english_revision, points_of, reword_original
from tests.translations.test_translation_pages import record

pytestmark = pytest.mark.django_db

PLAN = "/api/v1/plans/accord"
UKRAINIAN_FIRST = "Суверенітет України підтверджено."
READS = [f"{PLAN}/revisions/1/", f"{PLAN}/clauses/point-1/", f"{PLAN}/clauses/point-1/r1/"]


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def points(editor):
    """The English draft with point 1 in Ukrainian (official), point 2 in Russian
    (unofficial)."""
    revision = english_revision()
    found = points_of(revision)
    record(revision, editor, [(found[0].pk, UKRAINIAN_FIRST)])
    record(revision, editor, [(found[1].pk, "Перемирие.")], language="ru", official=False)
    return found


def versions_of(url: str, body: dict) -> list[dict]:
    """The clause versions a read answers, whatever its resource."""
    if "/revisions/" in url:
        return body["clause_versions"]
    if url.endswith("/r1/"):
        return [body]
    return body["versions"]


@pytest.mark.parametrize("url", READS)
def test_a_read_in_ukrainian_gives_the_ukrainian_text_and_its_language(api, points, url):
    response = api.get(url, {"lang": "uk"})
    assert response.status_code == 200, response.content
    first = versions_of(url, response.json())[0]
    assert first["text"] == UKRAINIAN_FIRST
    assert first["text_language"] == "uk"
    assert first["translation_status"] == "official"
    assert first["translation_stale"] is False
    assert first["languages"] == [
        {"code": "en", "name": "English", "original": True, "official": True, "stale": False},
        {"code": "uk", "name": "Українська", "original": False, "official": True, "stale": False},
    ]


@pytest.mark.parametrize("url", READS)
def test_by_default_a_read_gives_the_original_with_the_languages_it_has(api, points, url):
    first = versions_of(url, api.get(url).json())[0]
    assert first["text"] == points[0].text
    assert (first["text_language"], first["translation_status"]) == ("en", "original")
    assert [language["code"] for language in first["languages"]] == ["en", "uk"]


def test_an_untranslated_point_keeps_its_original_marked_missing(api, points):
    versions = api.get(f"{PLAN}/revisions/1/", {"lang": "uk"}).json()["clause_versions"]
    second = versions[1]
    assert second["text"] == points[1].text
    assert (second["text_language"], second["translation_status"]) == ("en", "missing")
    # It has a Russian text, unofficial, which it lists.
    assert second["languages"][1] == {
        "code": "ru",
        "name": "Русский",
        "original": False,
        "official": False,
        "stale": False,
    }


def test_a_stale_translation_is_flagged(api, points, editor):
    first = points[0]
    reword_original(first, editor)
    body = api.get(f"{PLAN}/clauses/point-1/r1/", {"lang": "uk"}).json()
    assert body["text"] == UKRAINIAN_FIRST
    assert body["translation_stale"] is True
    assert body["languages"][1]["stale"] is True


@pytest.mark.parametrize("url", READS)
@pytest.mark.parametrize("code", ["xx", "ukr", "<b>"])
def test_an_unknown_language_is_a_400_naming_lang(api, points, url, code):
    response = api.get(url, {"lang": code})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["lang"]


@pytest.mark.parametrize("url", READS)
def test_an_empty_lang_is_a_400_saying_to_leave_it_out(api, points, url):
    response = api.get(f"{url}?lang=")
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "lang" and "leave lang out" in error["message"]


def test_the_schema_documents_lang_on_each_read(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/plans/{plan}/revisions/{number}/",
        "/api/v1/plans/{plan}/clauses/{clause}/",
        "/api/v1/plans/{plan}/clauses/{clause}/r{number}/",
    ):
        parameters = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        # The enum of the site's languages, the one the diff's lang and translations use.
        assert parameters["lang"]["schema"] == {"$ref": "#/components/schemas/TextLanguageEnum"}, (
            path
        )
    assert "uk" in schema["components"]["schemas"]["TextLanguageEnum"]["enum"]
    version = schema["components"]["schemas"]["ClauseVersion"]["properties"]
    assert {"text_language", "translation_status", "translation_stale", "languages"} <= set(version)
