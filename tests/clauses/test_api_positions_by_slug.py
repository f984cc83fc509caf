"""The positions list's page, read with the plan and the party matched by slug instead of
looked up first (every combination of filters against ``filter_positions``:
tests/clauses/test_position_pages.py): a value only ``filter_positions`` can answer is
left to it, a plan or party that does not exist matches nothing, and a filter naming
nothing is still the 400 naming it."""

import pytest
from django.http import QueryDict

from clauses.api.filters import matched_page_reader
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

URL = "/api/v1/positions/"


@pytest.fixture
def plans(db):
    build_plan(clauses=5, parties=3, revisions=3, slug="alpha")
    build_plan(clauses=4, parties=2, revisions=2, slug="beta")


@pytest.mark.parametrize(
    "params",
    ["stance=agrees", "plan=", "party=%20", "plan=alpha%00", "party=x%00"],
)
def test_values_only_filter_positions_answers_are_left_to_it(plans, params):
    assert matched_page_reader(QueryDict(params)) is None


def test_a_plan_or_party_that_does_not_exist_matches_nothing(plans):
    for params in ("plan=nowhere", "party=nobody", "plan=alpha&revision=1&party=nobody"):
        assert matched_page_reader(QueryDict(params))(0, 50) == [], params


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"plan": "nowhere", "revision": "1"}, "plan"),
        ({"plan": "alpha", "revision": "1", "party": "nobody"}, "party"),
        ({"plan": "nowhere", "page_size": "0"}, "plan"),
        ({"plan": "nowhere", "page": "last"}, "plan"),
        ({"party": "nobody", "page": "2"}, "party"),
    ],
)
def test_a_filter_naming_nothing_is_still_the_400_naming_it(client, plans, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_a_page_with_rows_is_the_page_the_full_path_answers(client, plans):
    # A page past the first is its slice of the whole list, with the count of all; a page
    # past the last comes back empty, and is then counted for its 404, as before.
    response = client.get(URL, {"plan": "alpha", "revision": "all", "page": 2, "page_size": 7})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 45 and len(body["results"]) == 7
    whole = client.get(URL, {"plan": "alpha", "revision": "all", "page_size": 500}).json()
    assert body["results"] == whole["results"][7:14]
    past = client.get(URL, {"plan": "alpha", "revision": "all", "page": 8, "page_size": 7})
    assert past.status_code == 404
