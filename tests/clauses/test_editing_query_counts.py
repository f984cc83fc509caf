"""Query budgets of the editor's writes: cloning costs the same at any size.

The clone copies rows with ``INSERT ... SELECT``, so not even the database's batching of
large inserts (SQLite takes at most 999 parameters per statement) adds a query.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clauses.models import Position
from clauses.services import revision_clone
from tests.conftest import client_for
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

# Cloning, whatever the size and the database:
#   the source with its plan, both locked (SELECT ... FOR UPDATE on PostgreSQL): nobody
#     edits the source halfway through, and numbers stay distinct;
#   the highest revision number of the plan;
#   the plan's current revision (whether the new one extends the main line or branches);
#   full_clean of the new revision: plan, previous exist (2); number unique in plan (1);
#     its four check constraints (4, each in its own savepoint: 12);
#   INSERT the revision, INSERT its history row, UPDATE the plan's change stamp;
#   INSERT ... SELECT the clause versions' copies, then their history rows;
#   INSERT ... SELECT the positions' copies, then their history rows;
#   the new revision's fingerprint (6, see clauses.services.fingerprints): its plan, the
#     plan's chain, the revisions locked, their clause versions, positions, the UPDATE;
#   the outer savepoint (2; BEGIN and COMMIT outside a test's transaction).
CLONE_QUERIES = 33


@pytest.mark.parametrize(("clauses", "parties"), [(5, 2), (40, 6)])
def test_cloning_costs_a_fixed_number_of_queries(
    clauses, parties, editor, django_assert_num_queries
):
    plan = build_plan(clauses=clauses, parties=parties, revisions=1)
    source = plan.revisions.get()

    with django_assert_num_queries(CLONE_QUERIES):
        clone = revision_clone(source=source, user=editor, summary="Next draft")

    assert Position.objects.filter(clause_version__revision=clone).count() == clauses * parties


def test_both_sizes_cost_the_same(editor):
    """Two sizes, one count: no query per row, nor per batch of rows."""
    counts = []
    for slug, clauses, parties in (("small", 5, 2), ("large", 40, 6)):
        source = build_plan(clauses=clauses, parties=parties, revisions=1, slug=slug)
        with CaptureQueriesContext(connection) as queries:
            revision_clone(source=source.revisions.get(), user=editor, summary="Next")
        counts.append(len(queries))
    assert counts[0] == counts[1]


# The analyst's pages show an editor the edit controls of every clause and position; the
# controls build their links from what the page already loaded, so they add no query.
EDITOR_PAGES = [
    ("/plans/generated/revisions/2/", "/plans/generated/revisions/2/edit/"),
    (
        "/plans/generated/clauses/clause-1/r2/",
        "/plans/generated/clauses/clause-1/r2/positions/generated-party-0/edit/",
    ),
]


@pytest.mark.parametrize(("clauses", "parties"), [(5, 2), (40, 6)])
@pytest.mark.parametrize(("page", "edit_link"), EDITOR_PAGES)
def test_edit_controls_cost_no_query(page, edit_link, clauses, parties, editor, analyst):
    """An editor's page costs what the analyst's costs (whose budget its own tests pin)."""
    build_plan(clauses=clauses, parties=parties, revisions=2)
    counts = {}
    for user in (analyst, editor):
        client = client_for(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        assert response.status_code == 200
        assert (edit_link in response.content.decode()) is (user == editor)
        counts[user.username] = len(queries)
    assert counts["editor"] == counts["analyst"]
