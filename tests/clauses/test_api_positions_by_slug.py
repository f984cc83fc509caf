"""The positions list's page query, which matches the plan and the party by slug instead
of looking them up first, keeps exactly what the filters keep through ``filter_positions``:
the same rows, in the same order, with the same count, for every combination; and a
filter naming nothing is still the 400 naming it."""

import datetime
import itertools

import pytest
from django.http import QueryDict

from clauses.api.filters import filter_positions, positions_matched_by_slug
from clauses.models import Position
from clauses.representations import POSITION_FIELDS
from clauses.selectors import api_reads as reads
from core.api.pagination import counted_rows
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

URL = "/api/v1/positions/"


@pytest.fixture
def plans(db):
    # Two plans, so that an order by plan and the latest revision of each are both tested.
    build_plan(clauses=5, parties=3, revisions=3, slug="alpha")
    build_plan(clauses=4, parties=2, revisions=2, slug="beta")
    every_fourth = list(Position.objects.order_by("pk").values_list("pk", flat=True))[::4]
    Position.objects.filter(pk__in=every_fourth).update(
        stated_on=datetime.date(2025, 12, 1), carried_over=True
    )


FILTERS = {
    "plan": ["alpha", "beta"],
    "revision": ["1", "latest", "all"],
    "party": ["alpha-party-1"],
    "stance": ["supports"],
    "topic": ["territory"],
    "status": ["open"],
}


def combinations():
    names = list(FILTERS)
    for chosen in itertools.chain.from_iterable(
        itertools.combinations(names, n) for n in range(len(names) + 1)
    ):
        for values in itertools.product(*(FILTERS[name] for name in chosen)):
            params = dict(zip(chosen, values, strict=True))
            # A revision number needs a plan: without one it is a 400, tested below.
            if params.get("revision", "").isdigit() and "plan" not in params:
                continue
            yield params


def test_every_combination_of_filters_reads_what_filter_positions_reads(plans):
    compared = 0
    for params in combinations():
        query = QueryDict(mutable=True)
        query.update(params)
        matched = positions_matched_by_slug(query)
        expected = list(counted_rows(filter_positions(query, reads.positions()), POSITION_FIELDS))
        assert list(counted_rows(matched, POSITION_FIELDS)) == expected, params
        compared += bool(expected)
    assert compared > 20  # most combinations select some positions


@pytest.mark.parametrize(
    "params",
    ["stance=agrees", "plan=", "party=%20", "plan=alpha%00", "party=x%00"],
)
def test_values_only_filter_positions_answers_are_left_to_it(plans, params):
    assert positions_matched_by_slug(QueryDict(params)) is None


def test_a_plan_or_party_that_does_not_exist_matches_nothing(plans):
    for params in ("plan=nowhere", "party=nobody", "plan=alpha&revision=1&party=nobody"):
        assert not positions_matched_by_slug(QueryDict(params)).exists(), params


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
