"""ETags on every writable resource, and If-Match on every write: missing, stale, fresh."""

import re

import pytest

from clauses import services
from clauses.models import Position, Revision
from clauses.vocabularies import Stance
from core.api import base
from core.api.etag import (
    IF_MATCH_ANY_REFUSED,
    IF_MATCH_MALFORMED,
    IF_MATCH_REQUIRED,
    IF_MATCH_STALE,
)
from core.api.inputs import EDIT_SUMMARY_FIELD
from tests.conftest import client_for
from tests.factories import PositionFactory

POSITION = "/api/v1/plans/framework/clauses/dmz/r1/positions/russia/"
WRITABLE = [
    ("patch", POSITION, POSITION, {"stance": "supports"}),
    (
        "patch",
        "/api/v1/plans/framework/clauses/dmz/r1/",
        "/api/v1/plans/framework/clauses/dmz/r1/",
        {"text": "New wording."},
    ),
    (
        "patch",
        "/api/v1/plans/framework/revisions/1/",
        "/api/v1/plans/framework/revisions/1/",
        {"label": "New label"},
    ),
    # A clone's If-Match names the revision cloned.
    (
        "post",
        "/api/v1/plans/framework/revisions/1/clone/",
        "/api/v1/plans/framework/revisions/1/",
        {},
    ),
]


def write(client, method, url, data, **headers):
    return getattr(client, method)(
        url, {**data, EDIT_SUMMARY_FIELD: "A reason"}, content_type="application/json", **headers
    )


