"""The revision timeline and one revision in draft order."""

import datetime

import pytest
from django.urls import reverse

from clauses.vocabularies import Provenance, RevisionStatus, Stance
from tests.factories import (
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    """r1, r2 continuing r1, and r3 a Russian counter-proposal answering r1."""
    plan = PlanFactory(slug="framework", title="Peace framework")
    russia = PartyFactory(slug="russia", name="Russia")
    first = RevisionFactory(
        plan=plan,
        number=1,
        label="US 28-point draft",
        published_on=datetime.date(2025, 11, 20),
        status=RevisionStatus.SUPERSEDED,
        provenance=Provenance.LEAKED,
    )
    RevisionFactory(
        plan=plan,
        number=2,
        label="Joint framework",
        previous=first,
        status=RevisionStatus.UNDER_NEGOTIATION,
        provenance=Provenance.REPORTED,
    )
    RevisionFactory(
        plan=plan,
        number=3,
        label="Counter-proposal",
        previous=first,
        proposed_by=russia,
        status=RevisionStatus.PROPOSED,
        branch=True,  # as recorded: it answers r1 while r2 is current
    )
    return plan


def test_the_timeline_lists_every_revision_with_its_facts(client, plan):
    response = client.get(reverse("clauses:revisions", kwargs={"plan": "framework"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert [e.revision.number for e in response.context["timeline"]] == [3, 2, 1]  # newest first
    for words in [
        "US 28-point draft",
        "20 November 2025",
        "superseded",
        "leaked text",
        "under negotiation",
        "nothing: the first draft",
    ]:
        assert words in page


def test_the_timeline_says_what_each_revision_continues_and_when_it_branches(client, plan):
    page = client.get(reverse("clauses:revisions", kwargs={"plan": "framework"})).content.decode()
    assert page.count("r1: US 28-point draft</a>") == 2
    items = {number: page.split(f'id="r{number}"')[1].split("</li>")[0] for number in (1, 2, 3)}
    assert '<span class="line-badge line-branch">branch</span>' in items[3]
    assert '<span class="line-badge line-current">current</span>' in items[2]
    assert '<span class="line-badge line-main">main line</span>' in items[1]
    assert "timeline-branch" in page.split('id="r3"')[0].rsplit("<li", 1)[1]
    assert "(branches off it)" in items[3]
    assert 'href="/parties/russia/"' in page  # proposed by


def test_the_timeline_links_each_continuing_revision_to_its_diff(client, plan):
    page = client.get(reverse("clauses:revisions", kwargs={"plan": "framework"})).content.decode()
    assert 'href="/plans/framework/revisions/2/diff/"' in page
    assert 'href="/plans/framework/revisions/3/diff/"' in page
    assert 'href="/plans/framework/revisions/1/diff/"' not in page


def test_one_revision_shows_its_clauses_in_draft_order_with_text_and_positions(client, plan):
    revision = plan.revisions.get(number=2)
    party = PartyFactory(slug="ukraine", name="Ukraine")
    later = ClauseVersionFactory(
        revision=revision,
        number="9",
        position_in_draft=2,
        text="Ukraine's army is capped at 800,000.",
    )
    earlier = ClauseVersionFactory(
        revision=revision, number="3", position_in_draft=1, text="A demilitarized zone in the east."
    )
    PositionFactory(
        clause_version=later, party=party, stance=Stance.OPPOSES, summary="Rejects a cap."
    )

    response = client.get(revision.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert list(response.context["page"].object_list) == [earlier, later]
    assert page.index("A demilitarized zone") < page.index("capped at 800,000")
    assert "Ukraine&#x27;s army" in page
    assert '<span class="stance stance-opposes">opposes</span>' in page
    assert "Rejects a cap." in page
    assert "No position recorded on this point." in page


def test_one_revision_shows_what_it_continues_and_links_to_its_diff(client, plan):
    page = client.get("/plans/framework/revisions/3/").content.decode()
    assert "Counter-proposal" in page
    assert 'href="/plans/framework/revisions/1/"' in page
    assert 'href="/plans/framework/revisions/3/diff/"' in page


@pytest.mark.parametrize(
    "url",
    [
        "/plans/nowhere/revisions/",
        "/plans/nowhere/revisions/1/",
        "/plans/framework/revisions/4/",
        "/plans/framework/revisions/0/",
        "/plans/framework/revisions/99999999999999999999/",
        "/plans/framework/revisions/two/",
    ],
)
def test_unknown_plans_and_revisions_are_404(client, plan, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Nothing at this address" in response.content.decode()


def test_a_long_revision_is_paged_and_every_clause_is_reachable(client, plan, monkeypatch):
    from clauses.views import revisions as revision_views

    monkeypatch.setattr(revision_views, "REVISION_PAGE_SIZE", 1)
    revision = plan.revisions.get(number=2)
    ClauseVersionFactory(revision=revision, number="3", position_in_draft=1, text="First.")
    ClauseVersionFactory(revision=revision, number="9", position_in_draft=2, text="Second.")
    url = reverse("clauses:revision", kwargs={"plan": "framework", "number": 2})
    first = client.get(url).content.decode()
    assert "First." in first and "Second." not in first
    assert 'href="?page=2" rel="next"' in first
    assert "Second." in client.get(url, {"page": 2}).content.decode()
