"""Idempotency-Key on every API POST that creates something (a plan, a clone, a recorded
draft): a repeat gets the first answer and creates nothing; another body is 422; a repeat
while the first is being answered is 409; a bad key is 400 naming the header. And a taken
revision number answers the same status on clone as on drafts."""

import json
import urllib.error
import urllib.request

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from clauses.api.views import CLONE_NUMBER_TAKEN
from clauses.models import Plan, Revision
from clauses.services import revision_clone
from core.api.idempotency import (
    IDEMPOTENCY_KEY_HEADER,
    KEY_BLANK,
    KEY_IN_PROGRESS,
    KEY_NOT_PRINTABLE,
    KEY_REUSED,
    KEY_TOO_LONG,
    REPLAYED_HEADER,
)
from tests.editing_helpers import NEXT_DRAFT, database_state, make_plan
from tests.site.test_api_concurrency import all_at_once

PLANS = "/api/v1/plans/"
CLONE = "/api/v1/plans/framework/revisions/1/clone/"
ALIGN = "/api/v1/plans/framework/drafts/align/"
DRAFTS = "/api/v1/plans/framework/drafts/"
KEY = "6f1c2f0e-8a9b-4f0a-9d57-2b1b7c1e0a11"


@pytest.fixture
def plan(db):
    return make_plan()


def source_etag() -> str:
    source = Revision.objects.get(plan__slug="framework", number=1)
    return f'"{source.pk}-{source.version}"'


def clone(editor_api, body=None, *, key: str | None = KEY, **headers):
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return editor_api.post(
        CLONE,
        body or {"label": "Joint framework", "edit_summary": "New draft"},
        format="json",
        HTTP_IF_MATCH=source_etag(),
        **headers,
    )


def test_a_repeated_clone_with_the_same_key_creates_one_revision_and_answers_the_same(
    editor_api, plan
):
    first = clone(editor_api)
    again = clone(editor_api)

    assert first.status_code == again.status_code == 201, again.json()
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert again["ETag"] == first["ETag"]
    assert again[REPLAYED_HEADER] == "true" and REPLAYED_HEADER not in first
    assert list(plan.revisions.values_list("number", flat=True)) == [1, 2]


def test_the_same_body_in_another_order_and_spacing_is_the_same_request(editor_api, plan):
    first = clone(editor_api, {"label": "Joint framework", "edit_summary": "New draft"})
    again = editor_api.post(
        CLONE,
        '{ "edit_summary" : "New draft",  "label": "Joint framework" }',
        content_type="application/json",
        HTTP_IF_MATCH=source_etag(),
        HTTP_IDEMPOTENCY_KEY=KEY,
    )

    assert again.status_code == 201 and again.json() == first.json()
    assert plan.revisions.count() == 2


def test_a_different_body_with_the_same_key_is_422_naming_the_header(editor_api, plan):
    assert clone(editor_api).status_code == 201
    before = database_state()

    response = clone(editor_api, {"label": "Another draft", "edit_summary": "New draft"})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": IDEMPOTENCY_KEY_HEADER, "code": "idempotency_key_reused", "message": KEY_REUSED}
    ]
    assert database_state() == before


def test_without_a_key_each_clone_creates_a_revision_as_before(editor_api, plan):
    first = clone(editor_api, key=None)
    again = clone(editor_api, key=None)

    assert (first.status_code, again.status_code) == (201, 201)
    assert REPLAYED_HEADER not in again
    assert list(plan.revisions.values_list("number", flat=True)) == [1, 2, 3]


def test_a_key_is_kept_apart_per_user_and_per_path(editor_api, plan, second_editor):
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=second_editor).key}")
    body = {"title": "Framework two", "edit_summary": "New plan"}

    assert clone(editor_api).status_code == 201
    theirs = clone(other)
    mine = editor_api.post(PLANS, body, format="json", HTTP_IDEMPOTENCY_KEY=KEY)

    assert theirs.status_code == mine.status_code == 201
    assert REPLAYED_HEADER not in theirs and REPLAYED_HEADER not in mine
    assert plan.revisions.count() == 3
    # Each is remembered in its own place: the other editor's repeat gets their answer.
    assert clone(other)["Location"] == theirs["Location"]
    assert plan.revisions.count() == 3


