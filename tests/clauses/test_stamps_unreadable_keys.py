"""A key no plan or party can have (one holding NUL or a lone surrogate, which PostgreSQL
or its driver would refuse with an error) names nothing, and is never sent to the database,
whichever way it reached the stamp or the selector."""

import pytest

from clauses.selectors.stamps import plan_stamp
from parties.models import Party
from parties.selectors import party_get

pytestmark = pytest.mark.django_db

UNREADABLE = ["frame\x00work", "\x00", "frame\ud800work"]


@pytest.mark.parametrize("slug", UNREADABLE, ids=["nul", "only-nul", "surrogate"])
def test_a_plan_stamp_of_an_unreadable_slug_is_none_without_a_query(
    plan, slug, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert plan_stamp(slug) is None
    assert plan_stamp("framework") is not None


@pytest.mark.parametrize("slug", UNREADABLE, ids=["nul", "only-nul", "surrogate"])
def test_a_party_of_an_unreadable_slug_does_not_exist_without_a_query(
    plan, slug, django_assert_num_queries
):
    with django_assert_num_queries(0), pytest.raises(Party.DoesNotExist):
        party_get(slug)
    assert party_get("ukraine").slug == "ukraine"
