"""A point number appears once in a revision: the database refuses a second one, the
paste flow flags duplicates and lets the editor renumber them, the clause form refuses a
number another clause of the revision has."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from clauses.models import NUMBER_TAKEN_IN_REVISION, ClauseVersion, Revision
from drafting.services import NUMBER_TWICE, ConfirmedPoint, revision_from_paste
from tests.editing_helpers import confirm_url, form_data, paste_url

pytestmark = pytest.mark.django_db

TWO_POINTS_2 = """1. Ukraine's sovereignty is confirmed.
2. The Zaporizhzhia nuclear power plant will be run under IAEA supervision.
2. Ukraine's armed forces will be capped at 800,000 personnel in peacetime.
"""


def test_the_database_refuses_a_second_clause_numbered_alike(plan):
    revision = plan.revisions.get()
    version = revision.clause_versions.get(number="2")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClauseVersion.objects.filter(pk=version.pk).update(number="1")


def test_the_service_refuses_duplicate_numbers(plan, editor):
    points = [
        ConfirmedPoint("2", "One.", title="One", topic="military"),
        ConfirmedPoint("2", "Two.", title="Two", topic="military"),
    ]
    with pytest.raises(ValidationError) as refused:
        revision_from_paste(
            plan=plan, previous=plan.revisions.get(), points=points, user=editor, summary="x"
        )
    assert refused.value.messages == [NUMBER_TWICE.format(count=2, number="2")]
    assert not Revision.objects.filter(number=2).exists()


def test_the_alignment_page_flags_duplicates_and_offers_to_renumber(plan, editor_client):
    response = editor_client.post(paste_url(), {"text": TWO_POINTS_2})
    form = response.context["form"]
    assert form.renumbered == {1, 2}
    html = response.content.decode()
    assert html.count("Another point of this draft is also numbered 2") == 2
    assert 'name="p1-number"' in html and 'name="p2-number"' in html

    unchanged = editor_client.post(confirm_url(), form_data(form, edit_summary="Next"))
    assert unchanged.status_code == 200
    errors = unchanged.context["form"].errors
    assert errors["p1-number"] == [NUMBER_TWICE.format(count=2, number="2")]
    assert not Revision.objects.filter(number=2).exists()

    renumbered = editor_client.post(
        confirm_url(), form_data(form, **{"p2-number": "3"}, edit_summary="Next")
    )
    assert renumbered.status_code == 302
    numbers = Revision.objects.get(number=2).clause_versions.values_list("number", flat=True)
    assert list(numbers) == ["1", "2", "3"]


def test_the_clause_form_refuses_a_number_another_clause_has(plan, editor_client):
    address = reverse(
        "editing:clause_version_edit",
        kwargs={"plan": "framework", "clause": "amnesty", "number": 1},
    )
    form = editor_client.get(address).context["form"]

    response = editor_client.post(address, form_data(form, number="2", edit_summary="Renumber"))

    assert response.status_code == 200
    assert response.context["form"].errors["number"] == [
        NUMBER_TAKEN_IN_REVISION.format(number="2")
    ]
    assert ClauseVersion.objects.get(clause__slug="amnesty").number == "4"
