"""A point whose text holds the labels of other points is flagged on the alignment page,
and one button splits it there and shows the alignment of the new points."""

import pytest

from clauses.models import Revision
from drafting.views import SPLIT_DONE
from tests.editing_helpers import confirm_url, form_data, paste_url

pytestmark = pytest.mark.django_db

# Points 2 and 3 run into point 1, as a paste that lost its line breaks gives them.
RUN_TOGETHER = (
    "1. Ukraine's sovereignty is confirmed. 2. The Zaporizhzhia nuclear power plant will be "
    "run under IAEA supervision. 3) Ukraine's armed forces will be capped at 800,000.\n"
    "4. Elections will be held in Ukraine within 100 days of signing.\n"
)


def test_a_point_holding_other_labels_is_flagged_with_a_split_button(plan, editor_client):
    response = editor_client.post(paste_url(), {"text": RUN_TOGETHER})

    assert [row["point"].number for row in response.context["rows"]] == ["1", "4"]
    html = response.content.decode()
    row = html.split('id="point-0"')[1].split('id="point-1"')[0]
    assert "look like the labels of other points: 2, 3." in row
    assert '<button type="submit" name="split" value="0" formnovalidate>' in row
    assert "Split point 1 at 2, 3</button>" in row
    fourth = html.split('id="point-1"')[1]
    assert 'name="split"' not in fourth


def test_splitting_shows_the_alignment_of_the_new_points(plan, editor_client):
    form = editor_client.post(paste_url(), {"text": RUN_TOGETHER}).context["form"]
    data = form_data(form, label="Joint", split="0")

    response = editor_client.post(confirm_url(), data)

    rows = response.context["rows"]
    assert [row["point"].number for row in rows] == ["1", "2", "3", "4"]
    assert rows[0]["point"].text == "Ukraine's sovereignty is confirmed."
    assert [row["chosen"] is not None for row in rows] == [True, True, True, False]
    assert response.context["note"] == SPLIT_DONE.format(number="1", labels="2, 3")
    assert response.context["form"]["label"].value() == "Joint"
    assert 'name="split"' not in response.content.decode()
    assert Revision.objects.count() == 1

    recorded = editor_client.post(
        confirm_url(),
        form_data(response.context["form"], **{"p3-topic": "military"}, edit_summary="Split"),
    )
    assert recorded.status_code == 302
    assert Revision.objects.get(number=2).clause_versions.count() == 4


@pytest.mark.parametrize("index", ["1", "9", "x", ""])
def test_a_split_of_a_point_without_labels_or_unknown_changes_nothing(plan, editor_client, index):
    form = editor_client.post(paste_url(), {"text": RUN_TOGETHER}).context["form"]

    response = editor_client.post(confirm_url(), form_data(form, split=index))

    assert [row["point"].number for row in response.context["rows"]] == ["1", "4"]
    assert response.context["note"] == ""
