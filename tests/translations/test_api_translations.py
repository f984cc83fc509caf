"""``/api/v1/translations/``: the list filtered by plan, revision and language; a point's text
recorded in a language, with the checks of the paste form; in the schema."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.translations.helpers import english_revision, points_of
from translations.models import ClauseVersionTranslation
from translations.services import TranslatedPoint, translations_record

pytestmark = pytest.mark.django_db

URL = "/api/v1/translations/"


def fields_of(response) -> list[str]:
    """The fields a 400 names."""
    return [error["field"] for error in response.json()["errors"]]


def body(**changes):
    return {
        "plan": "accord",
        "revision": 1,
        "clause": "point-4",
        "language": "uk",
        "text": "Україна не вступає до НАТО.",
        "official": True,
        "edit_summary": "Official Ukrainian text of point 4",
        **changes,
    }


def record(revision, user, language, points):
    translations_record(
        revision=revision,
        language=language,
        points=[TranslatedPoint(p.pk, f"{language} {p.number}") for p in points],
        official=False,
        user=user,
        summary="Recorded",
    )


def test_an_editor_records_a_point_in_a_language(editor_api, editor):
    revision = english_revision()
    response = editor_api.post(URL, body(), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert {k: data[k] for k in ("plan", "revision", "clause", "number", "language")} == {
        "plan": "accord",
        "revision": 1,
        "clause": "point-4",
        "number": "4",
        "language": "uk",
    }
    assert data["text"] == "Україна не вступає до НАТО."
    assert data["official"] is True and data["stale"] is False
    assert data["direction"] == "ltr" and data["language_name"] == "Українська"
    assert response["ETag"] == data["etag"]
    row = ClauseVersionTranslation.objects.get()
    assert row.clause_version == points_of(revision)[3]
    assert row.history.get().history_change_reason == "Official Ukrainian text of point 4"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"language": "en"}, "language"),  # the originals'
        ({"language": "xx"}, "language"),
        ({"clause": "nothing"}, "clause"),
        ({"revision": 9}, "clause"),
        ({"text": ""}, "text"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(editor_api, changes, field):
    english_revision()
    response = editor_api.post(URL, body(**changes), format="json")
    assert response.status_code == 400
    assert field in fields_of(response)
    assert not ClauseVersionTranslation.objects.exists()


def test_a_second_text_in_the_language_is_refused(editor_api):
    english_revision()
    assert editor_api.post(URL, body(), format="json").status_code == 201
    again = editor_api.post(URL, body(text="Інакше."), format="json")
    assert again.status_code == 400
    assert fields_of(again) == ["language"]


def test_writes_need_an_editor(analyst):
    english_revision()
    anonymous = APIClient()
    assert anonymous.post(URL, body(), format="json").status_code == 401
    analyst_api = APIClient()
    analyst_api.force_authenticate(analyst)
    assert analyst_api.post(URL, body(), format="json").status_code == 403


def test_the_list_by_plan_revision_and_language(client, editor):
    revision = english_revision()
    other = english_revision(slug="other")
    record(revision, editor, "uk", points_of(revision)[:3])
    record(revision, editor, "ru", points_of(revision)[:1])
    record(other, editor, "uk", points_of(other)[:2])
    everything = client.get(URL).json()
    assert everything["count"] == 6
    ukrainian = client.get(URL, {"plan": "accord", "language": "uk"}).json()["results"]
    assert [(r["plan"], r["number"], r["language"]) for r in ukrainian] == [
        ("accord", "1", "uk"),
        ("accord", "2", "uk"),
        ("accord", "3", "uk"),
    ]
    assert client.get(URL, {"plan": "accord", "revision": 1}).json()["count"] == 4


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"language": "xx"}, "language"),
        ({"language": ""}, "language"),  # sent empty: not read as no filter
        ({"plan": ""}, "plan"),
        ({"revision": "1"}, "revision"),  # without its plan
        ({"plan": "accord", "revision": "one"}, "revision"),
        ({"lang": "uk"}, "lang"),  # not a parameter of this list
    ],
)
def test_bad_filters_are_a_400_naming_them(client, query, field):
    english_revision()
    response = client.get(URL, query)
    assert response.status_code == 400
    assert fields_of(response) == [field]


@pytest.mark.parametrize("size", [2, 8])
def test_the_list_costs_the_same_whatever_its_length(
    client, editor, size, django_assert_num_queries
):
    revision = english_revision(clauses=size)
    record(revision, editor, "uk", points_of(revision))
    client.get(URL)
    cache.clear()  # else the anonymous read is answered from the page cache
    # The stamp of every plan and party; the count; the page of translations with their
    # clause version, clause, revision and plan.
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert response.json()["count"] == size


def test_in_the_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operations = schema["paths"]["/api/v1/translations/"]
    assert {"get", "post"} <= set(operations)
    assert {p["name"] for p in operations["get"]["parameters"]} >= {"plan", "revision", "language"}


def test_a_recorded_source_by_its_id(editor_api):
    from sources.models import Source

    source = Source.objects.create(title="Kyiv Independent", language="en")
    english_revision()
    response = editor_api.post(URL, body(source_id=source.pk), format="json")
    assert response.status_code == 201
    assert response.json()["source_id"] == source.pk
    missing = editor_api.post(URL, body(clause="point-5", source_id=source.pk + 99), format="json")
    assert missing.status_code == 400
    assert fields_of(missing) == ["source_id"]
