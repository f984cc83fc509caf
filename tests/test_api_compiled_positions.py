"""The positions list's page query, compiled once per combination of filters, answers
exactly what the filters and paginator answer through the ORM: the same rows, in the same
order, with the same count, for every combination; and a filter naming nothing is still
the 400 naming it."""

import datetime
import itertools

import pytest
from django.http import QueryDict

from clauses.api.filters import compiled_positions, filter_positions
from clauses.models import Plan, Position
from clauses.representations import POSITION_FIELDS
from clauses.selectors import api_reads as reads
from clauses.selectors.compiled import compile_rows
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


def test_every_combination_of_filters_reads_what_the_orm_reads(plans):
    compared = 0
    for params in combinations():
        query = QueryDict(mutable=True)
        query.update(params)
        compiled, values = compiled_positions(query)
        expected = list(counted_rows(filter_positions(query, reads.positions()), POSITION_FIELDS))
        assert compiled.rows(values, limit=10_000, offset=0) == expected, params
        compared += bool(expected)
    assert compared > 20  # most combinations select some positions


def test_a_page_is_the_slice_of_the_whole(plans):
    query = QueryDict("plan=alpha&revision=all")
    compiled, values = compiled_positions(query)
    whole = compiled.rows(values, limit=10_000, offset=0)
    assert compiled.rows(values, limit=7, offset=14) == whole[14:21]


def test_values_are_converted_as_the_orm_converts_them(plans):
    compiled, values = compiled_positions(QueryDict("plan=alpha&revision=all"))
    rows = compiled.rows(values, limit=10_000, offset=0)
    stated = POSITION_FIELDS.index("stated_on")
    carried = POSITION_FIELDS.index("carried_over")
    assert {type(row[carried]) for row in rows} == {bool}
    assert datetime.date(2025, 12, 1) in {row[stated] for row in rows}


@pytest.mark.parametrize(
    "params",
    ["revision=1", "stance=agrees", "plan=", "plan=alpha\x00", "page_size=0"],
)
def test_values_only_the_full_path_answers_are_left_to_it(plans, params):
    compiled = compiled_positions(QueryDict(params))
    if "page_size" in params:  # the page size is the paginator's to refuse
        assert compiled is not None
    else:
        assert compiled is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"plan": "nowhere", "revision": "1"}, "plan"),
        ({"plan": "alpha", "revision": "1", "party": "nobody"}, "party"),
        ({"plan": "nowhere", "page_size": "0"}, "plan"),
    ],
)
def test_a_filter_naming_nothing_is_still_the_400_naming_it(client, plans, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_a_stand_in_the_query_does_not_take_is_refused(plans):
    queryset = Plan.objects.filter(slug="stand-in").values_list("pk")
    with pytest.raises(ValueError, match="number"):
        compile_rows(queryset, {"slug": "stand-in", "number": 987_654_321})


def test_a_sliced_query_is_refused(plans):
    with pytest.raises(ValueError, match="slice"):
        compile_rows(Plan.objects.values_list("pk")[:5], {})
