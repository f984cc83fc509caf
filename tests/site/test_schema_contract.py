"""The OpenAPI schema states what the server accepts and answers, so that a generated
client or a fuzzer is not misled: each bound the server keeps, the schema keeps too."""

import re

import pytest

from clauses.models import Revision
from clauses.services import revision_clone
from core.api.etag import etag_for
from tests.editing_helpers import NEXT_DRAFT, make_plan

pytestmark = pytest.mark.django_db

DIFF = "/api/v1/plans/{plan}/revisions/{number}/diff/"
POSITIONS = "/api/v1/positions/"


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def parameter(schema, path, name, method="get"):
    operation = schema["paths"][path][method]
    return next(p for p in operation["parameters"] if p["name"] == name)


def component(schema, name):
    return schema["components"]["schemas"][name]


def test_against_is_a_revision_number_from_1(schema):
    against = parameter(schema, DIFF, "against")["schema"]
    assert against["type"] == "integer"
    assert against["minimum"] == 1
    assert against["maximum"] == 2**31 - 1


def test_the_revision_filter_is_a_number_from_1_latest_or_all(schema, client):
    stated = parameter(schema, POSITIONS, "revision")["schema"]
    number, named = stated["oneOf"]
    assert (number["type"], number["minimum"], number["maximum"]) == ("integer", 1, 2**31 - 1)
    assert named["enum"] == ["latest", "all"]
    for refused in ("", " 2", "0", "two"):
        assert client.get(POSITIONS, {"revision": refused}).status_code == 400, refused


@pytest.mark.parametrize("name", ["plan", "party"])
def test_text_filters_refuse_the_empty_string(schema, client, name):
    # The server refuses an empty or blank filter rather than reading it as "no filter".
    assert client.get(POSITIONS, {name: ""}).status_code == 400
    stated = parameter(schema, POSITIONS, name)["schema"]
    assert stated["minLength"] == 1
    assert not re.search(stated["pattern"], "  ")
    assert re.search(stated["pattern"], "russia")


def test_plan_title_is_non_blank_text(schema):
    title = component(schema, "PlanCreate")["properties"]["title"]
    assert title["type"] == "string"
    assert title["minLength"] == 1
    assert not re.search(title["pattern"], " \t")


