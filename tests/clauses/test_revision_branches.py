"""A plan's main line and its branches: which revision is current, and what a new draft
continues by default.

A counter-proposal (a revision that continues anything but the current revision, or one
the editor records as a branch) stays a branch: the overview, the party pages, the API's
defaults and "Paste a new draft" keep to the main line.
"""

import importlib

import pytest
from django.apps import apps

from clauses import selectors
from clauses.models import Revision
from clauses.services import revision_clone, revision_create
from clauses.views.plans import BAD_REVISION
from drafting.services import ConfirmedPoint, revision_from_paste
from tests.editing_helpers import NEXT_DRAFT, form_data, make_plan
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def record(plan, *, previous, branch=False, user=None):
    """A one-point draft continuing ``previous``, recorded as the paste page records it."""
    return revision_from_paste(
        plan=plan,
        previous=previous,
        points=[
            ConfirmedPoint(
                number="1", text="A new point.", title="A point", topic="economy_sanctions"
            )
        ],
        user=user,
        summary="Next draft",
        branch=branch,
    )


@pytest.fixture
def framework(editor):
    """r1 (first draft), r2 continuing r1 (main line), r3 a counter-proposal to r1."""
    plan = make_plan()
    first = plan.revisions.get()
    second = revision_clone(source=first, user=editor, summary="Joint framework")
    counter = revision_clone(source=first, user=editor, summary="Counter-proposal")
    return plan, first, second, counter


def test_a_counter_proposal_to_an_earlier_draft_is_a_branch(framework):
    plan, first, second, counter = framework

    assert (first.branch, second.branch, counter.branch) == (False, False, True)
    assert selectors.current_revision(plan=plan) == second
    assert selectors.current_among(list(selectors.revisions_of(plan=plan))) == second
    assert list(selectors.current_revisions()) == [second]


def test_the_next_main_line_draft_continues_the_current_revision(framework, editor):
    plan, first, second, counter = framework

    fourth = record(plan, previous=selectors.current_revision(plan=plan), user=editor)

    assert fourth.previous == second and not fourth.branch
    assert selectors.current_revision(plan=plan) == fourth


def test_a_draft_continuing_a_branch_stays_on_the_branch(framework, editor):
    plan, first, second, counter = framework

    answer = record(plan, previous=counter, user=editor)

    assert answer.branch
    assert selectors.current_revision(plan=plan) == second


def test_a_counter_proposal_to_the_current_draft_is_a_branch_when_marked_so(framework, editor):
    plan, first, second, counter = framework

    marked = record(plan, previous=second, branch=True, user=editor)
    created = revision_create(plan=plan, previous=second, branch=True, user=editor, summary="x")

    assert marked.branch and created.branch
    assert selectors.current_revision(plan=plan) == second


def test_a_plans_first_revision_is_its_main_line(editor):
    plan = PlanFactory()
    first = revision_create(plan=plan, user=editor, summary="First draft")
    assert not first.branch
    assert selectors.current_revision(plan=plan) == first


def test_existing_revisions_are_classed_by_the_same_rule(framework):
    """The migration that introduced branches classes revisions recorded before it."""
    plan, first, second, counter = framework
    Revision.objects.update(branch=False)
    migration = importlib.import_module("clauses.migrations.0004_revision_branch")

    migration.class_branches(apps, None)

    assert list(plan.revisions.order_by("number").values_list("branch", flat=True)) == [
        False,
        False,
        True,
    ]


def test_the_overview_stays_on_the_main_line(framework, client):
    response = client.get("/plans/framework/")
    assert response.context["revision"].number == 2
    assert "not the plan's current revision" not in response.content.decode()


def test_the_overview_shows_any_revision_asked_for(framework, client):
    response = client.get("/plans/framework/?revision=3")

    assert response.status_code == 200
    assert response.context["revision"].number == 3
    page = response.content.decode()
    assert "a branch off the main line" in page
    assert 'href="/plans/framework/">Show the current revision, 2:' in page
    assert '<input type="hidden" name="revision" value="3">' in page  # filters keep it
    filtered = client.get("/plans/framework/?revision=1&topic=military")
    assert filtered.context["revision"].number == 1
    assert [row.slug for row in filtered.context["matrix"].rows] == ["army-size"]


@pytest.mark.parametrize(("value", "status"), [("abc", 400), ("-1", 400), ("99", 404)])
def test_the_overview_refuses_a_revision_it_cannot_show(framework, client, value, status):
    response = client.get(f"/plans/framework/?revision={value}")
    assert response.status_code == status
    if status == 400:
        assert response.content.decode() == BAD_REVISION


def test_paste_a_new_draft_continues_the_current_revision(framework, editor_client):
    page = editor_client.get("/plans/framework/revisions/+paste/")
    assert page.context["previous"].number == 2
    assert page.context["form"]["previous"].value() == Revision.objects.get(number=2).pk
    html = page.content.decode()
    assert "3. Revision 3 (branch)</option>" in html


def test_the_paste_form_continues_the_revision_the_editor_chooses(framework, editor_client):
    plan, first, second, counter = framework
    response = editor_client.post(
        "/plans/framework/revisions/+paste/", {"text": NEXT_DRAFT, "previous": first.pk}
    )
    assert response.context["previous"] == first
    assert response.context["confirm_url"] == "/plans/framework/revisions/1/paste/confirm/"

    data = form_data(response.context["form"], edit_summary="Counter-proposal to r1")
    recorded = editor_client.post(response.context["confirm_url"], data)

    assert recorded.status_code == 302
    newest = plan.revisions.order_by("-number").first()
    assert (newest.number, newest.previous, newest.branch) == (4, first, True)
    assert selectors.current_revision(plan=plan) == second


def test_the_alignment_page_records_a_branch_when_asked(framework, editor_client):
    plan, first, second, counter = framework
    response = editor_client.post("/plans/framework/revisions/+paste/", {"text": NEXT_DRAFT})
    data = form_data(response.context["form"], edit_summary="Counter", branch="on")

    editor_client.post(response.context["confirm_url"], data)

    newest = plan.revisions.order_by("-number").first()
    assert (newest.previous, newest.branch) == (second, True)
    assert selectors.current_revision(plan=plan) == second


def test_the_clone_form_records_a_branch_when_asked(framework, editor_client):
    plan, first, second, counter = framework
    form = editor_client.get("/plans/framework/revisions/2/next/").context["form"]
    editor_client.post(
        "/plans/framework/revisions/2/next/",
        form_data(form, edit_summary="Counter", branch="on"),
    )
    newest = plan.revisions.order_by("-number").first()
    assert (newest.previous, newest.branch) == (second, True)
    assert selectors.current_revision(plan=plan) == second


def test_the_revision_page_says_it_is_a_branch(framework, client):
    page = client.get("/plans/framework/revisions/3/").content.decode()
    assert '<span class="line-badge line-branch">branch</span>' in page
    assert 'href="/plans/framework/?revision=3"' in page


def test_the_overview_export_follows_the_revision_shown(framework, client):
    response = client.get("/plans/framework/?revision=1&format=json")
    assert response.status_code == 200
    assert b'"revisions": [1]' in b"".join(response.streaming_content)
    refused = client.get("/plans/framework/?revision=abc&format=csv")
    assert refused.status_code == 400
    assert refused.content.decode() == BAD_REVISION
