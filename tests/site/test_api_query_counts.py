"""Query budgets of the API: every list, every detail with nested data, and the diff cost
the same number of SQL queries for a small plan and a plan several times its size."""

import pytest
from django.contrib.auth.models import User

from clauses import services
from clauses.models import ClauseVersion, Position
from tests.conftest import built_once_for_the_module
from tests.factories import build_plan
from tests.translations.helpers import translate_every_other

SMALL = {"clauses": 4, "parties": 2, "revisions": 3}
LARGE = {"clauses": 24, "parties": 6, "revisions": 3}
PLAN = "/api/v1/plans/generated"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=[SMALL, LARGE], ids=["small", "large"])
def plan(request, django_db_setup, django_db_blocker):
    yield from built_once_for_the_module(
        django_db_blocker, lambda: plan_with_history(**request.param)
    )


def plan_with_history(**size):
    # Every other clause version in Ukrainian (those of clause-0 stale after its edits).
    plan = translate_every_other(build_plan(**size))
    editor = User.objects.create_user("history-editor")
    # History for the clause whose history is read: more edits in the larger plan.
    edits = size["parties"]
    for version in ClauseVersion.objects.filter(clause__slug="clause-0"):
        for n in range(edits):
            version = services.clause_version_update(
                clause_version=version,
                expected_version=version.version,
                changes={"text": f"Edit {n}"},
                user=editor,
                summary=f"Edit {n}",
            )
    for position in Position.objects.filter(clause_version__clause__slug="clause-0"):
        services.position_update(
            position=position,
            expected_version=position.version,
            changes={"summary": "Restated."},
            user=editor,
            summary="Restated",
        )
    return plan


# Every read first reads the change stamp of what it shows (one query, counted below as
# "+ stamp"): the plan's, or that of every plan and party (core/conditional.py).


def get(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return response.json()


def test_parties(client, plan, django_assert_num_queries):
    # + stamp, 1 count, 2 the page
    with django_assert_num_queries(3):
        get(client, "/api/v1/parties/")


def test_plans_and_a_plan(client, plan, django_assert_num_queries):
    # + stamp, 1 count, 2 the page of plans with their revision count and latest number
    with django_assert_num_queries(3):
        get(client, "/api/v1/plans/")
    # + stamp, 1 the plan with its annotations
    with django_assert_num_queries(2):
        get(client, f"{PLAN}/")


def test_revisions(client, plan, django_assert_num_queries):
    # + stamp, 1 plan, 2 count, 3 the page with previous, author and clause count joined
    with django_assert_num_queries(4):
        body = get(client, f"{PLAN}/revisions/")
    assert body["count"] == 3


def test_a_revision_with_its_clause_versions_and_positions(client, plan, django_assert_num_queries):
    # + stamp, 1 revision with plan, previous and author, 2 its clause versions with clause,
    # 3 their positions with party, 4 their translations (languages, texts in lang)
    for params in ({}, {"lang": "uk"}):
        with django_assert_num_queries(5):
            body = get(client, f"{PLAN}/revisions/2/", params)
        assert body["clause_versions"][0]["positions"]
    assert {v["translation_status"] for v in body["clause_versions"]} == {"missing", "unofficial"}


def test_clauses(client, plan, django_assert_num_queries):
    # + stamp, 1 plan, 2 count, 3 the page of clauses, 4 their versions with revision
    with django_assert_num_queries(5):
        body = get(client, f"{PLAN}/clauses/")
    assert len(body["results"][0]["versions"]) == 3


def test_a_clause_in_every_revision(client, plan, django_assert_num_queries):
    # + stamp, 1 plan, 2 clause, 3 its versions with revision, 4 their positions with party,
    # 5 their translations
    for params in ({}, {"lang": "uk"}):
        with django_assert_num_queries(6):
            get(client, f"{PLAN}/clauses/clause-0/", params)


def test_a_clause_version_and_a_position(client, plan, django_assert_num_queries):
    # + stamp, 1 the clause version with clause, revision and plan, 2 its positions with
    # party, 3 its translations
    for params in ({}, {"lang": "uk"}):
        with django_assert_num_queries(4):
            get(client, f"{PLAN}/clauses/clause-0/r2/", params)
    # + stamp, 1 the position with everything its links name
    with django_assert_num_queries(2):
        get(client, f"{PLAN}/clauses/clause-0/r2/positions/generated-party-0/")


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        # + stamp, 1 the page with the count of all pages beside it (the latest revision of each
        # plan in a subquery)
        ({}, 2),
        ({"revision": "all", "page_size": 500}, 2),
        # The plan and the party the filters name are matched by slug in the page query:
        # a page with rows shows they exist.
        ({"plan": "generated", "revision": "2", "party": "generated-party-1"}, 2),
        ({"topic": "territory", "stance": "opposes", "status": "open"}, 2),
    ],
)
def test_positions(client, plan, django_assert_num_queries, params, queries):
    with django_assert_num_queries(queries):
        body = get(client, "/api/v1/positions/", params)
    assert body["results"]


def test_positions_none_match(client, plan, django_assert_num_queries):
    # + stamp, 1 the page, found empty; then, to tell "none" from a filter naming nothing,
    # 2 the plan and 3 the party checked to exist
    with django_assert_num_queries(4):
        body = get(
            client,
            "/api/v1/positions/",
            {"plan": "generated", "revision": "9", "party": "generated-party-1"},
        )
    assert body == {"count": 0, "next": None, "previous": None, "results": []}


def test_positions_past_the_first_page(client, plan, django_assert_num_queries):
    # + stamp, 1 the count that finds the last page, 2 that page
    with django_assert_num_queries(3):
        body = get(client, "/api/v1/positions/", {"page": "last", "page_size": 1})
    assert body["results"] and not body["next"]
    # + stamp, 1 the page, found empty, 2 the count the 404 names as the last page
    with django_assert_num_queries(3):
        response = client.get("/api/v1/positions/", {"page": 9999})
    assert response.status_code == 404


def test_diff(client, plan, django_assert_num_queries):
    # + stamp, 1 plan, 2 revision with the one it continues, 3 the clause versions of both with
    # clause, 4 their positions with party
    with django_assert_num_queries(5):
        body = get(client, f"{PLAN}/revisions/3/diff/")
    assert body["totals"]["changed"]
    # + 1 the revision compared against
    with django_assert_num_queries(6):
        get(client, f"{PLAN}/revisions/3/diff/", {"against": 1})


def test_history(client, plan, django_assert_num_queries):
    # + stamp, 1 the clause with its plan, then one ordered query per model with the editor joined:
    # 2 the clause's history, 3 its versions' with revision, 4 their positions' with party
    # and revision
    with django_assert_num_queries(5):
        body = get(client, f"{PLAN}/clauses/clause-0/history/", {"page_size": 500})
    assert body["count"] > 3
