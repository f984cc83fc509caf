"""The positions list's page read in SQL (``position_page``, through
``matched_page_reader``) reads what ``filter_positions`` keeps of the same filters (the
ORM's query the list answers with otherwise): the same rows, in the same order, with the
same values (dates and booleans converted as the ORM converts them) and the same count,
for every combination of filters, at the first page and past it; a plan or party that
does not exist matches nothing."""

import datetime
import itertools

import pytest
from django.http import QueryDict
from rest_framework.exceptions import ValidationError

from clauses.api.filters import filter_positions, matched_page_reader
from clauses.models import Position, Revision
from clauses.representations import POSITION_FIELDS
from clauses.selectors import api_reads as reads
from clauses.selectors.position_pages import position_page
from core.api.pagination import counted_page
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(db):
    # Two plans, so that the order by plan and by revision are both read.
    build_plan(clauses=5, parties=3, revisions=3, slug="alpha")
    build_plan(clauses=4, parties=2, revisions=2, slug="beta")
    # Alpha's latest revision a counter-proposal and beta's withdrawn: the current revision
    # of each is then the one before (the models' rule, which the SQL writes again).
    Revision.objects.filter(plan__slug="alpha", number=3).update(branch=True)
    Revision.objects.filter(plan__slug="beta", number=2).update(withdrawn=True)
    every_fourth = list(Position.objects.order_by("pk").values_list("pk", flat=True))[::4]
    Position.objects.filter(pk__in=every_fourth).update(
        stated_on=datetime.date(2025, 12, 1), carried_over=True
    )


FILTERS = {
    "plan": ["alpha", "beta", "nowhere"],
    "revision": ["1", "2", "all", "latest"],
    "party": ["alpha-party-1", "nobody"],
    "stance": ["supports"],
    "topic": ["territory"],
    "status": ["open"],
}
# The first page, and one past it that cuts across clauses and revisions.
PAGES = [(0, 500), (7, 5)]


def combinations():
    names = list(FILTERS)
    for chosen in itertools.chain.from_iterable(
        itertools.combinations(names, n) for n in range(len(names) + 1)
    ):
        for values in itertools.product(*(FILTERS[name] for name in chosen)):
            yield dict(zip(chosen, values, strict=True))


def test_every_combination_of_filters_reads_what_filter_positions_keeps(plans):
    compared = 0
    for params in combinations():
        query = QueryDict(mutable=True)
        query.update(params)
        read = matched_page_reader(query)
        try:
            kept = filter_positions(query, reads.positions())
        except ValidationError:
            # A plan or party named that does not exist (filter_positions' 400 names it),
            # or a revision number without a plan: the page read matches nothing.
            assert all(read(offset, size) == [] for offset, size in PAGES), params
            continue
        for offset, size in PAGES:
            expected = counted_page(kept, POSITION_FIELDS, offset, size)
            assert read(offset, size) == expected, (params, offset)
            compared += bool(expected)
    assert compared > 100  # most combinations select some positions


def test_values_are_converted_as_the_orm_converts_them(plans):
    rows = position_page(0, 500, plan="alpha", revision=1)
    stated_on = POSITION_FIELDS.index("stated_on")
    carried_over = POSITION_FIELDS.index("carried_over")
    assert {type(row[carried_over]) for row in rows} == {bool}
    assert datetime.date(2025, 12, 1) in {row[stated_on] for row in rows}


def test_no_filter_reads_every_position_with_the_count_of_all(plans):
    rows = position_page(0, 3)
    assert len(rows) == 3
    assert rows[0][-1] == Position.objects.count()


def test_the_default_reads_each_plan_s_current_revision(plans):
    rows = position_page(0, 500, current=True)
    revision = POSITION_FIELDS.index("clause_version__revision__number")
    plan = POSITION_FIELDS.index("clause_version__revision__plan__slug")
    assert {(row[plan], row[revision]) for row in rows} == {("alpha", 2), ("beta", 1)}


def test_a_page_is_one_query(plans, django_assert_num_queries):
    with django_assert_num_queries(1):
        position_page(0, 50, plan="alpha", revision=2, party="alpha-party-1")
