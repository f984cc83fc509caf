"""The positions list and one position: filters, default revision, stance, links."""

import pytest

from clauses.vocabularies import ClauseStatus, Stance, Topic
from core.api.exceptions import REVISION_FILTER_INVALID
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

URL = "/api/v1/positions/"


@pytest.fixture
def plan_data(db):
    """Two revisions of one plan; r2 rewords clause a, drops clause b and adds clause c."""
    plan = PlanFactory(slug="framework")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", sort_order=1)
    russia = PartyFactory(slug="russia", name="Russia", sort_order=2)
    r1 = RevisionFactory(plan=plan, number=1)
    r2 = RevisionFactory(plan=plan, number=2, previous=r1)
    a = ClauseFactory(plan=plan, slug="dmz", title="Demilitarized zone", topic=Topic.MILITARY)
    b = ClauseFactory(plan=plan, slug="nato", title="NATO", topic=Topic.ALLIANCES)
    c = ClauseFactory(plan=plan, slug="zaporizhzhia", title="ZNPP", topic=Topic.NUCLEAR_ENERGY)
    a1 = ClauseVersionFactory(revision=r1, clause=a, number="1", position_in_draft=1)
    b1 = ClauseVersionFactory(revision=r1, clause=b, number="2", position_in_draft=2)
    a2 = ClauseVersionFactory(
        revision=r2, clause=a, number="1", position_in_draft=1, status=ClauseStatus.CONTESTED
    )
    c2 = ClauseVersionFactory(revision=r2, clause=c, number="2", position_in_draft=2)
    PositionFactory(clause_version=a1, party=ukraine, stance=Stance.SUPPORTS)
    PositionFactory(clause_version=b1, party=russia, stance=Stance.RED_LINE)
    PositionFactory(clause_version=a2, party=ukraine, stance=Stance.OPPOSES)
    PositionFactory(clause_version=a2, party=russia, stance=Stance.SUPPORTS)
    PositionFactory(clause_version=c2, party=ukraine, stance=Stance.UNKNOWN)
    return plan


def _keys(response):
    return [(p["revision"], p["clause"], p["party"]) for p in response.json()["results"]]


def test_default_is_each_plans_latest_revision(client, plan_data):
    other = PlanFactory(slug="other")
    r1 = RevisionFactory(plan=other, number=1)
    PositionFactory(clause_version=ClauseVersionFactory(revision=r1), party__slug="ukraine")

    response = client.get(URL)

    assert response.status_code == 200
    assert _keys(response) == [
        (2, "dmz", "ukraine"),
        (2, "dmz", "russia"),
        (2, "zaporizhzhia", "ukraine"),
        (1, response.json()["results"][3]["clause"], "ukraine"),
    ]
    assert response.json()["count"] == 4