def test_a_repeat_while_the_first_is_still_answered_is_409(editor_api, plan, monkeypatch):
    answers = []

    def clone_and_meanwhile_repeat(**kwargs):
        # The repeat arrives while this request holds the key, before it has an answer.
        answers.append(clone(editor_api))
        return revision_clone(**kwargs)

    monkeypatch.setattr("clauses.api.views.services.revision_clone", clone_and_meanwhile_repeat)

    first = clone(editor_api)

    (repeat,) = answers
    assert repeat.status_code == 409
    assert repeat["Retry-After"] == "1"
    assert repeat.json()["errors"] == [
        {
            "field": IDEMPOTENCY_KEY_HEADER,
            "code": "idempotency_key_in_progress",
            "message": KEY_IN_PROGRESS,
        }
    ]
    assert first.status_code == 201
    assert plan.revisions.count() == 2


def test_a_refused_request_leaves_the_key_free_for_the_corrected_one(editor_api, plan):
    stale = editor_api.post(
        CLONE,
        {"label": "Joint framework", "edit_summary": "New draft"},
        format="json",
        HTTP_IF_MATCH='"1-999"',
        HTTP_IDEMPOTENCY_KEY=KEY,
    )
    assert stale.status_code == 412

    corrected = clone(editor_api)
    repeated = clone(editor_api)

    assert corrected.status_code == repeated.status_code == 201
    assert repeated[REPLAYED_HEADER] == "true" and repeated.json() == corrected.json()
    assert plan.revisions.count() == 2


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", KEY_BLANK),
        ("   ", KEY_BLANK),
        ("k" * 256, KEY_TOO_LONG.format(length=256)),
        ("key\twith-a-tab", KEY_NOT_PRINTABLE),
        ("clé", KEY_NOT_PRINTABLE),
        # Refused by the site's check of every header's text, before the API reads it.
        ("key\x01with-a-control-character", None),
    ],
)
def test_a_bad_key_is_400_naming_the_header_and_writes_nothing(editor_api, plan, key, message):
    before = database_state()

    response = clone(editor_api, key=key)

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == IDEMPOTENCY_KEY_HEADER
    if message is not None:
        assert error == {"field": IDEMPOTENCY_KEY_HEADER, "code": "invalid", "message": message}
    assert database_state() == before


def test_a_key_of_255_printable_characters_is_taken(editor_api, plan):
    key = "a b~" + "k" * 251
    assert clone(editor_api, key=key).status_code == 201
    assert clone(editor_api, key=key)[REPLAYED_HEADER] == "true"
    assert plan.revisions.count() == 2


