"""Query budgets: every page and the diff cost the same number of SQL queries on a small
and on a large generated plan. Each budget names its queries."""

import pytest

from clauses.selectors import revision_diff, revision_snapshot
from tests.factories import build_plan

SIZES = [
    pytest.param({"clauses": 5, "parties": 2, "revisions": 2}, id="small"),
    pytest.param({"clauses": 40, "parties": 6, "revisions": 4}, id="large"),
]

pytestmark = pytest.mark.django_db


@pytest.fixture(params=SIZES)
def plan(request):
    return build_plan(**request.param)


def test_revision_snapshot_costs_two_queries(plan, django_assert_num_queries):
    revision = plan.revisions.get(number=1)
    # 1. the clause versions of the revision, with their clause
    # 2. the positions of those versions, with their party
    with django_assert_num_queries(2):
        snapshot = revision_snapshot(revision)
    assert len(snapshot.clauses) == plan.clauses.count()


def test_revision_diff_costs_two_queries(plan, django_assert_num_queries):
    first, *_, last = plan.revisions.order_by("number")
    # 1. the clause versions of both revisions, with their clause
    # 2. the positions of those versions, with their party
    with django_assert_num_queries(2):
        result = revision_diff(old=first, new=last)
    assert result.totals.changed > 0
    assert len(result.clauses) == plan.clauses.count()