def test_all_revisions_and_one_revision(client, plan_data):
    assert len(_keys(client.get(URL, {"revision": "all"}))) == 5
    assert _keys(client.get(URL, {"plan": "framework", "revision": "1"})) == [
        (1, "dmz", "ukraine"),
        (1, "nato", "russia"),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"party": "russia"}, [(2, "dmz", "russia")]),
        ({"stance": "opposes"}, [(2, "dmz", "ukraine")]),
        ({"topic": "nuclear_energy"}, [(2, "zaporizhzhia", "ukraine")]),
        ({"status": "contested"}, [(2, "dmz", "ukraine"), (2, "dmz", "russia")]),
        (
            {"plan": "framework", "revision": "1", "party": "russia", "stance": "red_line"},
            [(1, "nato", "russia")],
        ),
        (
            {"plan": "framework", "revision": "latest"},
            [(2, "dmz", "ukraine"), (2, "dmz", "russia"), (2, "zaporizhzhia", "ukraine")],
        ),
    ],
)
def test_filters(client, plan_data, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert _keys(response) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"stance": "hostile"}, "stance"),
        ({"topic": "weather"}, "topic"),
        ({"status": "done"}, "status"),
        ({"plan": "no-such-plan"}, "plan"),
        ({"party": "atlantis"}, "party"),
        ({"plan": "framework", "revision": "two"}, "revision"),
        ({"plan": "framework", "revision": "99999999999999999999"}, "revision"),
    ],
)
def test_unknown_filter_value_is_400_naming_the_filter(client, plan_data, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert [error["field"] for error in body["errors"]] == [field]
    assert body["detail"].startswith(f"{field}: ")


def test_revision_filter_messages(client, plan_data):
    body = client.get(URL, {"plan": "framework", "revision": "two"}).json()
    assert body["errors"][0]["message"] == REVISION_FILTER_INVALID.format(value="two")


def test_a_revision_number_without_a_plan_reads_that_revision_of_each_plan(client, plan_data):
    other = PlanFactory(slug="other")
    first = RevisionFactory(plan=other, number=1)
    second = RevisionFactory(plan=other, number=2, previous=first)
    for revision in (first, second):
        PositionFactory(clause_version=ClauseVersionFactory(revision=revision, clause__plan=other))
    rows = client.get(URL, {"revision": "2"}).json()["results"]
    assert {(row["plan"], row["revision"]) for row in rows} == {("framework", 2), ("other", 2)}


def test_a_position_reads_with_stance_name_and_value_and_links(client, plan_data):
    (row,) = client.get(URL, {"party": "russia"}).json()["results"]
    assert row["stance"] == {"name": "supports", "label": "supports", "value": 2}
    assert row["url"] == "http://testserver/api/v1/plans/framework/clauses/dmz/r2/positions/russia/"
    assert row["revision_url"] == "http://testserver/api/v1/plans/framework/revisions/2/"
    assert row["clause_version_url"] == "http://testserver/api/v1/plans/framework/clauses/dmz/r2/"
    assert row["party_url"] == "http://testserver/api/v1/parties/russia/"

    detail = client.get(row["url"])
    assert detail.status_code == 200
    assert detail.json() == row
    assert detail["ETag"] == row["etag"]


def test_every_listed_position_reads_as_its_own_detail(client, plan_data):
    """The list builds its rows by a faster path than the detail; both read the same."""
    import datetime

    from clauses.models import Position

    Position.objects.filter(party__slug="ukraine").update(
        stated_on=datetime.date(2025, 3, 1), carried_over=True, quote="Their words: «ça»."
    )
    rows = client.get(URL, {"revision": "all", "page_size": 500}).json()["results"]

    assert len(rows) == Position.objects.count()
    for row in rows:
        assert client.get(row["url"]).json() == row


def test_unknown_stance_has_no_value(client, plan_data):
    (row,) = client.get(URL, {"topic": "nuclear_energy"}).json()["results"]
    assert row["stance"] == {"name": "unknown", "label": "unknown", "value": None}


def test_red_line_reads_as_minus_two(client, plan_data):
    (row,) = client.get(URL, {"plan": "framework", "revision": "1", "party": "russia"}).json()[
        "results"
    ]
    assert row["stance"] == {"name": "red_line", "label": "red line", "value": -2}


def test_stated_on_is_iso_8601(client, plan_data):
    import datetime

    from clauses.models import Position

    Position.objects.filter(party__slug="russia").update(stated_on=datetime.date(2025, 11, 23))
    (row,) = client.get(URL, {"party": "russia"}).json()["results"]
    assert row["stated_on"] == "2025-11-23"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/plans/nope/clauses/dmz/r2/positions/russia/", "plan"),
        ("/api/v1/plans/framework/clauses/nope/r2/positions/russia/", "clause"),
        ("/api/v1/plans/framework/clauses/dmz/r9/positions/russia/", "number"),
        ("/api/v1/plans/framework/clauses/nato/r2/positions/russia/", "number"),
        ("/api/v1/plans/framework/clauses/dmz/r2/positions/atlantis/", "party"),
        ("/api/v1/plans/framework/clauses/zaporizhzhia/r2/positions/russia/", "party"),
        ("/api/v1/plans/framework/clauses/dmz/r99999999999/positions/russia/", "number"),
    ],
)
def test_unknown_position_parts_are_404_naming_the_part(client, plan_data, path, field):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == field
