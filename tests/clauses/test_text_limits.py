"""Every text an editor writes has a maximum length, and every door refuses a longer one the
same way: the services (through the model), the editor's forms, the API, whose schema
states the limit as ``maxLength``."""

import pytest
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse

from clauses.models import Position
from core import text_limits
from core.api.inputs import EDIT_SUMMARY_FIELD
from tests.clauses.test_api_writes import patch
from tests.editing_helpers import NEXT_DRAFT, database_state, form_data

TOO_LONG_SUMMARY = "x" * (text_limits.SUMMARY + 1)
POSITION = "/api/v1/plans/framework/clauses/amnesty/r1/positions/russia/"


def russia_on_amnesty() -> Position:
    return Position.objects.get(party__slug="russia", clause_version__clause__slug="amnesty")


def _limit(field: models.Field) -> int | None:
    if isinstance(field, models.CharField):
        return field.max_length
    lengths = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    return lengths[0] if lengths else None


@pytest.mark.parametrize(
    "model",
    [apps.get_model("clauses", name) for name in ("Plan", "Revision", "Clause", "ClauseVersion")]
    + [Position, apps.get_model("parties", "Party"), apps.get_model("clauses", "HistoryTakedown")],
    ids=lambda model: model.__name__,
)
def test_every_text_field_of_a_record_has_a_maximum_length(model):
    texts = [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]
    assert texts
    assert {field.name: _limit(field) for field in texts if _limit(field) is None} == {}


def test_the_api_refuses_a_summary_one_character_too_long_naming_it(editor_api, plan):
    response = patch(editor_api, POSITION, {"summary": TOO_LONG_SUMMARY, EDIT_SUMMARY_FIELD: "x"})

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["summary"]
    assert russia_on_amnesty().summary != TOO_LONG_SUMMARY


def test_the_api_takes_a_summary_of_exactly_the_maximum(editor_api, plan):
    longest = "x" * text_limits.SUMMARY
    response = patch(editor_api, POSITION, {"summary": longest, EDIT_SUMMARY_FIELD: "x"})

    assert response.status_code == 200, response.json()
    assert russia_on_amnesty().summary == longest


def test_the_schema_states_each_limit_of_a_position_edit(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    edit = schema["components"]["schemas"]["PatchedPositionEdit"]["properties"]

    assert edit["summary"]["maxLength"] == text_limits.SUMMARY
    assert edit["quote"]["maxLength"] == text_limits.EVIDENCE
    assert edit["demand"]["maxLength"] == text_limits.EVIDENCE
    assert edit["source_title"]["maxLength"] == Position._meta.get_field("source_title").max_length


def test_the_editors_form_refuses_a_summary_too_long_and_saves_nothing(plan, editor_client):
    address = reverse(
        "editing:position_edit",
        kwargs={"plan": "framework", "clause": "amnesty", "number": 1, "party": "russia"},
    )
    form = editor_client.get(address).context["form"]
    before = russia_on_amnesty()

    response = editor_client.post(
        address, form_data(form, summary=TOO_LONG_SUMMARY, edit_summary="Too long")
    )

    assert response.status_code == 200
    assert "summary" in response.context["form"].errors
    after = Position.objects.get(pk=before.pk)
    assert (after.summary, after.version) == (before.summary, before.version)


def test_a_pasted_point_longer_than_a_clause_may_be_is_refused_naming_it(editor_api, plan):
    api = editor_api
    text = NEXT_DRAFT.rstrip() + "\n\n9. " + "word " * (text_limits.CLAUSE_TEXT // 5 + 1) + "\n"
    before = database_state()

    proposal = api.post("/api/v1/plans/framework/drafts/align/", {"text": text}, format="json")
    assert proposal.status_code == 200, proposal.json()
    body = proposal.json()
    response = api.post(
        "/api/v1/plans/framework/drafts/",
        {
            "text": text,
            "fingerprint": body["fingerprint"],
            "number": body["number"],
            "edit_summary": "A draft with one very long point",
        },
        format="json",
        HTTP_IF_MATCH=body["if_match"],
    )

    assert response.status_code == 400, response.json()
    assert str(text_limits.CLAUSE_TEXT) in response.json()["detail"]
    assert database_state() == before
