"""A position's demand: what the party demands beyond the clause as worded, beside its
stance on the wording; written by editors, read on the API and the pages."""

import pytest

from clauses.models import Position
from core.api.inputs import EDIT_SUMMARY_FIELD
from tests.clauses.test_api_writes import POSITION, patch

pytestmark = pytest.mark.django_db


def test_an_editor_records_a_demand_beside_an_unknown_stance(editor_client, position):
    response = patch(
        editor_client,
        POSITION,
        {
            "stance": "unknown",
            "demand": "Full control of <Donetsk>.",
            EDIT_SUMMARY_FIELD: "The report states the demand only",
        },
    )

    assert response.status_code == 200, response.json()
    assert response.json()["demand"] == "Full control of <Donetsk>."
    assert Position.objects.get().demand == "Full control of <Donetsk>."
    page = editor_client.get("/plans/framework/clauses/dmz/r1/").content.decode()
    assert "⚑</span> demands</span>: <bdi>Full control of &lt;Donetsk&gt;." in page
