"""What a careless or hostile client sends is a 4xx with a JSON body naming what is wrong,
never a 500: deep nesting, control characters and overlong edit summaries, URLs holding a
newline, bodies over the limit, and a failure of the server itself still answers JSON."""

import json

import pytest
from django.test import Client

from clauses.models import Position
from core.api.exceptions import API_PATH_NOT_FOUND
from core.api.inputs import EDIT_SUMMARY_FIELD, EDIT_SUMMARY_HEADER
from core.api.parsers import JSON_TOO_DEEP
from core.tracking import SUMMARY_CONTROL_CHARACTER, SUMMARY_MAX_LENGTH, SUMMARY_TOO_LONG
from drafting.parse import MAX_DRAFT_CHARS
from peaceplan.errors import API_BODY_TOO_LARGE, API_SERVER_ERROR
from tests.site.test_api_errors import POSITION, assert_error

DEPTH = 2_000


def patch(client, body: str, **headers):
    etag = client.get(POSITION)["ETag"]
    return client.patch(
        POSITION, body, content_type="application/json", HTTP_IF_MATCH=etag, **headers
    )


def assert_unchanged(position):
    stored = Position.objects.get()
    assert (stored.version, stored.stance) == (position.version, position.stance)
    assert stored.history.count() == 1


@pytest.mark.parametrize(
    "body",
    ["[" * DEPTH + "]" * DEPTH, '{"stance": ' + "[" * DEPTH + "]" * DEPTH + "}"],
    ids=["array", "nested-in-a-field"],
)
def test_json_nested_thousands_deep_is_400_naming_the_body(editor_client, position, body):
    response = patch(editor_client, body, HTTP_X_EDIT_SUMMARY="deep")
    body = assert_error(response, 400, "body", JSON_TOO_DEEP)
    assert body["code"] == "parse_error"
    assert_unchanged(position)


def test_a_null_byte_in_the_edit_summary_header_is_400(editor_client, position):
    response = patch(editor_client, json.dumps({"stance": "supports"}), HTTP_X_EDIT_SUMMARY="a%00b")
    assert_error(response, 400, EDIT_SUMMARY_HEADER, SUMMARY_CONTROL_CHARACTER)
    assert_unchanged(position)


def test_a_null_byte_in_the_edit_summary_field_is_400(editor_client, position):
    body = json.dumps({"stance": "supports", EDIT_SUMMARY_FIELD: "a\x00b"})
    response = patch(editor_client, body)
    assert_error(response, 400, EDIT_SUMMARY_FIELD, SUMMARY_CONTROL_CHARACTER)
    assert_unchanged(position)


def test_an_edit_summary_longer_than_the_forms_allow_is_400(editor_client, position):
    long = "x" * 8_000
    response = patch(editor_client, json.dumps({"stance": "supports"}), HTTP_X_EDIT_SUMMARY=long)
    assert_error(response, 400, EDIT_SUMMARY_HEADER, SUMMARY_TOO_LONG.format(length=8_000))
    assert_unchanged(position)

    just_right = "y" * SUMMARY_MAX_LENGTH
    response = patch(
        editor_client, json.dumps({"stance": "supports"}), HTTP_X_EDIT_SUMMARY=just_right
    )
    assert response.status_code == 200
    assert Position.objects.get().history.latest().history_change_reason == just_right


@pytest.mark.parametrize(
    "url", ["/api/v1/plans/a%0Ab/", "/api/v1/plans/a%0A/revisions/1/", "/api/nothing/here/"]
)
def test_an_api_url_matching_no_route_is_a_json_404(client, db, url):
    response = client.get(url)
    assert_error(response, 404, "path")
    assert response.json()["errors"][0]["message"].startswith("There is no API resource at")


def test_a_newline_in_a_slug_is_quoted_in_the_404(client, db):
    response = client.get("/api/v1/plans/a%0Ab/")
    assert_error(response, 404, "path", API_PATH_NOT_FOUND.format(path="/api/v1/plans/a\nb/"))


def test_a_body_over_the_api_limit_is_413_in_json(editor_client, position, settings):
    size = 10 * 1024 * 1024
    body = json.dumps({"stance": "supports", "summary": "x" * size})
    response = patch(editor_client, body, HTTP_X_EDIT_SUMMARY="big")
    message = API_BODY_TOO_LARGE.format(size=len(body), limit=settings.API_MAX_BODY_BYTES)
    body = assert_error(response, 413, "body", message)
    assert body["code"] == "request_too_large"
    assert_unchanged(position)


def test_the_longest_draft_fits_in_an_api_body_even_json_escaped(settings):
    body = json.dumps({"text": "\u0436" * MAX_DRAFT_CHARS, EDIT_SUMMARY_FIELD: "x" * 300})
    assert len(body.encode()) < settings.API_MAX_BODY_BYTES


def test_a_body_within_the_api_limit_is_read(editor_client, position, settings):
    settings.API_MAX_BODY_BYTES = 200
    body = json.dumps({"stance": "supports"})
    assert patch(editor_client, body, HTTP_X_EDIT_SUMMARY="small").status_code == 200


def test_a_server_failure_under_the_api_is_a_json_500(position, monkeypatch):
    from clauses.api import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.PositionViewSet, "list", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/positions/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": 500,
        "code": "server_error",
        "detail": API_SERVER_ERROR,
        "errors": [{"field": None, "code": "server_error", "message": API_SERVER_ERROR}],
    }


def test_pages_keep_their_html_error_pages(client, db):
    response = client.get("/plans/a%0Ab/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("method", "url"), [("post", "/api/schema/"), ("post", "/api/docs/"), ("put", "/api/v1/")]
)
def test_a_method_not_allowed_anywhere_under_the_api_is_a_json_405(client, db, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == 405 and body["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]
