"""The overview's downloads keep the page's order: sorted by gap, by a party's stance or by
two parties' disagreement, the CSV and JSON list the clauses as the page does, with the
measure the order is by as a column, and ``meta.filters`` says what the file holds."""

import csv
import io
import json

import pytest

from clauses.export_rows import DISAGREEMENT_COLUMN, EXPORT_POSITION_COLUMNS, GAP_COLUMN
from clauses.vocabularies import Stance
from tests.factories import (
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

pytestmark = pytest.mark.django_db

S, C, A, OPP, R = (
    Stance.SUPPORTS,
    Stance.CONDITIONAL,
    Stance.AMBIGUOUS,
    Stance.OPPOSES,
    Stance.RED_LINE,
)
# Clause slug -> (Ukraine, Russia, United States), in draft order.
STANCES = {
    "ceasefire": (S, S, S),  # gap 0; Ukraine vs US 0
    "nato": (S, R, A),  # gap 4; Ukraine vs US 2
    "sanctions": (OPP, S, S),  # gap 3; Ukraine vs US 3
    "territory": (C, OPP, R),  # gap 3; Ukraine vs US 3
}
GAPS = {"ceasefire": 0, "nato": 4, "sanctions": 3, "territory": 3}
UKRAINE_VS_US = {"ceasefire": 0, "nato": 2, "sanctions": 3, "territory": 3}


@pytest.fixture
def plan():
    plan = PlanFactory(slug="ordered")
    revision = RevisionFactory(plan=plan, number=1)
    parties = [
        PartyFactory(slug="ukraine", name="Ukraine", sort_order=1),
        PartyFactory(slug="russia", name="Russia", sort_order=2),
        PartyFactory(slug="usa", name="United States", sort_order=3),
    ]
    for place, (slug, stances) in enumerate(STANCES.items(), start=1):
        version = ClauseVersionFactory(
            revision=revision,
            clause__plan=plan,
            clause__slug=slug,
            number=str(place),
            position_in_draft=place,
        )
        for party, stance in zip(parties, stances, strict=True):
            PositionFactory(clause_version=version, party=party, stance=stance)
    return plan


def page_order(client, query: str) -> list[str]:
    response = client.get(f"/plans/ordered/?{query}")
    assert response.status_code == 200
    return [row.slug for row in response.context["matrix"].rows]


def csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def json_of(response) -> dict:
    return json.loads(b"".join(response.streaming_content))


def clause_order(rows: list[dict]) -> list[str]:
    """The clauses in the order the rows first name them."""
    return list(dict.fromkeys(row["clause"] for row in rows))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["ceasefire", "nato", "sanctions", "territory"]),
        ("sort=gap", ["nato", "sanctions", "territory", "ceasefire"]),
        ("sort=stance&party=ukraine", ["sanctions", "territory", "ceasefire", "nato"]),
        ("sort=pair&party=ukraine&vs=usa", ["sanctions", "territory", "nato", "ceasefire"]),
    ],
    ids=["point", "gap", "stance", "pair"],
)
def test_every_sort_downloads_in_the_pages_order(client, plan, query, expected):
    assert page_order(client, query) == expected
    rows = csv_rows(client.get(f"/plans/ordered/?{query}&format=csv"))
    assert clause_order(rows) == expected
    data = json_of(client.get(f"/plans/ordered/?{query}&format=json"))
    assert clause_order(data["rows"]) == expected


def test_within_a_clause_the_parties_follow_the_pages_columns(client, plan):
    rows = csv_rows(client.get("/plans/ordered/?sort=pair&party=usa&vs=russia&format=csv"))
    first = [row["party"] for row in rows if row["clause"] == rows[0]["clause"]]
    assert first == ["usa", "russia", "ukraine"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_sorted_by_gap_the_download_carries_each_clauses_gap(client, plan, fmt):
    response = client.get(f"/plans/ordered/?sort=gap&format={fmt}")
    if fmt == "csv":
        rows = csv_rows(response)
        assert tuple(rows[0]) == (*EXPORT_POSITION_COLUMNS, GAP_COLUMN)
        assert {row["clause"]: int(row[GAP_COLUMN]) for row in rows} == GAPS
    else:
        data = json_of(response)
        assert data["meta"]["columns"] == [*EXPORT_POSITION_COLUMNS, GAP_COLUMN]
        assert data["meta"]["filters"] == {"sort": "gap"}
        assert {row["clause"]: row[GAP_COLUMN] for row in data["rows"]} == GAPS


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_with_two_parties_chosen_the_download_carries_their_disagreement(client, plan, fmt):
    url = f"/plans/ordered/?sort=pair&party=ukraine&vs=usa&format={fmt}"
    response = client.get(url)
    if fmt == "csv":
        rows = csv_rows(response)
        assert tuple(rows[0]) == (*EXPORT_POSITION_COLUMNS, GAP_COLUMN, DISAGREEMENT_COLUMN)
        found = {row["clause"]: int(row[DISAGREEMENT_COLUMN]) for row in rows}
        gaps = {row["clause"]: int(row[GAP_COLUMN]) for row in rows}
    else:
        data = json_of(response)
        assert data["meta"]["filters"] == {"party": "ukraine", "vs": "usa", "sort": "pair"}
        found = {row["clause"]: row[DISAGREEMENT_COLUMN] for row in data["rows"]}
        gaps = {row["clause"]: row[GAP_COLUMN] for row in data["rows"]}
    assert found == UKRAINE_VS_US
    assert gaps == GAPS


def test_two_parties_chosen_in_draft_order_still_carry_their_disagreement(client, plan):
    data = json_of(client.get("/plans/ordered/?party=ukraine&vs=usa&format=json"))
    assert clause_order(data["rows"]) == list(STANCES)
    assert data["meta"]["columns"] == [*EXPORT_POSITION_COLUMNS, DISAGREEMENT_COLUMN]
    assert {row["clause"]: row[DISAGREEMENT_COLUMN] for row in data["rows"]} == UKRAINE_VS_US


def test_the_draft_order_download_keeps_its_columns(client, plan):
    data = json_of(client.get("/plans/ordered/?format=json"))
    assert data["meta"]["columns"] == list(EXPORT_POSITION_COLUMNS)
    assert data["meta"]["filters"] == {}


def test_meta_filters_never_claim_a_second_party_without_a_first(client, plan):
    data = json_of(client.get("/plans/ordered/?vs=usa&sort=gap&format=json"))
    assert data["meta"]["filters"] == {"sort": "gap"}
    assert DISAGREEMENT_COLUMN not in data["meta"]["columns"]
    assert clause_order(data["rows"]) == page_order(client, "vs=usa&sort=gap")
