"""POST /api/v1/statements/proposals/: a report's text (or a stored source) in, proposals
out; nothing written."""

import pytest

from clauses.models import Position
from parties.models import PartyAlias
from sources.models import Source
from sources.text import MAX_TEXT
from statements.api import HTML_STRIPPED_NOTICE
from statements.forms import EMPTY_TEXT

pytestmark = pytest.mark.django_db

URL = "/api/v1/statements/proposals/"
TEXT = (
    "Zelenskyy reiterated that the decision on NATO membership rests with alliance members. "
    "“We are studying the document carefully,” Peskov said."
)


def post(client, **body):
    return client.post(URL, {"plan": "ukraine-peace-framework", **body}, format="json")


def test_proposals_from_a_text_write_nothing(seeded, editor_api):
    before = (Source.objects.count(), Position.objects.count(), PartyAlias.objects.count())
    response = post(editor_api, text=TEXT)
    assert response.status_code == 200
    body = response.json()
    assert body["language"] == "en" and body["message"] == "" and body["notices"] == []
    assert [(p["quote"], p["party"], p["kind"]) for p in body["proposals"]] == [
        ("the decision on NATO membership rests with alliance members", "ukraine", "reported"),
        ("We are studying the document carefully", "russia", "direct"),
    ]
    first = body["proposals"][0]
    assert "nato-membership" in [c["clause"] for c in first["clauses"]]
    assert first["stance"] == "unknown" and first["stated_on"] is None
    after = (Source.objects.count(), Position.objects.count(), PartyAlias.objects.count())
    assert after == before


def test_proposals_from_a_stored_source(seeded, editor_api, editor):
    source = Source.objects.create(title="Stored", text=TEXT, language="en")
    response = post(editor_api, source=source.pk)
    assert response.status_code == 200
    assert response.json()["source"] == source.pk
    assert len(response.json()["proposals"]) == 2


@pytest.mark.parametrize(
    ("body", "status", "field", "message"),
    [
        ({"text": "  "}, 400, "text", EMPTY_TEXT),
        ({"source": 99999}, 404, None, "There is no source 99999"),
        ({"text": "x", "source": 1}, 400, "text", "not both"),
        ({"text": TEXT, "colour": "red"}, 400, "colour", ""),
        ({"text": TEXT, "language": "fr"}, 400, "language", ""),
    ],
)
def test_bad_input_is_a_clear_4xx(seeded, editor_api, body, status, field, message):
    response = post(editor_api, **body)
    assert response.status_code == status
    text = str(response.json())
    assert message in text
    if field:
        assert field in text


def test_an_unknown_plan_is_404(seeded, editor_api):
    response = editor_api.post(URL, {"plan": "nope", "text": TEXT}, format="json")
    assert response.status_code == 404
    assert "nope" in str(response.json())


def test_another_language_names_the_languages_read(seeded, editor_api):
    response = post(
        editor_api, text="Le président a déclaré que la paix est possible avec des garanties."
    )
    assert response.status_code == 200
    assert response.json()["proposals"] == []
    assert "English, Ukrainian, Russian" in response.json()["message"]


def test_html_is_stripped_with_a_notice(seeded, editor_api):
    response = post(editor_api, text=f"<div><p>{TEXT}</p></div>")
    assert response.json()["notices"] == [HTML_STRIPPED_NOTICE]
    assert len(response.json()["proposals"]) == 2


def test_a_text_over_the_limit_is_413(seeded, editor_api):
    response = post(editor_api, text="a" * (MAX_TEXT + 1))
    assert response.status_code == 413
    assert "200,000" in str(response.json())


def test_only_editors(seeded, client, analyst):
    from rest_framework.test import APIClient

    assert APIClient().post(URL, {"plan": "x", "text": TEXT}, format="json").status_code == 401
    reader = APIClient()
    reader.force_authenticate(analyst)
    assert reader.post(URL, {"plan": "x", "text": TEXT}, format="json").status_code == 403


def test_in_the_schema(client, db):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/statements/proposals/"]["post"]
    assert "413" in operation["responses"]
    # A text or a stored source, never both nor neither: the schema says so.
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    component = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    assert [branch["required"] for branch in component["oneOf"]] == [["text"], ["source"]]


def test_the_cost_does_not_grow_with_the_text(seeded, editor_api, django_assert_num_queries):
    # The token with its user, the user's and the groups' permissions (2), the plan, the
    # current revision, its clause versions, the parties, the alias table.
    for text in (TEXT, "\n".join([TEXT] * 20)):
        with django_assert_num_queries(8):
            assert post(editor_api, text=text).status_code == 200
