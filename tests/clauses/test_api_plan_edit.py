"""Editing a plan's title and description through the API, with its ETag in If-Match."""

import pytest

from clauses.models import Plan
from core.api.etag import IF_MATCH_REQUIRED
from core.api.inputs import EDIT_SUMMARY_FIELD
from core.tracking import SUMMARY_REQUIRED
from tests.factories import PlanFactory

PLAN = "/api/v1/plans/framework/"
RETITLE = {"title": "Geneva framework", EDIT_SUMMARY_FIELD: "As the talks now call it"}


@pytest.fixture
def plan(db):
    return PlanFactory(slug="framework", title="Peace framework", description="The first.")


def errors(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_a_plans_read_carries_its_own_etag(client, plan):
    response = client.get(PLAN)

    assert response["ETag"] == f'"{plan.pk}-{plan.version}"' == response.json()["etag"]


def test_an_editor_retitles_a_plan(editor_api, editor, plan):
    tag = editor_api.get(PLAN)["ETag"]
    response = editor_api.patch(PLAN, RETITLE, format="json", HTTP_IF_MATCH=tag)

    assert response.status_code == 200, response.json()
    plan.refresh_from_db()
    assert (plan.title, plan.description, plan.slug) == (
        "Geneva framework",
        "The first.",
        "framework",
    )
    assert response.json()["title"] == "Geneva framework"
    assert response["ETag"] == f'"{plan.pk}-{plan.version}"' != tag
    latest = plan.history.latest("history_id")
    assert (latest.history_user, latest.history_change_reason) == (
        editor,
        RETITLE[EDIT_SUMMARY_FIELD],
    )


def test_without_if_match_it_is_428(editor_api, plan):
    response = editor_api.patch(PLAN, RETITLE, format="json")

    assert response.status_code == 428
    assert errors(response) == {"If-Match": IF_MATCH_REQUIRED}
    assert Plan.objects.get().title == "Peace framework"


def test_a_stale_if_match_is_412_with_the_plan_as_it_is(editor_api, plan):
    stale = editor_api.get(PLAN)["ETag"]
    newer = {"description": "Newer.", EDIT_SUMMARY_FIELD: "x"}
    editor_api.patch(PLAN, newer, format="json", HTTP_IF_MATCH=stale)

    response = editor_api.patch(PLAN, RETITLE, format="json", HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert response.json()["current"]["description"] == "Newer."
    assert Plan.objects.get().title == "Peace framework"


def test_without_an_edit_summary_it_is_400(editor_api, plan):
    tag = editor_api.get(PLAN)["ETag"]
    response = editor_api.patch(PLAN, {"title": "x"}, format="json", HTTP_IF_MATCH=tag)

    assert response.status_code == 400
    assert errors(response) == {EDIT_SUMMARY_FIELD: SUMMARY_REQUIRED}


@pytest.mark.parametrize("body", [{"slug": "other"}, {"title": "  "}, {"title": 3}])
def test_the_slug_stays_and_a_blank_title_is_refused(editor_api, plan, body):
    tag = editor_api.get(PLAN)["ETag"]
    response = editor_api.patch(
        PLAN, {**body, EDIT_SUMMARY_FIELD: "x"}, format="json", HTTP_IF_MATCH=tag
    )

    assert response.status_code == 400
    assert list(errors(response)) == list(body)
    assert Plan.objects.get().slug == "framework"


def test_readers_cannot_edit(client, analyst_client, plan):
    tag = client.get(PLAN)["ETag"]
    for reader in (client, analyst_client):
        response = reader.patch(PLAN, RETITLE, content_type="application/json", HTTP_IF_MATCH=tag)
        assert response.status_code in (401, 403)
    assert Plan.objects.get().title == "Peace framework"
