"""Someone else records a revision while an editor checks a pasted draft's alignment: the
page says who and when, and offers to align the same text against the new current
revision instead of the button that can no longer record."""

import datetime

import pytest
from django.utils import timezone

from clauses.models import Revision
from clauses.services import revision_clone
from drafting.views import PASTE_RACE
from tests.editing_helpers import NEXT_DRAFT, confirm_url, form_data, paste_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked_then_raced(plan, editor_client, second_editor):
    """The editor's filled-in alignment form, sent after editor2 recorded revision 2."""
    form = editor_client.post(paste_url(), {"text": NEXT_DRAFT}).context["form"]
    data = form_data(
        form, **{"p3-topic": "military"}, label="Joint text", edit_summary="Next draft"
    )
    revision_clone(source=plan.revisions.get(), user=second_editor, summary="Theirs")
    return data


def test_the_refusal_names_who_recorded_the_revision_and_when(editor_client, checked_then_raced):
    response = editor_client.post(confirm_url(), checked_then_raced)

    assert response.status_code == 200
    recorded = Revision.history.get(number=2, history_type="+").history_date
    when = timezone.localtime(recorded).strftime("%-d %B %Y, %H:%M")
    (refusal,) = response.context["form"].non_field_errors()
    assert refusal.startswith(f"Revision 2 was recorded by editor2 on {when}")
    assert refusal == PASTE_RACE.format(
        number=2, who="editor2", when=response.context["race"]["when"], current=2
    )
    assert Revision.objects.count() == 2  # nothing of the editor's was recorded
    assert abs(timezone.now() - recorded) < datetime.timedelta(minutes=1)


def test_the_page_offers_to_align_again_against_the_new_revision(editor_client, checked_then_raced):
    html = editor_client.post(confirm_url(), checked_then_raced).content.decode()

    assert "Record revision 2</button>" not in html  # the stale button is gone
    button = html.split('class="note race-note"')[1].split("</button>")[0]
    assert f'formaction="{confirm_url(number=2)}"' in button
    assert 'name="realign"' in button
    assert button.endswith("Align again against r2")


def test_aligning_again_keeps_the_text_and_details_and_continues_the_new_revision(
    editor_client, checked_then_raced
):
    data = {**checked_then_raced, "realign": "1"}

    response = editor_client.post(confirm_url(number=2), data)

    assert response.context["previous"].number == 2
    form = response.context["form"]
    assert form["text"].value() == NEXT_DRAFT
    assert form["label"].value() == "Joint text"
    assert form["edit_summary"].value() == "Next draft"
    assert form["expected_number"].value() == 3
    assert "Record revision 3</button>" in response.content.decode()
    assert response.context["race"] is None
