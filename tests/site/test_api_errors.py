"""Every bad request is a 4xx with a JSON body naming the field and the problem: never a
500, and nothing half-written."""

import pytest
from django.db import IntegrityError

from clauses.models import ClauseVersion, Position
from clauses.services import edits
from core.api.exceptions import (
    AGAINST_INVALID,
    API_PATH_NOT_FOUND,
    PAGE_NOT_FOUND,
    PAGE_SIZE_INVALID,
    PARAMETER_EMPTY,
    PLAN_NOT_FOUND,
    REVISION_NOT_FOUND,
)
from core.api.inputs import EDIT_SUMMARY_FIELD
from core.api.pagination import MAX_PAGE_SIZE
from tests.factories import PlanFactory

POSITION = "/api/v1/plans/framework/clauses/dmz/r1/positions/russia/"
CLAUSE_VERSION = "/api/v1/plans/framework/clauses/dmz/r1/"
REVISION = "/api/v1/plans/framework/revisions/1/"


def assert_error(response, status, field, message=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == status
    assert field in [error["field"] for error in body["errors"]], body
    if message is not None:
        assert message in [error["message"] for error in body["errors"]], body
    return body


def write(client, url, body, *, content_type="application/json"):
    etag = client.get(url)["ETag"]
    return client.patch(url, body, content_type=content_type, HTTP_IF_MATCH=etag)


@pytest.mark.parametrize(
    ("page", "last"),
    [("2", 1), ("0", 1), ("abc", 1), ("-1", 1), ("99999999999999999999", 1), ("", 1)],
)
def test_a_bad_page_is_404_naming_page(client, position, page, last):
    response = client.get("/api/v1/positions/", {"page": page})
    assert_error(response, 404, "page", PAGE_NOT_FOUND.format(page=page, last=last))


@pytest.mark.parametrize("size", ["0", "x", str(MAX_PAGE_SIZE + 1), "-5"])
def test_a_bad_page_size_is_400_naming_page_size(client, position, size):
    response = client.get("/api/v1/plans/", {"page_size": size})
    assert_error(
        response, 400, "page_size", PAGE_SIZE_INVALID.format(maximum=MAX_PAGE_SIZE, value=size)
    )


def test_pages_and_page_size(client, db):
    for n in range(5):
        PlanFactory(slug=f"plan-{n}", title=f"Plan {n}")
    body = client.get("/api/v1/plans/", {"page_size": 2, "page": 2}).json()
    assert body["count"] == 5
    assert [p["slug"] for p in body["results"]] == ["plan-2", "plan-3"]
    assert body["next"].endswith("page=3&page_size=2")
    assert body["previous"].endswith("page_size=2")


def test_unknown_urls_are_json_404s(client, position):
    assert_error(client.get("/api/v1/plans/nope/"), 404, "plan", PLAN_NOT_FOUND.format(plan="nope"))
    assert_error(
        client.get("/api/v1/plans/framework/revisions/7/"),
        404,
        "number",
        REVISION_NOT_FOUND.format(plan="framework", number=7),
    )
    assert_error(client.get("/api/v1/plans/nope/revisions/7/"), 404, "plan")
    assert_error(client.get("/api/v1/plans/framework/clauses/nope/"), 404, "clause")
    assert_error(client.get("/api/v1/plans/framework/clauses/nope/history/"), 404, "clause")
    assert_error(client.get("/api/v1/parties/nope/"), 404, "party")
    assert_error(
        client.get("/api/v1/no/such/thing/"),
        404,
        "path",
        API_PATH_NOT_FOUND.format(path="/api/v1/no/such/thing/"),
    )
    # Not a slug, not a number: no route matches, still a JSON 404.
    assert_error(client.get("/api/v1/plans/framework/revisions/first/"), 404, "path")
    assert_error(client.get("/api/v1/plans/%C3%A9t%C3%A9/"), 404, "path")


def test_a_revision_number_beyond_the_database_range_is_404(client, position):
    assert_error(
        client.get("/api/v1/plans/framework/revisions/99999999999999999999/"), 404, "number"
    )
    assert_error(
        client.get("/api/v1/plans/framework/revisions/99999999999999999999/diff/"), 404, "number"
    )


@pytest.mark.parametrize("against", ["x", "0", "-1", "99999999999999999999"])
def test_a_bad_against_is_400(client, position, against):
    response = client.get(f"{REVISION}diff/", {"against": against})
    assert_error(response, 400, "against", AGAINST_INVALID.format(value=against))


def test_malformed_json_is_400_naming_the_body(editor_client, position):
    response = write(editor_client, POSITION, '{"stance": "supports",')
    body = assert_error(response, 400, "body")
    assert body["code"] == "parse_error"
    assert "JSON parse error" in body["detail"]


def test_a_body_that_is_not_json_is_415(editor_client, position):
    response = write(
        editor_client, POSITION, "stance=supports", content_type="application/x-www-form-urlencoded"
    )
    assert_error(response, 415, "Content-Type")


def test_a_body_that_is_not_an_object_is_400(editor_client, position):
    response = write(editor_client, POSITION, ["supports"])
    assert response.status_code == 400
    assert response.json()["errors"]


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        (POSITION, {"stance": 5}, "stance"),
        (POSITION, {"stance": "hostile"}, "stance"),
        (POSITION, {"stated_on": "yesterday"}, "stated_on"),
        (POSITION, {"source_url": "not a url"}, "source_url"),
        (POSITION, {"summary": ["a", "list"]}, "summary"),
        (CLAUSE_VERSION, {"position_in_draft": "third"}, "position_in_draft"),
        (CLAUSE_VERSION, {"position_in_draft": 99999999999}, "position_in_draft"),
        (CLAUSE_VERSION, {"text": ""}, "text"),
        (CLAUSE_VERSION, {"text": "nul \x00 byte"}, "text"),
        (CLAUSE_VERSION, {"number": "x" * 21}, "number"),
        (REVISION, {"published_on": 2025}, "published_on"),
        (REVISION, {"previous": "first"}, "previous"),
        (REVISION, {"proposed_by": "atlantis"}, "proposed_by"),
        (REVISION, {"status": None}, "status"),
        (REVISION, {"label": "x" * 201}, "label"),
    ],
)
def test_wrong_types_and_values_are_400_naming_the_field(editor_client, position, url, body, field):
    before = {
        "position": Position.objects.get().version,
        "version": ClauseVersion.objects.get().version,
    }
    response = write(editor_client, url, {**body, EDIT_SUMMARY_FIELD: "x"})
    body = assert_error(response, 400, field)
    assert body["code"] == "invalid"
    assert body["detail"].startswith(f"{field}: ")
    assert before == {
        "position": Position.objects.get().version,
        "version": ClauseVersion.objects.get().version,
    }


