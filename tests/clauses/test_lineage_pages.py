"""The editor's lineage forms (re-link, split, merge), and what the diff, the revision
page and the clause pages then say."""

import pytest
from django.urls import reverse

from clauses.models import ClauseLineage, ClauseVersion, Correction, Revision
from clauses.services import revision_clone
from clauses.services.fingerprints import fingerprints_refresh_all
from tests.editing_helpers import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(editor):
    plan = make_plan()
    revision_clone(source=plan.revisions.get(number=1), user=editor, summary="Next draft")
    fingerprints_refresh_all()
    return plan


def relink_url(clause="amnesty", number=2):
    return reverse(
        "editing:clause_version_relink",
        kwargs={"plan": "framework", "clause": clause, "number": number},
    )


def revision_url(name, number=2):
    return reverse(f"editing:{name}", kwargs={"plan": "framework", "number": number})


def point(slug, number=2):
    return ClauseVersion.objects.get(clause__slug=slug, revision__number=number)


def test_the_forms_are_for_editors_only(client, analyst_client, plan):
    for url in (relink_url(), revision_url("clause_split"), revision_url("clause_merge")):
        assert client.get(url).status_code == 302  # to log in
        assert analyst_client.get(url).status_code == 403


def test_an_editor_reaches_the_forms_from_the_revision_and_the_point(editor_client, plan):
    revision_page = editor_client.get("/plans/framework/revisions/2/").content.decode()
    point_page = editor_client.get("/plans/framework/clauses/amnesty/r2/").content.decode()
    assert revision_url("clause_split") in revision_page
    assert revision_url("clause_merge") in revision_page
    assert relink_url() in point_page


def test_relink_through_the_form_moves_the_point_to_a_new_clause(editor_client, plan):
    amnesty = point("amnesty")
    response = editor_client.post(
        relink_url(),
        {"version": amnesty.version, "new_title": "Prisoner exchange", "edit_summary": "Wrong"},
    )
    assert response.status_code == 302
    moved = ClauseVersion.objects.get(pk=amnesty.pk)
    assert moved.clause.title == "Prisoner exchange"
    assert response["Location"] == moved.get_absolute_url()
    # The old clause's page no longer holds r2; the new one's does, with its positions.
    old_page = editor_client.get("/plans/framework/clauses/amnesty/").content.decode()
    assert "/plans/framework/clauses/amnesty/r2/" not in old_page
    assert editor_client.get(moved.get_absolute_url()).status_code == 200


def test_relink_refusals_keep_the_form_with_a_message(editor_client, plan):
    amnesty = point("amnesty")
    sovereignty = point("sovereignty").clause
    response = editor_client.post(
        relink_url(),
        {"version": amnesty.version, "clause": sovereignty.pk, "edit_summary": "x"},
    )
    assert response.status_code == 200
    assert "already has a version in revision 2" in response.content.decode()
    response = editor_client.post(relink_url(), {"version": amnesty.version, "new_title": "A"})
    assert "the edit summary" in response.content.decode()
    stale = editor_client.post(
        relink_url(), {"version": amnesty.version + 1, "new_title": "A", "edit_summary": "x"}
    )
    assert "Someone else changed this point" in stale.content.decode()
    assert not Correction.objects.exists()


def test_split_through_the_form_then_the_diff_and_clause_pages_follow_it(editor_client, plan):
    second = Revision.objects.get(plan=plan, number=2)
    army = point("army-size", 1)
    response = editor_client.post(
        revision_url("clause_split"),
        {
            "version": second.version,
            "predecessor": army.pk,
            "new_successors": "2a | Army in peacetime | Capped at 800,000.\n"
            "2b | Army reserves | Not limited.",
            "copy_positions_of": [army.positions.get(party__slug="ukraine").party_id],
            "edit_summary": "The draft splits point 2",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert ClauseLineage.objects.count() == 2

    diff = editor_client.get("/plans/framework/revisions/2/diff/").content.decode()
    assert "split into 2 (this clause)" in diff
    assert ">2a</a> and <a" in diff
    assert "split from" in diff

    successor = ClauseVersion.objects.get(revision__number=2, number="2a").clause
    successor_page = editor_client.get(successor.get_absolute_url()).content.decode()
    assert "Split from" in successor_page
    assert 'href="/plans/framework/clauses/army-size/"' in successor_page
    predecessor_page = editor_client.get("/plans/framework/clauses/army-size/").content.decode()
    assert "Split into" in predecessor_page and "Army reserves" in predecessor_page


def test_a_split_form_with_a_malformed_new_point_says_which_line(editor_client, plan):
    second = Revision.objects.get(plan=plan, number=2)
    response = editor_client.post(
        revision_url("clause_split"),
        {
            "version": second.version,
            "predecessor": point("army-size", 1).pk,
            "new_successors": "2a | only a title",
            "edit_summary": "x",
        },
    )
    assert "Line 1: write each new point" in response.content.decode()


def test_merge_through_the_form(editor_client, plan):
    second = Revision.objects.get(plan=plan, number=2)
    gone = point("amnesty")
    gone.positions.all().delete()
    gone.delete()
    fingerprints_refresh_all()
    response = editor_client.post(
        revision_url("clause_merge"),
        {
            "version": second.version,
            "predecessors": [point("army-size", 1).pk, point("amnesty", 1).pk],
            "successor": point("army-size").pk,
            "edit_summary": "Point 4 folded into point 2",
        },
    )
    assert response.status_code == 302, response.content.decode()
    diff = editor_client.get("/plans/framework/revisions/2/diff/").content.decode()
    assert "merged into" in diff
    amnesty_page = editor_client.get("/plans/framework/clauses/amnesty/").content.decode()
    assert "Merged into" in amnesty_page


def test_merge_of_one_clause_is_refused(editor_client, plan):
    second = Revision.objects.get(plan=plan, number=2)
    response = editor_client.post(
        revision_url("clause_merge"),
        {
            "version": second.version,
            "predecessors": [point("army-size", 1).pk],
            "successor": point("army-size").pk,
            "edit_summary": "x",
        },
    )
    assert "A merge needs two clauses" in response.content.decode()