def test_a_repeated_plan_creation_with_the_same_key_creates_one_plan(editor_api, db):
    body = {"title": "Framework", "edit_summary": "New plan"}

    first = editor_api.post(PLANS, body, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    again = editor_api.post(PLANS, body, format="json", HTTP_IDEMPOTENCY_KEY=KEY)

    assert first.status_code == again.status_code == 201, again.json()
    assert again.json() == first.json() and again["Location"] == first["Location"]
    assert Plan.objects.count() == 1


def aligned(editor_api) -> dict:
    response = editor_api.post(ALIGN, {"text": NEXT_DRAFT}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def record(editor_api, proposal, **headers):
    body = {
        "text": NEXT_DRAFT,
        "fingerprint": proposal["fingerprint"],
        "number": proposal["number"],
        "edit_summary": "Joint framework",
    }
    return editor_api.post(
        DRAFTS, body, format="json", HTTP_IF_MATCH=proposal["if_match"], **headers
    )


def test_a_repeated_draft_with_the_same_key_records_one_revision(editor_api, plan):
    proposal = aligned(editor_api)

    first = record(editor_api, proposal, HTTP_IDEMPOTENCY_KEY=KEY)
    again = record(editor_api, proposal, HTTP_IDEMPOTENCY_KEY=KEY)

    # Without the key the repeat is refused (its number is taken); with it, it is answered.
    assert first.status_code == again.status_code == 201, again.json()
    assert again.json() == first.json() and again["ETag"] == first["ETag"]
    assert plan.revisions.count() == 2


def test_a_taken_number_answers_the_same_status_on_clone_and_on_drafts(editor_api, plan):
    proposal = aligned(editor_api)
    assert record(editor_api, proposal).status_code == 201  # takes number 2
    before = database_state()

    drafted = record(editor_api, proposal)
    cloned = clone(editor_api, {"edit_summary": "New draft", "number": 2}, key=None)

    assert drafted.status_code == cloned.status_code == 412
    assert cloned.json()["errors"][0]["field"] == drafted.json()["errors"][0]["field"] == "number"
    message = CLONE_NUMBER_TAKEN.format(plan="framework", next=3, number=2)
    assert cloned.json()["errors"][0]["message"] == message
    source = Revision.objects.get(plan=plan, number=1)
    assert cloned["ETag"] == cloned.json()["etag"] == f'"{source.pk}-{source.version}"'
    assert cloned.json()["current"]["number"] == 1
    assert database_state() == before


def schema_operations(client) -> dict:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    return {
        (method, path): operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }


def test_every_creating_post_declares_the_header_and_its_errors(client, db):
    operations = schema_operations(client)
    posts = {path for method, path in operations if method == "post"}
    # Dry runs: they write nothing.
    creating = posts - {"/api/v1/plans/{plan}/drafts/align/", "/api/v1/statements/proposals/"}
    # Corrections of a record create nothing, and a repeat is refused: the record's
    # version, sent as If-Match, has changed.
    creating -= {
        "/api/v1/plans/{plan}/revisions/{number}/withdraw/",
        "/api/v1/plans/{plan}/revisions/{number}/restore/",
        "/api/v1/plans/{plan}/clauses/{clause}/rename/",
        # A repeated re-link meets a point whose version changed (412); a repeated split or
        # merge meets clauses already split or merged in the revision (400).
        "/api/v1/plans/{plan}/revisions/{number}/relink/",
        "/api/v1/plans/{plan}/revisions/{number}/split/",
        "/api/v1/plans/{plan}/revisions/{number}/merge/",
    }

    assert creating == {
        "/api/v1/plans/",
        "/api/v1/plans/{plan}/revisions/{number}/clone/",
        "/api/v1/plans/{plan}/drafts/",
        "/api/v1/plans/{plan}/revisions/{number}/deletions/",
        "/api/v1/plans/{plan}/revisions/{number}/clauses/",
        "/api/v1/plans/{plan}/clauses/{clause}/r{number}/positions/",
        "/api/v1/translations/",
        "/api/v1/sources/",
    }
    for path in creating:
        operation = operations[("post", path)]
        (header,) = [p for p in operation["parameters"] if p["name"] == IDEMPOTENCY_KEY_HEADER]
        assert header["in"] == "header" and not header.get("required", False)
        assert header["schema"]["maxLength"] == 255
        assert {"409", "422"} <= set(operation["responses"])
    align = operations[("post", "/api/v1/plans/{plan}/drafts/align/")]
    assert IDEMPOTENCY_KEY_HEADER not in [p["name"] for p in align["parameters"]]


# Concurrent duplicates, through a live server that answers each request in its own thread.


@pytest.fixture
def live_plan(transactional_db):
    return make_plan()


@pytest.fixture
def token(transactional_db, editor):
    return Token.objects.create(user=editor).key


def post_clone(url: str, token: str, etag: str) -> tuple[int, str | None]:
    body = json.dumps({"label": "Joint framework", "edit_summary": "New draft"}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "If-Match": etag,
            IDEMPOTENCY_KEY_HEADER: KEY,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, None


def test_five_clones_sent_at_once_with_one_key_create_one_revision(live_server, live_plan, token):
    url = f"{live_server.url}{CLONE}"
    etag = source_etag()

    answers = all_at_once([lambda: post_clone(url, token, etag) for _ in range(5)])

    statuses = [status for status, _ in answers]
    assert set(statuses) <= {201, 409} and 201 in statuses, statuses
    assert {location for status, location in answers if status == 201} == {
        f"{live_server.url}/api/v1/plans/framework/revisions/2/"
    }
    assert list(live_plan.revisions.values_list("number", flat=True)) == [1, 2]