@pytest.mark.parametrize(("method", "url", "read_url", "data"), WRITABLE)
def test_get_answers_a_strong_etag_of_pk_and_version(client, position, method, url, read_url, data):
    response = client.get(read_url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert etag == response.json()["etag"]
    pk, version = etag.strip('"').split("-")
    assert int(version) == response.json()["version"]


@pytest.mark.parametrize(("method", "url", "read_url", "data"), WRITABLE)
def test_missing_if_match_is_428_with_a_json_body(
    editor_client, position, method, url, read_url, data
):
    response = write(editor_client, method, url, data)

    assert response.status_code == 428
    assert response.json() == {
        "status": 428,
        "code": "precondition_required",
        "detail": f"If-Match: {IF_MATCH_REQUIRED}",
        "errors": [
            {"field": "If-Match", "code": "precondition_required", "message": IF_MATCH_REQUIRED}
        ],
    }
    assert Revision.objects.count() == 1


@pytest.mark.parametrize(("method", "url", "read_url", "data"), WRITABLE)
def test_stale_if_match_is_412_with_the_current_representation(
    editor_client, position, method, url, read_url, data
):
    current = editor_client.get(read_url)
    pk, version = current["ETag"].strip('"').split("-")
    stale = f'"{pk}-{int(version) - 1}"' if int(version) > 1 else f'"{pk}-{int(version) + 7}"'

    response = write(editor_client, method, url, data, HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    body = response.json()
    assert body["etag"] == current["ETag"] == response["ETag"]
    assert body["current"] == current.json()
    assert body["errors"][0]["message"] == IF_MATCH_STALE.format(
        current=current["ETag"], sent=stale
    )
    assert Revision.objects.count() == 1


@pytest.mark.parametrize(("method", "url", "read_url", "data"), WRITABLE)
def test_fresh_if_match_writes(editor_client, position, method, url, read_url, data):
    etag = editor_client.get(read_url)["ETag"]
    response = write(editor_client, method, url, data, HTTP_IF_MATCH=etag)
    assert response.status_code in (200, 201), response.json()
    assert response["ETag"] == response.json()["etag"]


@pytest.mark.parametrize(
    ("header", "status", "message"),
    [
        ("*", 428, IF_MATCH_ANY_REFUSED),
        ("12-3", 400, IF_MATCH_MALFORMED.format(value="12-3")),
        ('"12-3" junk', 400, IF_MATCH_MALFORMED.format(value='"12-3" junk')),
    ],
)
def test_unusable_if_match(editor_client, position, header, status, message):
    response = write(editor_client, "patch", POSITION, {"stance": "supports"}, HTTP_IF_MATCH=header)
    assert response.status_code == status
    assert response.json()["errors"][0] == {
        "field": "If-Match",
        "code": response.json()["code"],
        "message": message,
    }


def test_a_gzipped_read_weakens_the_header_and_its_tag_still_writes(editor_client, position):
    """Compression weakens the ETag header (W/"..."); a client that sends back the header it
    read gets its write, since the tag names a record version, not the bytes."""
    read = editor_client.get(POSITION, HTTP_ACCEPT_ENCODING="gzip")
    assert read["Content-Encoding"] == "gzip"
    etag = read["ETag"]
    assert etag.startswith("W/")

    response = write(editor_client, "patch", POSITION, {"stance": "supports"}, HTTP_IF_MATCH=etag)

    assert response.status_code == 200, response.json()
    assert Position.objects.get().stance == Stance.SUPPORTS


def test_the_weak_form_of_a_stale_tag_is_still_412(editor_client, position):
    etag = editor_client.get(POSITION)["ETag"]
    write(editor_client, "patch", POSITION, {"stance": "conditional"}, HTTP_IF_MATCH=etag)

    response = write(
        editor_client, "patch", POSITION, {"stance": "supports"}, HTTP_IF_MATCH=f"W/{etag}"
    )

    assert response.status_code == 412
    assert Position.objects.get().stance == Stance.CONDITIONAL


def test_the_weak_form_of_another_records_tag_does_not_match(editor_client, position):
    other = PositionFactory(clause_version=position.clause_version, party__slug="ukraine")
    response = write(
        editor_client,
        "patch",
        POSITION,
        {"stance": "supports"},
        HTTP_IF_MATCH=f'W/"{other.pk}-{position.version}"',
    )
    assert response.status_code == 412


def test_a_list_of_tags_matches_if_one_is_current(editor_client, position):
    etag = editor_client.get(POSITION)["ETag"]
    response = write(
        editor_client, "patch", POSITION, {"stance": "supports"}, HTTP_IF_MATCH=f'"1-1", {etag}'
    )
    assert response.status_code == 200


def test_the_tag_of_another_record_does_not_match(editor_client, position):
    other = PositionFactory(clause_version=position.clause_version, party__slug="ukraine")
    response = write(
        editor_client,
        "patch",
        POSITION,
        {"stance": "supports"},
        HTTP_IF_MATCH=f'"{other.pk}-{position.version}"',
    )
    assert response.status_code == 412


def test_two_clients_the_second_with_a_stale_etag_gets_412_and_the_first_change_survives(
    editor, second_editor, position
):
    first, second = client_for(editor), client_for(second_editor)
    etag_first = first.get(POSITION)["ETag"]
    etag_second = second.get(POSITION)["ETag"]
    assert etag_first == etag_second

    won = write(first, "patch", POSITION, {"stance": "conditional"}, HTTP_IF_MATCH=etag_first)
    lost = write(second, "patch", POSITION, {"stance": "red_line"}, HTTP_IF_MATCH=etag_second)

    assert won.status_code == 200
    assert lost.status_code == 412
    assert lost.json()["current"]["stance"]["name"] == "conditional"
    assert lost["ETag"] == won["ETag"]
    assert Position.objects.get().stance == Stance.CONDITIONAL
    assert Position.history.filter(id=position.pk, history_type="~").count() == 1


def test_a_save_between_the_check_and_the_write_is_still_refused(
    editor_client, second_editor, position, monkeypatch
):
    """The service compares versions again under a row lock: a save that lands after the
    view's own If-Match check still makes this write a 412, not a lost update."""
    real_check = base.expected_version

    def check_then_rival_saves(if_match, record, current=None):
        version = real_check(if_match, record, current)
        rival = Position.objects.get(pk=position.pk)
        services.position_update(
            position=rival,
            expected_version=rival.version,
            changes={"stance": Stance.AMBIGUOUS},
            user=second_editor,
            summary="Meanwhile",
        )
        return version

    monkeypatch.setattr(base, "expected_version", check_then_rival_saves)
    etag = editor_client.get(POSITION)["ETag"]
    response = write(editor_client, "patch", POSITION, {"stance": "supports"}, HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    assert response.json()["current"]["stance"]["name"] == "ambiguous"
    assert Position.objects.get().stance == Stance.AMBIGUOUS


def test_the_schema_documents_the_weak_form_of_if_match(client, db):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"][
        "/api/v1/plans/{plan}/clauses/{clause}/r{number}/positions/{party}/"
    ]
    parameter = next(p for p in operation["patch"]["parameters"] if p["name"] == "If-Match")
    assert re.fullmatch(parameter["schema"]["pattern"], 'W/"12-3"')
    assert re.fullmatch(parameter["schema"]["pattern"], '"12-3"')
