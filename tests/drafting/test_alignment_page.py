"""What the alignment page shows the editor: required fields marked, each candidate with
its wording, the word diff against the proposed clause, and a dropped list the page's
script can keep in step."""

import pytest

from drafting.forms import NEW
from tests.editing_helpers import NEXT_DRAFT, confirm_url, form_data, paste_url

pytestmark = pytest.mark.django_db


def aligned(client, text=NEXT_DRAFT):
    return client.post(paste_url(), {"text": text})


def test_new_clause_fields_are_marked_required(plan, editor_client):
    html = aligned(editor_client).content.decode()
    row = html.split('id="point-3"')[1].split('class="dropped"')[0]
    assert 'Title of the new clause (point 4) <span class="required">(required)</span>' in row
    assert 'Topic of the new clause (point 4) <span class="required">(required)</span>' in row


def test_every_new_point_has_a_guessed_topic(plan, editor_client):
    form = aligned(editor_client).context["form"]
    assert form["p3-topic"].value() == "governance_elections"  # "Elections will be held..."
    assert all(form[f"p{i}-topic"].value() for i in range(4))


def test_each_candidate_is_shown_with_its_wording_and_the_proposal_with_a_diff(plan, editor_client):
    response = aligned(editor_client)
    army = response.context["rows"][2]
    assert army["candidates"][0]["title"] == "Size of the armed forces"
    assert army["candidates"][0]["text"] == ""  # the chosen one: its wording is in the diff
    alternatives = [c for c in army["candidates"][1:] if c["text"]]
    assert alternatives and all(c["text"] for c in army["candidates"][1:3])
    html = response.content.decode()
    row = html.split('id="point-2"')[1].split('id="point-3"')[0]
    diff = row.split('class="align-diff"')[1].split("</details>")[0]
    assert "<del>limited to 600,000 personnel.</del>" in diff
    assert "<ins>capped at 800,000 personnel in peacetime.</ins>" in diff
    for alternative in alternatives:
        assert alternative["text"][:30] in row


def test_the_dropped_list_holds_every_clause_hiding_those_kept(plan, editor_client):
    html = aligned(editor_client).content.decode()
    dropped = html.split("data-dropped>")[1].split("</section>")[0]
    assert dropped.count("data-clause=") == 4
    hidden = [item for item in dropped.split("<li")[1:] if item.split(">")[0].endswith("hidden")]
    assert len(hidden) == 3  # kept: sovereignty, plant, army
    amnesty = dropped.split("4. Amnesty")[0].rsplit("<li", 1)[1]
    assert "hidden" not in amnesty


def test_check_again_updates_the_dropped_list_without_javascript(plan, editor_client):
    form = aligned(editor_client).context["form"]
    amnesty = next(v for v, label in form.point_choices[3][1][1] if label.endswith("Amnesty"))
    data = form_data(form, **{"p3-clause": amnesty}, edit_summary="x", check="1")

    response = editor_client.post(confirm_url(), data)

    assert response.context["dropped"] == []
    assert (
        "None: every clause of the revision it continues is kept."
        in (response.content.decode().split("data-dropped-none")[1])
    )
    assert NEW not in [data[f"p{i}-clause"] for i in range(4)]