def test_a_number_is_no_title(editor_client):
    response = editor_client.post(
        "/api/v1/plans/",
        {"title": 0, "edit_summary": "New plan"},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert [error["field"] for error in response.json()["errors"]] == ["title"]


def test_a_number_is_no_text_in_an_optional_field(editor_client):
    response = editor_client.post(
        "/api/v1/plans/",
        {"title": "A plan", "description": 12.5, "edit_summary": "New plan"},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert [error["field"] for error in response.json()["errors"]] == ["description"]


def test_a_number_is_no_text_in_a_nested_field(editor_client):
    make_plan()
    drafts = "/api/v1/plans/framework/drafts/"
    proposal = editor_client.post(
        f"{drafts}align/", {"text": NEXT_DRAFT}, content_type="application/json"
    ).json()
    points = [{"clause": point["clause"]} for point in proposal["points"]]
    points[0] = {"clause": None, "title": 7, "topic": "territory"}
    revisions = Revision.objects.count()
    response = editor_client.post(
        drafts,
        {
            "text": NEXT_DRAFT,
            "fingerprint": proposal["fingerprint"],
            "number": proposal["number"],
            "points": points,
            "edit_summary": "Next draft",
        },
        content_type="application/json",
        HTTP_IF_MATCH=proposal["if_match"],
    )
    assert response.status_code == 400, response.content
    assert [error["field"] for error in response.json()["errors"]] == ["points.0.title"]
    assert Revision.objects.count() == revisions


# What the server's edit summary rule accepts (core.api.inputs.edit_summary), and not.
SUMMARIES = {
    "Fix a typo": True,
    "  Fix a typo\n": True,  # stripped first
    " " + "x" * 300 + " ": True,
    "x" * 300: True,
    "x" * 301: False,
    "Line one\nline two": False,
    "Fix\x00": False,
    "Fix\x7f it": False,
    "Fix\x85 it": False,
    " \t": False,
}


def test_edit_summary_pattern_is_the_servers_rule(schema):
    stated = component(schema, "PlanCreate")["properties"]["edit_summary"]
    assert {
        summary: bool(re.search(stated["pattern"], summary)) for summary in SUMMARIES
    } == SUMMARIES


def test_draft_text_may_not_be_empty(schema):
    for name in ("DraftText", "DraftRecord"):
        assert component(schema, name)["properties"]["text"]["minLength"] == 1


def test_clause_text_may_not_be_blank(schema):
    text = component(schema, "PatchedClauseVersionEdit")["properties"]["text"]
    assert text["minLength"] == 1


@pytest.mark.parametrize(
    "path",
    ["/api/v1/plans/", "/api/v1/parties/{party}/", POSITIONS, DIFF],
)
def test_conditional_reads_state_304_and_their_validators(schema, path):
    operation = schema["paths"][path]["get"]
    assert "304" in operation["responses"]
    assert {"ETag", "Last-Modified"} <= set(operation["responses"]["304"]["headers"])
    assert {"ETag", "Last-Modified"} <= set(operation["responses"]["200"]["headers"])
    assert any(p["name"] == "If-None-Match" for p in operation["parameters"])


@pytest.mark.parametrize(
    "path", ["/api/v1/plans/{plan}/", "/api/v1/plans/{plan}/revisions/{number}/"]
)
def test_a_writable_records_read_states_its_tag_but_no_304(schema, path):
    # Its ETag is the record's own, for If-Match; it is never answered 304.
    operation = schema["paths"][path]["get"]
    assert "304" not in operation["responses"]
    assert {"ETag", "Last-Modified"} <= set(operation["responses"]["200"]["headers"])


def test_page_is_a_number_from_1_or_last(schema, client):
    assert client.get("/api/v1/parties/", {"page": "last"}).status_code == 200
    page = parameter(schema, "/api/v1/parties/", "page")["schema"]
    number, last = page["oneOf"]
    assert number == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
    assert last == {"type": "string", "enum": ["last"]}


def test_a_nested_part_of_a_body_refuses_a_field_it_does_not_have(schema, editor_api, editor):
    """The schema closes every part of a request body (additionalProperties: false), and
    the server refuses an unknown key there as it does at the top: never ignored."""
    plan = make_plan()
    second = revision_clone(source=plan.revisions.get(number=1), user=editor, summary="Next")
    point = component(schema, "NewPointInput")
    assert point["additionalProperties"] is False
    body = {
        "predecessor": "army-size",
        "new_successors": [
            {"number": "2a", "title": "Army in peacetime", "text": "Capped.", "colour": "red"},
        ],
        "edit_summary": "The new draft splits point 2",
    }
    response = editor_api.post(
        f"/api/v1/plans/framework/revisions/{second.number}/split/",
        body,
        format="json",
        HTTP_IF_MATCH=etag_for(second),
    )
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["new_successors.0.colour"]


def test_an_if_none_match_that_is_no_etag_is_refused_as_the_schema_states(schema, client):
    """RFC 9110's If-None-Match: * or entity tags in quotes; anything else (empty, a bare
    word) is a 400 naming the header, never read as "no match"."""
    stated = parameter(schema, POSITIONS, "If-None-Match")["schema"]["pattern"]
    etag = client.get(POSITIONS)["ETag"]
    assert re.fullmatch(stated, etag) and re.fullmatch(stated, "*")
    assert client.get(POSITIONS, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # "*" matches whatever the list is now: a read holding any answer gets 304.
    assert client.get(POSITIONS, HTTP_IF_NONE_MATCH="*").status_code == 304
    for malformed in ("", "abc", 'W/"1-1'):
        assert not re.fullmatch(stated, malformed)
        response = client.get(POSITIONS, HTTP_IF_NONE_MATCH=malformed)
        assert response.status_code == 400, malformed
        assert response.json()["errors"][0]["field"] == "If-None-Match"


def test_every_text_parameter_states_the_refusal_of_control_characters(schema, client):
    pattern = parameter(schema, POSITIONS, "party")["schema"]["pattern"]
    assert re.search(pattern, "russia") and not re.search(pattern, "rus\x01sia")
    assert client.get(POSITIONS, {"party": "rus\x01sia"}).status_code == 400
    text = component(schema, "DraftText")["properties"]["text"]["pattern"]
    assert re.search(text, "Preamble\n1. A ceasefire.")
    assert not re.search(text, "A ceasefire, with no numbered point.")


def test_a_records_read_links_to_its_writes_with_its_etag(schema):
    path = "/api/v1/plans/{plan}/clauses/{clause}/r{number}/positions/{party}/"
    links = schema["paths"][path]["get"]["responses"]["200"]["links"]
    update = links["position_update"]
    assert update["operationId"] == "position_update"
    assert update["parameters"]["header.If-Match"] == "$response.body#/etag"
    assert update["parameters"]["path.number"] == "$response.body#/revision"
