"""A party's first position on a clause version, recorded through the API: PUT at the
position's URL with ``If-None-Match: *``, or POST to the clause version's positions."""

import pytest

from clauses.api.views import (
    CREATE_POSITION_NOT_PERMITTED,
    IF_NONE_MATCH_ONLY_ANY,
    IF_NONE_MATCH_REQUIRED,
)
from clauses.models import Position
from clauses.vocabularies import Stance
from core.api.inputs import EDIT_SUMMARY_FIELD
from core.tracking import SUMMARY_REQUIRED
from tests.conftest import client_for
from tests.factories import ClauseVersionFactory, PartyFactory, PlanFactory, RevisionFactory

POSITION = "/api/v1/plans/framework/clauses/dmz/r1/positions/russia/"
POSITIONS = "/api/v1/plans/framework/clauses/dmz/r1/positions/"
FIRST = {"stance": "opposes", "summary": "No buffer zone on its side.", EDIT_SUMMARY_FIELD: "TASS"}


@pytest.fixture
def clause_version(db):
    plan = PlanFactory(slug="framework")
    revision = RevisionFactory(plan=plan, number=1)
    PartyFactory(slug="russia", name="Russia")
    return ClauseVersionFactory(revision=revision, clause__slug="dmz", clause__plan=plan)


def put(client, data, **headers):
    return client.put(POSITION, data, format="json", **headers)


def errors(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_put_with_if_none_match_any_records_the_first_position(editor_api, editor, clause_version):
    response = put(editor_api, FIRST, HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 201, response.json()
    position = Position.objects.get(clause_version=clause_version, party__slug="russia")
    assert position.stance == Stance.OPPOSES
    assert response["Location"] == f"http://testserver{POSITION}"
    assert response["ETag"] == f'"{position.pk}-{position.version}"' == response.json()["etag"]
    assert response.json()["stance"]["name"] == "opposes"
    created = position.history.get()
    assert (created.history_user, created.history_change_reason) == (editor, "TASS")
    # It reads back at its URL, and a PATCH with its ETag changes it.
    assert editor_api.get(POSITION).json()["summary"] == "No buffer zone on its side."
    changed = editor_api.patch(
        POSITION,
        {"stance": "red_line", EDIT_SUMMARY_FIELD: "Kremlin"},
        format="json",
        HTTP_IF_MATCH=response["ETag"],
    )
    assert changed.status_code == 200, changed.json()


def test_a_second_put_is_412_with_the_position_as_recorded(editor_api, clause_version):
    first = put(editor_api, FIRST, HTTP_IF_NONE_MATCH="*")
    again = put(editor_api, {**FIRST, "stance": "supports"}, HTTP_IF_NONE_MATCH="*")

    assert again.status_code == 412, again.json()
    body = again.json()
    assert body["etag"] == first["ETag"] == again["ETag"]
    assert body["current"]["stance"]["name"] == "opposes"
    assert "PATCH" in errors(again)["If-None-Match"]
    assert Position.objects.get().stance == Stance.OPPOSES
    assert Position.history.count() == 1


def test_put_without_if_none_match_is_428_and_writes_nothing(editor_api, clause_version):
    response = put(editor_api, FIRST)

    assert response.status_code == 428, response.json()
    assert errors(response) == {"If-None-Match": IF_NONE_MATCH_REQUIRED}
    assert not Position.objects.exists()


def test_put_with_a_tag_in_if_none_match_is_400_naming_the_header(editor_api, clause_version):
    response = put(editor_api, FIRST, HTTP_IF_NONE_MATCH='"1-1"')

    assert response.status_code == 400, response.json()
    assert errors(response) == {"If-None-Match": IF_NONE_MATCH_ONLY_ANY.format(value='"1-1"')}


def test_put_without_an_edit_summary_is_400(editor_api, clause_version):
    response = put(editor_api, {"stance": "opposes"}, HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 400, response.json()
    assert errors(response) == {EDIT_SUMMARY_FIELD: SUMMARY_REQUIRED}
    assert not Position.objects.exists()


def test_the_edit_summary_may_come_as_a_header(editor_api, clause_version):
    response = put(
        editor_api, {"stance": "opposes"}, HTTP_IF_NONE_MATCH="*", HTTP_X_EDIT_SUMMARY="TASS"
    )

    assert response.status_code == 201, response.json()
    assert Position.history.get().history_change_reason == "TASS"


def test_put_names_an_unknown_party_or_clause(editor_api, clause_version):
    unknown_party = editor_api.put(
        POSITION.replace("russia", "atlantis"), FIRST, format="json", HTTP_IF_NONE_MATCH="*"
    )
    assert unknown_party.status_code == 404
    assert list(errors(unknown_party)) == ["party"]
    unknown_revision = editor_api.put(
        POSITION.replace("/r1/", "/r9/"), FIRST, format="json", HTTP_IF_NONE_MATCH="*"
    )
    assert unknown_revision.status_code == 404
    assert list(errors(unknown_revision)) == ["number"]


def test_an_invalid_stance_is_400_naming_it(editor_api, clause_version):
    response = put(editor_api, {**FIRST, "stance": "maybe"}, HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 400
    assert list(errors(response)) == ["stance"]
    assert not Position.objects.exists()


def test_post_to_the_clause_versions_positions_records_the_first_position(
    editor_api, clause_version
):
    response = editor_api.post(POSITIONS, {**FIRST, "party": "russia"}, format="json")

    assert response.status_code == 201, response.json()
    assert response["Location"] == f"http://testserver{POSITION}"
    assert Position.objects.get().stance == Stance.OPPOSES


def test_a_second_post_is_409_naming_the_party(editor_api, clause_version):
    editor_api.post(POSITIONS, {**FIRST, "party": "russia"}, format="json")
    again = editor_api.post(POSITIONS, {**FIRST, "party": "russia"}, format="json")

    assert again.status_code == 409, again.json()
    assert "PATCH" in errors(again)["party"]
    assert Position.objects.count() == 1


def test_post_names_an_unknown_party_in_the_body(editor_api, clause_version):
    response = editor_api.post(POSITIONS, {**FIRST, "party": "atlantis"}, format="json")

    assert response.status_code == 400
    assert list(errors(response)) == ["party"]


def test_readers_and_anonymous_clients_cannot_record(analyst, client, clause_version):
    analyst_api = client_for(analyst)
    as_analyst = analyst_api.put(
        POSITION, FIRST, content_type="application/json", HTTP_IF_NONE_MATCH="*"
    )
    anonymous = client.put(POSITION, FIRST, content_type="application/json", HTTP_IF_NONE_MATCH="*")
    assert as_analyst.status_code == 403
    assert anonymous.status_code in (401, 403)
    assert not Position.objects.exists()


def test_recording_needs_the_add_permission(editor, editor_api, clause_version):
    from django.contrib.auth.models import Permission

    editor.groups.clear()
    editor.user_permissions.add(Permission.objects.get(codename="change_position"))
    response = put(editor_api, FIRST, HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 403
    assert errors(response) == {None: CREATE_POSITION_NOT_PERMITTED}
    assert not Position.objects.exists()
