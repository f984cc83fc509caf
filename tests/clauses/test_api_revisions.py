"""A plan's revisions, and one revision with its clause versions and their positions."""

import datetime

import pytest

from clauses.vocabularies import Provenance, RevisionStatus, Stance
from tests.factories import (
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)


@pytest.fixture
def plan(db):
    plan = PlanFactory(slug="framework")
    us = PartyFactory(slug="us", name="United States", sort_order=3)
    r1 = RevisionFactory(
        plan=plan,
        number=1,
        label="US 28-point draft",
        published_on=datetime.date(2025, 11, 20),
        provenance=Provenance.LEAKED,
        proposed_by=us,
    )
    r2 = RevisionFactory(plan=plan, number=2, previous=r1, status=RevisionStatus.PROPOSED)
    # A counter-proposal answering the first draft, not the second.
    RevisionFactory(plan=plan, number=3, previous=r1)
    ukraine = PartyFactory(slug="ukraine", sort_order=1)
    russia = PartyFactory(slug="russia", sort_order=2)
    second = ClauseVersionFactory(
        revision=r2, clause__plan=plan, clause__slug="nato", position_in_draft=2, number="2"
    )
    first = ClauseVersionFactory(
        revision=r2, clause__plan=plan, clause__slug="dmz", position_in_draft=1, number="1"
    )
    PositionFactory(clause_version=first, party=russia, stance=Stance.RED_LINE)
    PositionFactory(clause_version=first, party=ukraine, stance=Stance.CONDITIONAL)
    PositionFactory(clause_version=second, party=ukraine)
    return plan


def test_revisions_by_number(client, plan):
    body = client.get("/api/v1/plans/framework/revisions/").json()
    assert [r["number"] for r in body["results"]] == [1, 2, 3]
    first, second, counter = body["results"]
    assert first["label"] == "US 28-point draft"
    assert first["published_on"] == "2025-11-20"
    assert first["provenance"] == "leaked"
    assert first["proposed_by"] == "us"
    assert first["proposed_by_url"] == "http://testserver/api/v1/parties/us/"
    assert first["previous"] is None and first["previous_url"] is None
    assert first["diff_url"] is None  # a first revision has no default diff
    assert second["status"] == "proposed"
    assert counter["previous"] == 1
    assert counter["previous_url"] == "http://testserver/api/v1/plans/framework/revisions/1/"
    assert counter["diff_url"] == "http://testserver/api/v1/plans/framework/revisions/3/diff/"
    assert counter["clone_url"] == "http://testserver/api/v1/plans/framework/revisions/3/clone/"


def test_one_revision_with_clause_versions_in_draft_order_and_positions_in_party_order(
    client, plan
):
    response = client.get("/api/v1/plans/framework/revisions/2/")

    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == body["etag"]
    assert [v["clause"] for v in body["clause_versions"]] == ["dmz", "nato"]
    dmz = body["clause_versions"][0]
    assert dmz["url"] == "http://testserver/api/v1/plans/framework/clauses/dmz/r2/"
    assert [(p["party"], p["stance"]["value"]) for p in dmz["positions"]] == [
        ("ukraine", 1),
        ("russia", -2),
    ]
    # The nested items carry their own ETags, to edit them without another GET.
    assert client.get(dmz["url"])["ETag"] == dmz["etag"]
    assert client.get(dmz["positions"][1]["url"])["ETag"] == dmz["positions"][1]["etag"]


def test_revisions_of_an_unknown_plan_are_404(client, plan):
    response = client.get("/api/v1/plans/nope/revisions/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "plan"