def test_one_bad_field_saves_none_of_the_others(editor_client, position):
    response = write(
        editor_client,
        POSITION,
        {"summary": "Changed", "stance": "hostile", EDIT_SUMMARY_FIELD: "x"},
    )
    assert response.status_code == 400
    assert Position.objects.get().summary == position.summary


def test_a_change_the_database_refuses_is_409_and_writes_nothing(
    editor_client, position, monkeypatch
):
    def refused(**kwargs):
        Position.objects.filter(pk=position.pk).update(summary="half-written")
        raise IntegrityError("position_unique_per_party")

    # Refused inside the service's transaction, after a partial write it must undo.
    monkeypatch.setattr(edits, "position_update", refused)
    response = write(editor_client, POSITION, {"stance": "supports", EDIT_SUMMARY_FIELD: "x"})
    body = assert_error(response, 409, None)
    assert body["code"] == "conflict"
    assert Position.objects.get().summary == position.summary


def test_a_method_the_resource_does_not_allow_is_405(editor_client, position):
    response = editor_client.delete(POSITION)
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert "PATCH" in response["Allow"]


def test_a_resource_url_without_its_final_slash_redirects(client, editor_client, position):
    response = client.get("/api/v1/positions", {"party": "russia"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/positions/?party=russia"
    # A write keeps its method and body through a 308.
    response = editor_client.patch(POSITION.rstrip("/"), {}, content_type="application/json")
    assert response.status_code == 308
    assert response["Location"] == POSITION


def test_options_describes_a_resource(editor_client, client, position):
    for c in (client, editor_client):
        for url in (POSITION, CLAUSE_VERSION, REVISION, f"{REVISION}clone/", "/api/v1/positions/"):
            response = c.options(url)
            assert response.status_code == 200, (url, response.content)


@pytest.mark.parametrize("value", ["%", "5%", "%s", "%(x)s"])
def test_a_filter_value_holding_a_percent_sign_is_400_quoting_it(client, position, value):
    response = client.get("/api/v1/positions/", {"revision": value})
    assert response.status_code == 400
    assert value in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "name", ["plan", "revision", "party", "stance", "topic", "status", "format"]
)
def test_a_filter_given_empty_is_400_naming_it(client, position, name):
    # Read as "no filter", an empty value would answer with every position.
    response = client.get("/api/v1/positions/", {name: ""})
    assert_error(response, 400, name, PARAMETER_EMPTY.format(name=name))
