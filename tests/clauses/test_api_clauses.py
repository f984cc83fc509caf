"""Clauses: each with its version in every revision; one clause with its wording and
positions in each; one clause version."""

import pytest

from clauses.vocabularies import ClauseStatus, Topic
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)


@pytest.fixture
def plan(db):
    plan = PlanFactory(slug="framework")
    r1 = RevisionFactory(plan=plan, number=1)
    r2 = RevisionFactory(plan=plan, number=2, previous=r1)
    dmz = ClauseFactory(plan=plan, slug="dmz", title="Demilitarized zone", topic=Topic.MILITARY)
    ClauseFactory(plan=plan, slug="amnesty", title="Amnesty", topic=Topic.HUMANITARIAN)
    ClauseVersionFactory(revision=r1, clause=dmz, number="9", text="A zone of 20 km.")
    v2 = ClauseVersionFactory(
        revision=r2, clause=dmz, number="7", text="A zone of 30 km.", status=ClauseStatus.CONTESTED
    )
    PositionFactory(clause_version=v2, party=PartyFactory(slug="russia"))
    return plan


def test_clauses_by_title_with_their_version_in_each_revision(client, plan):
    body = client.get("/api/v1/plans/framework/clauses/").json()

    assert [c["slug"] for c in body["results"]] == ["amnesty", "dmz"]
    amnesty, dmz = body["results"]
    assert amnesty["versions"] == []
    assert dmz["topic"] == "military"
    assert dmz["history_url"] == "http://testserver/api/v1/plans/framework/clauses/dmz/history/"
    assert dmz["versions"] == [
        {
            "url": "http://testserver/api/v1/plans/framework/clauses/dmz/r1/",
            "revision": 1,
            "revision_url": "http://testserver/api/v1/plans/framework/revisions/1/",
            "number": "9",
            "position_in_draft": dmz["versions"][0]["position_in_draft"],
            "status": "open",
        },
        {
            "url": "http://testserver/api/v1/plans/framework/clauses/dmz/r2/",
            "revision": 2,
            "revision_url": "http://testserver/api/v1/plans/framework/revisions/2/",
            "number": "7",
            "position_in_draft": dmz["versions"][1]["position_in_draft"],
            "status": "contested",
        },
    ]


def test_one_clause_with_its_wording_and_positions_in_each_revision(client, plan):
    body = client.get("/api/v1/plans/framework/clauses/dmz/").json()
    assert [(v["revision"], v["text"]) for v in body["versions"]] == [
        (1, "A zone of 20 km."),
        (2, "A zone of 30 km."),
    ]
    assert [p["party"] for p in body["versions"][1]["positions"]] == ["russia"]


def test_one_clause_version(client, plan):
    response = client.get("/api/v1/plans/framework/clauses/dmz/r2/")
    body = response.json()
    assert response["ETag"] == body["etag"]
    assert body["title"] == "Demilitarized zone"
    assert (body["number"], body["status"], body["text"]) == ("7", "contested", "A zone of 30 km.")
    assert body["revision_url"] == "http://testserver/api/v1/plans/framework/revisions/2/"
    assert body["clause_url"] == "http://testserver/api/v1/plans/framework/clauses/dmz/"


def test_a_clause_not_in_a_revision_is_404_naming_the_number(client, plan):
    response = client.get("/api/v1/plans/framework/clauses/amnesty/r1/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "number"
