"""The API of re-link, split and merge: If-Match (428, 412), the edit summary, 400s naming
the field, and the lineage a revision records."""

import pytest

from clauses.models import ClauseLineage, ClauseVersion, Correction, Revision
from clauses.services import revision_clone
from clauses.services.fingerprints import fingerprints_refresh_all
from core.api.etag import etag_for
from tests.editing_helpers import make_plan

pytestmark = pytest.mark.django_db

REVISION = "/api/v1/plans/framework/revisions/2/"


@pytest.fixture
def plan(editor):
    plan = make_plan()
    revision_clone(source=plan.revisions.get(number=1), user=editor, summary="Next draft")
    fingerprints_refresh_all()
    return plan


def second():
    return Revision.objects.get(plan__slug="framework", number=2)


def point(slug):
    return ClauseVersion.objects.get(clause__slug=slug, revision__number=2)


def errors(response) -> dict[str, str]:
    """The 400's messages by the field each names."""
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def post(client, action, body, if_match=None):
    headers = {} if if_match is None else {"HTTP_IF_MATCH": if_match}
    return client.post(f"{REVISION}{action}/", body, format="json", **headers)


def test_relink_moves_the_point_with_the_points_etag(editor_api, plan):
    amnesty = point("amnesty")
    body = {"from_clause": "amnesty", "new_title": "Prisoner exchange", "edit_summary": "Wrong"}

    assert post(editor_api, "relink", body).status_code == 428
    stale = post(editor_api, "relink", body, f'"{amnesty.pk}-{amnesty.version + 1}"')
    assert stale.status_code == 412
    response = post(editor_api, "relink", body, etag_for(amnesty))

    assert response.status_code == 200, response.json()
    assert ClauseVersion.objects.get(pk=amnesty.pk).clause.title == "Prisoner exchange"
    assert response["ETag"] == etag_for(second())
    assert Correction.objects.get().summary == "Wrong"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"from_clause": "amnesty", "to_clause": "sovereignty"}, "to_clause", "already has"),
        ({"from_clause": "amnesty", "to_clause": "nowhere"}, "to_clause", "has no clause"),
        ({"from_clause": "nowhere", "new_title": "X"}, "from_clause", "holds no point"),
        ({"from_clause": "amnesty"}, "to_clause", "Choose the clause"),
    ],
)
def test_relink_refusals_name_the_field(editor_api, plan, body, field, words):
    response = post(editor_api, "relink", {**body, "edit_summary": "x"}, etag_for(point("amnesty")))
    assert response.status_code == 400
    assert words in errors(response)[field]


def test_an_empty_summary_is_400_naming_it(editor_api, plan):
    body = {"from_clause": "amnesty", "new_title": "X", "edit_summary": " "}
    response = post(editor_api, "relink", body, etag_for(point("amnesty")))
    assert response.status_code == 400
    assert "edit_summary" in errors(response)


def test_split_then_read_its_lineage(editor_api, client, plan):
    body = {
        "predecessor": "army-size",
        "new_successors": [
            {"number": "2a", "title": "Army in peacetime", "text": "Capped."},
            {"number": "2b", "title": "Army reserves", "text": "Not limited."},
        ],
        "copy_positions_of": ["ukraine"],
        "edit_summary": "The new draft splits point 2",
    }
    response = post(editor_api, "split", body, etag_for(second()))
    assert response.status_code == 200, response.json()
    assert ClauseLineage.objects.count() == 2

    strands = client.get(f"{REVISION}lineage/").json()["strands"]
    assert {(s["kind"], s["predecessor"]) for s in strands} == {("split", "army-size")}
    diff = client.get(f"{REVISION}diff/").json()
    army = next(c for c in diff["clauses"] if c["slug"] == "army-size")
    assert [ref["number"] for ref in army["split_into"]] == ["2", "2a", "2b"]


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("merge", {"predecessors": ["army-size"], "successor": "army-size"}, "predecessors"),
        (
            "split",
            {"predecessor": "army-size", "copy_positions_of": ["nobody"]},
            "copy_positions_of",
        ),
        ("split", {"predecessor": "army-size"}, "successors"),
        ("split", {"predecessor": "army-size", "successors": ["amnesty"]}, "successors"),
    ],
)
def test_split_and_merge_refusals_name_the_field(editor_api, plan, action, body, field):
    response = post(editor_api, action, {**body, "edit_summary": "x"}, etag_for(second()))
    assert response.status_code == 400
    assert field in errors(response)
    assert not ClauseLineage.objects.exists()


def test_a_predecessor_of_another_plan_is_400(editor_api, plan):
    make_plan(slug="other")
    body = {"predecessor": "army-size", "new_successors": [], "edit_summary": "x"}
    # Slugs name clauses of this plan only: a clause of another plan cannot be named.
    response = post(editor_api, "split", {**body, "predecessor": "elections"}, etag_for(second()))
    assert response.status_code == 400
    assert "has no clause" in errors(response)["predecessor"]


def test_writes_are_for_editors(client, plan):
    response = client.post(f"{REVISION}split/", {}, format="json")
    assert response.status_code in (401, 403)
