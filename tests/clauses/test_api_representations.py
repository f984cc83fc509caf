"""One representation per resource: whichever way the API reaches a record (a list, its own
detail, nested in its parent, the positions list's row path), it reads the same, and every
field the schema declares is one the data has."""

import datetime

import pytest

from clauses.api import serializers
from clauses.vocabularies import ClauseStatus, Stance
from parties.api import PartySerializer
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

API = "http://testserver/api/v1"


@pytest.fixture
def plan(db):
    """r1 and r2 of one plan; a clause worded in both, with positions that differ in every
    field a position has (a date or none, a quote or none, carried over or not)."""
    plan = PlanFactory(slug="framework")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", sort_order=1)
    russia = PartyFactory(slug="russia", name="Russia", sort_order=2)
    r1 = RevisionFactory(plan=plan, number=1, proposed_by=ukraine)
    r2 = RevisionFactory(plan=plan, number=2, previous=r1)
    dmz = ClauseFactory(plan=plan, slug="dmz", title="Demilitarized zone")
    for revision in (r1, r2):
        version = ClauseVersionFactory(
            revision=revision, clause=dmz, number="14a", status=ClauseStatus.CONTESTED
        )
        PositionFactory(
            clause_version=version,
            party=ukraine,
            stance=Stance.RED_LINE,
            quote="<b>Never</b>",
            stated_on=datetime.date(2025, 11, 21),
        )
        PositionFactory(
            clause_version=version, party=russia, stance=Stance.UNKNOWN, carried_over=True
        )
    return plan


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_position_reads_the_same_in_the_list_in_its_detail_and_nested(client, plan):
    listed = _get(client, f"{API}/positions/", plan="framework", revision=2)["results"]
    revision = _get(client, f"{API}/plans/framework/revisions/2/")
    version = _get(client, revision["clause_versions"][0]["url"])
    clause = _get(client, f"{API}/plans/framework/clauses/dmz/")
    assert [p["party"] for p in listed] == ["ukraine", "russia"]
    for position in listed:
        assert _get(client, position["url"]) == position
    assert version["positions"] == listed
    assert revision["clause_versions"][0]["positions"] == listed
    assert clause["versions"][1]["positions"] == listed
    # The fields that differ between the two are really read, not defaulted.
    ukraine, russia = listed
    assert ukraine["stance"] == {"name": "red_line", "label": "red line", "value": -2}
    assert russia["stance"] == {"name": "unknown", "label": "unknown", "value": None}
    assert (ukraine["stated_on"], russia["stated_on"]) == ("2025-11-21", None)
    assert (ukraine["carried_over"], russia["carried_over"]) == (False, True)
    assert ukraine["quote"] == "<b>Never</b>"
    assert ukraine["clause_number"] == "14a"


def test_a_clause_version_reads_the_same_nested_and_alone(client, plan):
    revision = _get(client, f"{API}/plans/framework/revisions/2/")
    (nested,) = revision["clause_versions"]
    assert _get(client, nested["url"]) == nested
    clause = _get(client, f"{API}/plans/framework/clauses/dmz/")
    assert clause["versions"][1] == nested


def test_a_revision_reads_the_same_in_the_list_and_in_its_detail(client, plan):
    listed = _get(client, f"{API}/plans/framework/revisions/")["results"]
    for revision in listed:
        detail = _get(client, revision["url"])
        assert {k: v for k, v in detail.items() if k != "clause_versions"} == revision


def test_a_clause_plan_and_party_read_the_same_in_their_list_and_detail(client, plan):
    for url in (
        f"{API}/plans/framework/clauses/",
        f"{API}/plans/",
        f"{API}/parties/",
    ):
        for item in _get(client, url)["results"]:
            detail = _get(client, item["url"])
            # A clause's detail gives each version in full where the list summarises it.
            if "versions" in item:
                detail["versions"] = [
                    {key: version[key] for key in summary}
                    for version, summary in zip(detail["versions"], item["versions"], strict=True)
                ]
            assert detail == item


@pytest.mark.parametrize(
    ("serializer", "path"),
    [
        (serializers.PositionSerializer, ("clause_versions", 0, "positions", 0, "url")),
        (serializers.ClauseVersionSerializer, ("clause_versions", 0, "url")),
        (serializers.RevisionSerializer, ("previous_url",)),
        (serializers.RevisionDetailSerializer, ("url",)),
        (serializers.ClauseSerializer, ("clause_versions", 0, "clause_url")),
        (serializers.PlanSerializer, ("plan_url",)),
        (PartySerializer, ("clause_versions", 0, "positions", 0, "party_url")),
    ],
)
def test_the_schema_declares_exactly_the_fields_the_data_has(client, plan, serializer, path):
    """Each resource read from its own URL, reached by following links from revision 2."""
    found = _get(client, f"{API}/plans/framework/revisions/2/")
    for step in path:
        found = found[step]
    data = _get(client, found)
    if serializer is serializers.RevisionSerializer:  # as listed: without its clause versions
        del data["clause_versions"]
    assert set(serializer().fields) == set(data)


def test_a_clause_in_full_declares_exactly_the_fields_it_has(client, plan):
    data = _get(client, f"{API}/plans/framework/revisions/2/")["clause_versions"][0]
    clause = _get(client, data["clause_url"])
    assert set(serializers.ClauseDetailSerializer().fields) == set(clause)
    (version,) = [v for v in clause["versions"] if v["revision"] == 2]
    assert set(serializers.ClauseVersionSerializer().fields) == set(version)
