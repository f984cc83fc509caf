"""A revision's coverage: set by the editor on the form and the API, full text for clones
and pasted drafts, shown on the revision page."""

import pytest
from django.urls import reverse

from clauses.models import Revision
from clauses.services import revision_clone
from clauses.vocabularies import Coverage
from core.api.inputs import EDIT_SUMMARY_FIELD
from drafting.services import ConfirmedPoint, revision_from_paste
from tests.clauses.test_api_writes import patch
from tests.editing_helpers import form_data
from tests.factories import PlanFactory, RevisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partial_revision():
    plan = PlanFactory(slug="framework")
    return RevisionFactory(plan=plan, number=1, coverage=Coverage.PARTIAL)


def test_a_new_revision_is_full_text_unless_said_otherwise():
    assert RevisionFactory().coverage == Coverage.FULL_TEXT


def test_the_revision_form_sets_either_coverage(editor_client, partial_revision):
    address = reverse("editing:revision_edit", kwargs={"plan": "framework", "number": 1})
    form = editor_client.get(address).context["form"]
    assert form.initial["coverage"] == Coverage.PARTIAL

    response = editor_client.post(
        address, form_data(form, coverage=Coverage.FULL_TEXT, edit_summary="The full text")
    )

    assert response.status_code == 302
    assert Revision.objects.get().coverage == Coverage.FULL_TEXT


def test_the_api_reads_and_patches_the_coverage(editor_client, partial_revision):
    address = "/api/v1/plans/framework/revisions/1/"
    assert editor_client.get(address).json()["coverage"] == "partial"

    response = patch(
        editor_client, address, {"coverage": "full_text", EDIT_SUMMARY_FIELD: "Full text leaked"}
    )

    assert response.status_code == 200, response.json()
    assert response.json()["coverage"] == "full_text"
    bad = patch(editor_client, address, {"coverage": "most", EDIT_SUMMARY_FIELD: "?"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "coverage"


def test_a_clone_of_a_partial_revision_records_a_full_text(editor, partial_revision):
    clone = revision_clone(source=partial_revision, user=editor, summary="Next draft")
    assert clone.coverage == Coverage.FULL_TEXT


def test_a_pasted_draft_is_full_text(editor, partial_revision):
    revision = revision_from_paste(
        plan=partial_revision.plan,
        previous=partial_revision,
        points=[ConfirmedPoint(number="1", text="A zone.", title="Zone", topic="military")],
        user=editor,
        summary="Pasted",
    )
    assert revision.coverage == Coverage.FULL_TEXT


def test_the_revision_page_says_what_a_partial_revision_s_silence_means(client, partial_revision):
    response = client.get(partial_revision.get_absolute_url())
    page = response.content.decode()
    assert "<dt>Coverage</dt><dd>partial: its source describes only part of the draft" in page
