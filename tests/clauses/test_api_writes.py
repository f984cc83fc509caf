"""Writes through the API: each persona, each writable resource, history left behind."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from clauses.models import ClauseVersion, Position, Revision
from clauses.vocabularies import Stance
from core.api.exceptions import PREVIOUS_NOT_FOUND, UNKNOWN_FIELD
from core.api.inputs import EDIT_SUMMARY_FIELD
from core.tracking import SUMMARY_REQUIRED
from tests.conftest import client_for
from tests.factories import (
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

REVISION = "/api/v1/plans/framework/revisions/1/"
CLAUSE_VERSION = "/api/v1/plans/framework/clauses/dmz/r1/"
POSITION = "/api/v1/plans/framework/clauses/dmz/r1/positions/russia/"
CLONE = "/api/v1/plans/framework/revisions/1/clone/"


@pytest.fixture
def position(db):
    plan = PlanFactory(slug="framework")
    revision = RevisionFactory(plan=plan, number=1)
    version = ClauseVersionFactory(revision=revision, clause__slug="dmz", clause__plan=plan)
    russia = PartyFactory(slug="russia", name="Russia")
    PartyFactory(slug="ukraine", name="Ukraine")
    return PositionFactory(
        clause_version=version, party=russia, stance=Stance.OPPOSES, carried_over=True
    )


def patch(client, url, data, *, etag=None, **headers):
    if etag is None:
        etag = client.get(url)["ETag"]
    return client.patch(url, data, content_type="application/json", HTTP_IF_MATCH=etag, **headers)


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer"])
def test_a_token_is_accepted_after_bearer_or_token(editor, position, keyword):
    client = APIClient()
    key = Token.objects.create(user=editor).key
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {key}")
    response = patch(client, POSITION, {"stance": "supports", EDIT_SUMMARY_FIELD: "x"})
    assert response.status_code == 200, response.json()
    assert Position.objects.get().history.first().history_user == editor


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer not-a-key"])
def test_a_bad_bearer_token_is_401_whatever_the_request(client, position, header):
    response = client.get("/api/v1/parties/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_editor_with_a_token_edits_a_position(editor_api, editor, position):
    response = editor_api.patch(
        POSITION,
        {"stance": "conditional", EDIT_SUMMARY_FIELD: "Reuters, 24 Nov: open to talks"},
        format="json",
        HTTP_IF_MATCH=f'"{position.pk}-{position.version}"',
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["stance"] == {"name": "conditional", "label": "conditional", "value": 1}
    assert body["carried_over"] is False  # saving reconfirms it
    assert response["ETag"] == f'"{position.pk}-{position.version + 1}"' == body["etag"]
    latest = Position.history.filter(id=position.pk).latest("history_id")
    assert latest.history_user == editor
    assert latest.history_change_reason == "Reuters, 24 Nov: open to talks"


def test_editor_with_a_session_edits_a_clause_version(editor_client, editor, position):
    response = patch(
        editor_client,
        CLAUSE_VERSION,
        {"text": "A zone of 30 km.", "status": "contested"},
        HTTP_X_EDIT_SUMMARY="Second draft %E2%80%94 wording",
    )

    assert response.status_code == 200, response.json()
    version = ClauseVersion.objects.get(pk=position.clause_version_id)
    assert (version.text, version.status) == ("A zone of 30 km.", "contested")
    latest = ClauseVersion.history.filter(id=version.pk).latest("history_id")
    assert latest.history_user == editor
    assert latest.history_change_reason == "Second draft \u2014 wording"


def test_editor_edits_a_revision(editor_client, position):
    response = patch(
        editor_client,
        REVISION,
        {
            "label": "US 28-point draft",
            "published_on": "2025-11-20",
            "status": "proposed",
            "proposed_by": "russia",
            "source_url": "https://example.org/draft",
            EDIT_SUMMARY_FIELD: "Label from the leak",
        },
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["label"] == "US 28-point draft"
    assert body["published_on"] == "2025-11-20"
    assert body["proposed_by"] == "russia"
    assert body["proposed_by_url"].endswith("/api/v1/parties/russia/")


def test_editor_clones_a_revision(editor_client, editor, position):
    source = Revision.objects.get(number=1)
    response = editor_client.post(
        CLONE,
        {"label": "Joint framework", EDIT_SUMMARY_FIELD: "New draft", "number": 2},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{source.pk}-{source.version}"',
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Location"] == "http://testserver/api/v1/plans/framework/revisions/2/"
    assert body["number"] == 2 and body["previous"] == 1 and body["label"] == "Joint framework"
    (version,) = body["clause_versions"]
    assert version["positions"][0]["carried_over"] is True
    assert response["ETag"] == body["etag"]
    created = Revision.objects.get(number=2)
    assert created.history.get().history_user == editor


def test_clone_with_a_taken_number_writes_nothing(editor_client, position):
    source = Revision.objects.get(number=1)
    response = editor_client.post(
        CLONE,
        {EDIT_SUMMARY_FIELD: "New draft", "number": 5},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{source.pk}-{source.version}"',
    )
    assert response.status_code == 412  # as the drafts API answers a taken number
    assert response.json()["errors"][0]["field"] == "number"
    assert Revision.objects.count() == 1 and ClauseVersion.objects.count() == 1


@pytest.mark.parametrize("persona", [None, "analyst"])
@pytest.mark.parametrize(
    ("method", "url"),
    [("patch", POSITION), ("patch", CLAUSE_VERSION), ("patch", REVISION), ("post", CLONE)],
)
def test_readers_cannot_write(request, position, persona, method, url):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    response = getattr(client, method)(
        url,
        {"stance": "supports", EDIT_SUMMARY_FIELD: "x"},
        content_type="application/json",
        HTTP_IF_MATCH=client.get(url.replace("clone/", ""))["ETag"],
    )
    # Anonymous: 401 with a hint what to send; logged in without permission: 403.
    assert response.status_code == (403 if persona else 401)
    if not persona:
        assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] in ("not_authenticated", "permission_denied")
    assert Position.objects.get().stance == Stance.OPPOSES


def test_staff_can_write(staff_client, position):
    response = patch(staff_client, POSITION, {"stance": "supports", EDIT_SUMMARY_FIELD: "x"})
    assert response.status_code == 200


def test_reads_are_open_to_everyone(client, analyst_client, editor_client, position):
    for c in (client, analyst_client, editor_client):
        for url in (POSITION, CLAUSE_VERSION, REVISION):
            assert c.get(url).status_code == 200


@pytest.mark.parametrize("how", ["missing", "blank"])
def test_a_write_without_an_edit_summary_is_400(editor_client, position, how):
    data = {"stance": "supports"}
    if how == "blank":
        data[EDIT_SUMMARY_FIELD] = "   "
    response = patch(editor_client, POSITION, data)

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": EDIT_SUMMARY_FIELD, "code": "invalid", "message": SUMMARY_REQUIRED}
    ]
    assert Position.objects.get().stance == Stance.OPPOSES


def test_a_field_that_cannot_be_changed_is_refused_by_name(editor_client, position):
    response = patch(
        editor_client, POSITION, {"carried_over": False, "stnace": "x", EDIT_SUMMARY_FIELD: "x"}
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["carried_over", "stnace"]
    assert errors[0]["message"].startswith(UNKNOWN_FIELD.split("{")[0])


def test_the_position_summary_field_is_the_partys_summary(editor_client, position):
    response = patch(
        editor_client,
        POSITION,
        {"summary": "Demands the whole region.", EDIT_SUMMARY_FIELD: "From the TASS report"},
    )
    assert response.status_code == 200
    saved = Position.objects.get()
    assert saved.summary == "Demands the whole region."
    assert saved.history.latest("history_id").history_change_reason == "From the TASS report"


def test_a_previous_of_another_plan_is_refused(editor_client, position):
    other = PlanFactory(slug="other")
    RevisionFactory(plan=other, number=7)
    RevisionFactory(plan=Revision.objects.get(number=1).plan, number=3)
    response = patch(
        editor_client,
        "/api/v1/plans/framework/revisions/3/",
        {"previous": 7, EDIT_SUMMARY_FIELD: "x"},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "previous",
            "code": "invalid",
            "message": PREVIOUS_NOT_FOUND.format(plan="framework", number=7),
        }
    ]


def test_a_previous_later_than_the_revision_is_refused_by_the_model_rules(editor_client, position):
    plan = Revision.objects.get(number=1).plan
    RevisionFactory(plan=plan, number=2)
    response = patch(editor_client, REVISION, {"previous": 2, EDIT_SUMMARY_FIELD: "x"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "previous"
    assert Revision.objects.get(number=1).previous is None


def test_a_change_that_changes_nothing_keeps_the_etag(editor_client, position):
    before = editor_client.get(POSITION)["ETag"]
    position.carried_over = False
    Position.objects.filter(pk=position.pk).update(carried_over=False)
    response = patch(editor_client, POSITION, {"stance": "opposes", EDIT_SUMMARY_FIELD: "x"})
    assert response.status_code == 200
    assert response["ETag"] == before
