"""A pasted draft's coverage: chosen on the paste form (or guessed from its numbering),
changeable on the alignment page, recorded on the revision; a full text that would drop
many clauses is flagged, with a button to record it as partial."""

import pytest

from clauses.models import Revision
from clauses.vocabularies import Coverage
from drafting.coverage import guess_coverage, too_many_dropped
from drafting.parse import parse_draft
from drafting.views import SWITCHED_TO_PARTIAL
from tests.editing_helpers import NEXT_DRAFT, confirm_url, form_data, paste_url

pytestmark = pytest.mark.django_db

# Two of the four clauses, numbered as in the first draft: a quote of part of it.
EXCERPT = """Reported points:
2. The Zaporizhzhia nuclear power plant will be restarted under IAEA supervision
3. Ukraine's armed forces will be limited to 600,000 personnel
"""
# One point numbered 1: it looks complete, and drops three clauses of four.
SHORT = "1. The sovereignty of Ukraine will be confirmed.\n"
WARNING = 'class="note coverage-warning"'


@pytest.mark.parametrize(
    ("text", "coverage"),
    [
        ("1. One\n2. Two\n2a. Two a\n3. Three", Coverage.FULL_TEXT),
        ("1. One\n3. Three\n2. Two", Coverage.FULL_TEXT),
        ("1. One\n2. Two\n7. Seven", Coverage.PARTIAL),
        ("Excerpt:\n4. Four\n5. Five", Coverage.PARTIAL),
    ],
)
def test_the_numbering_suggests_the_coverage(text, coverage):
    assert guess_coverage(parse_draft(text)) == coverage


def test_many_dropped_is_more_than_a_third_or_more_than_five():
    assert not too_many_dropped(dropped=1, clauses=4)
    assert too_many_dropped(dropped=2, clauses=4)
    assert too_many_dropped(dropped=6, clauses=100)
    assert not too_many_dropped(dropped=5, clauses=100)


def test_the_paste_form_offers_a_choice_of_coverage(plan, editor_client):
    html = editor_client.get(paste_url()).content.decode()
    assert 'name="coverage" value="" ' in html and "checked" in html.split('value=""')[1][:40]
    assert 'name="coverage" value="partial"' in html


def test_without_a_choice_the_coverage_is_guessed(plan, editor_client):
    full = editor_client.post(paste_url(), {"text": NEXT_DRAFT}).context["form"]
    partial = editor_client.post(paste_url(), {"text": EXCERPT}).context["form"]
    assert full["coverage"].value() == Coverage.FULL_TEXT
    assert partial["coverage"].value() == Coverage.PARTIAL


def test_the_editor_s_choice_wins_and_is_recorded(plan, editor_client):
    response = editor_client.post(paste_url(), {"text": EXCERPT, "coverage": "full_text"})
    form = response.context["form"]
    assert form["coverage"].value() == Coverage.FULL_TEXT

    editor_client.post(confirm_url(), form_data(form, edit_summary="Excerpt, as full text"))

    assert Revision.objects.get(number=2).coverage == Coverage.FULL_TEXT


def test_a_partial_draft_is_recorded_partial(plan, editor_client):
    form = editor_client.post(paste_url(), {"text": EXCERPT}).context["form"]

    response = editor_client.post(confirm_url(), form_data(form, edit_summary="Reported"))

    assert response.status_code == 302
    assert Revision.objects.get(number=2).coverage == Coverage.PARTIAL


def test_a_bad_coverage_is_refused_by_name(plan, editor_client):
    response = editor_client.post(paste_url(), {"text": NEXT_DRAFT, "coverage": "most"})
    assert "coverage" in response.context["form"].errors


def test_a_full_text_dropping_many_clauses_is_flagged(plan, editor_client):
    response = editor_client.post(paste_url(), {"text": SHORT})
    assert response.context["many_dropped"]
    html = response.content.decode()
    warning = html.split(WARNING)[1].split("</div>")[0]
    assert "3 of the 4 clauses of revision 1 would be reported removed" in warning
    assert 'name="switch_partial"' in warning

    quiet = editor_client.post(paste_url(), {"text": NEXT_DRAFT})  # drops one of four
    assert WARNING not in quiet.content.decode()


def test_switching_to_partial_keeps_the_choices_and_records_partial(plan, editor_client):
    form = editor_client.post(paste_url(), {"text": SHORT}).context["form"]
    data = form_data(form, label="Reported", edit_summary="Reported point", switch_partial="1")

    response = editor_client.post(confirm_url(), data)

    assert response.status_code == 200  # shown again, not recorded
    assert Revision.objects.count() == 1
    assert response.context["note"] == SWITCHED_TO_PARTIAL
    html = response.content.decode()
    assert WARNING not in html and "Clauses not described" in html
    form = response.context["form"]
    assert form["coverage"].value() == Coverage.PARTIAL and form["label"].value() == "Reported"

    assert editor_client.post(confirm_url(), form_data(form)).status_code == 302
    assert Revision.objects.get(number=2).coverage == Coverage.PARTIAL
