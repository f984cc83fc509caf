"""Query budgets: every page and the diff cost the same number of SQL queries on a small
and on a large generated plan. Each budget is the list of the queries' names."""

import pytest

from clauses.models import Clause, ClauseVersion, Position
from comparison.selectors.diffs import revision_diff, revision_snapshot
from tests.conftest import built_once_for_the_module, client_for, editors_group
from tests.factories import build_plan
from tests.translations.helpers import translate_every_other

SIZES = [
    pytest.param({"clauses": 5, "parties": 2, "revisions": 2}, id="small"),
    pytest.param({"clauses": 40, "parties": 6, "revisions": 4}, id="large"),
]

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=SIZES)
def plan(request, django_db_setup, django_db_blocker):
    yield from built_once_for_the_module(
        django_db_blocker, lambda: translate_every_other(build_plan(**request.param))
    )


@pytest.fixture
def plan_with_history(plan):
    """Every record of the plan created and then changed in its history, so that the
    clause page's edit history grows with the plan too."""
    for model in (Clause, ClauseVersion, Position):
        records = list(model.objects.all())
        model.history.bulk_history_create(records)
        model.history.bulk_history_create(records, update=True, default_change_reason="Fix")
    return plan


@pytest.fixture
def editor_client(django_user_model):
    """An editor signed in (made without a password: hashing one would slow every test)."""
    user = django_user_model.objects.create_user("pages-editor")
    user.groups.add(editors_group())
    return client_for(user)


# The queries of each page seen anonymously, by name; their number is the budget. Each
# page first reads the change stamp of what it shows, for its ETag (core/conditional.py).
PLAN = "the plan"
PLAN_STAMP = "the plan's change stamp"
SITE_STAMP = "the change stamps of every plan and party"
PAGES = {
    "/": [SITE_STAMP, "plans with their revision count and latest number"],
    "/plans/generated/": [
        PLAN_STAMP,
        PLAN,
        "the latest revision, with the revision it continues",
        "its clause versions, with their clause",
        "their positions' stances, with their party",
        "the positions of the page's clause versions, their summaries, quotes and demands",
        "the languages the page's clause versions have a text in (translations)",
    ],
    "/plans/generated/?topic=military&party=generated-party-1&stance=opposes&q=point": [
        PLAN_STAMP,
        PLAN,
        "the latest revision, with the revision it continues",
        "its clause versions, with their clause",
        "their positions with their party, every summary read by the text search",
        "the languages the page's clause versions have a text in (translations)",
    ],
    "/plans/generated/?lang=uk": [
        PLAN_STAMP,
        PLAN,
        "the latest revision, with the revision it continues",
        "its clause versions, with their clause",
        "their positions' stances, with their party",
        "the positions of the page's clause versions, their summaries, quotes and demands",
        "the page's clause versions' translations, their Ukrainian texts",
    ],
    "/plans/generated/revisions/": [
        PLAN_STAMP,
        PLAN,
        "its revisions, with what each continues, its author and its number of clauses",
        "what each changed: clauses added, dropped and reworded",
        "the stances that differ from the revision each continues, for the rule of moves",
    ],
    "/plans/generated/revisions/2/": [
        PLAN_STAMP,
        "the revision, with its plan, what it continues and its author",
        "its clause versions, with their clause",
        "their positions, with their party",
        "the languages the page's clause versions have a text in (translations)",
        "the clauses it strikes out",
        "its corrections, with their editor",
    ],
    "/plans/generated/revisions/2/diff/": [
        PLAN_STAMP,
        "the revision, with its plan, what it continues and its author",
        "the clause versions of both revisions, with their clause",
        "their positions, with their party",
    ],
    "/plans/generated/compare/": [PLAN_STAMP, PLAN, "its revisions, for the pickers"],
    "/plans/generated/compare/1...2/": [
        PLAN_STAMP,
        PLAN,
        "its revisions, for the pickers and both sides",
        "the clause versions of both revisions, with their clause",
        "their positions, with their party",
    ],
    "/plans/generated/clauses/clause-0/": [
        PLAN_STAMP,
        "the clause, with its plan",
        "its versions as values, with their revision numbers and lineage strands",
        "the versions holding each party's latest stated position, as values",
        "the versions of the page's revisions (and those) as values, with revision, what it "
        "continues and their positions with their party",
        "the clause's history rows, with their editor",
        "its versions' history rows, with their editor and revision",
        "the history rows of the positions on them, with editor, party, version, revision",
        "the revisions that strike the clause out",
        "its corrections, with their editor and revision",
        "the languages its versions have a text in (translations)",
    ],
    "/plans/generated/clauses/clause-0/?lang=uk": [
        PLAN_STAMP,
        "the clause, with its plan",
        "its versions as values, with their revision numbers and lineage strands",
        "the versions holding each party's latest stated position, as values",
        "the versions of the page's revisions (and those) as values, with revision, what it "
        "continues and their positions with their party",
        "the clause's history rows, with their editor",
        "its versions' history rows, with their editor and revision",
        "the history rows of the positions on them, with editor, party, version, revision",
        "the revisions that strike the clause out",
        "its corrections, with their editor and revision",
        "its versions' translations, their Ukrainian texts",
    ],
    "/plans/generated/clauses/clause-0/r2/": [
        PLAN_STAMP,
        "the clause's versions, with clause, plan, revision and what it continues",
        "their positions, with their party",
        "the languages this version has a text in (translations)",
    ],
    "/parties/": [SITE_STAMP, "the parties, with their number of positions"],
    "/parties/generated-party-0/": [
        SITE_STAMP,
        "the party",
        "the latest revision of every plan, with its plan and what it continues",
        "the clause versions of those and of what they continue, with their clause and the "
        "party's positions on them",
        "the other parties' stances on the latest revisions",
    ],
    "/parties/generated-party-0/?since=1&topic=military&stance=opposes&sort=point": [
        SITE_STAMP,
        "the party",
        "the latest revision of every plan, with its plan and what it continues",
        "the clause versions of those and of what they continue, with their clause and the "
        "party's positions on them",
        "the other parties' stances on the latest revisions",
        "revision 1 of those plans, its clauses and the party's stances on them",
    ],
    # One plan, one page of rows: chosen among the rows read, no query more.
    "/parties/generated-party-0/?plan=generated&since=1&page=2": [
        SITE_STAMP,
        "the party",
        "the latest revision of every plan, with its plan and what it continues",
        "the clause versions of those and of what they continue, with their clause and the "
        "party's positions on them",
        "the other parties' stances on the latest revisions",
        "revision 1 of those plans, its clauses and the party's stances on them",
    ],
}

# A logged-in editor costs the session and the user, and on the pages that carry editor
# controls, the user's permissions and their groups' permissions (loaded once a request).
SIGNED_IN = ["the session", "the user"]
PERMISSIONS = ["the user's permissions", "the permissions of the user's groups"]
WITH_EDITOR_CONTROLS = {
    "/",  # New plan
    "/plans/generated/",
    "/plans/generated/?topic=military&party=generated-party-1&stance=opposes&q=point",
    "/plans/generated/?lang=uk",
    "/plans/generated/revisions/",
    "/plans/generated/revisions/2/",
    "/plans/generated/clauses/clause-0/",
    "/plans/generated/clauses/clause-0/?lang=uk",
    "/plans/generated/clauses/clause-0/r2/",
}


def assert_budgets(url, client, editor_client, django_assert_num_queries):
    with django_assert_num_queries(len(PAGES[url])):
        assert client.get(url).status_code == 200
    editor_queries = SIGNED_IN + PAGES[url]
    if url in WITH_EDITOR_CONTROLS:
        editor_queries += PERMISSIONS
    with django_assert_num_queries(len(editor_queries)):
        assert editor_client.get(url).status_code == 200
    assert_repeat_reads_cost_the_stamp_only(url, client, editor_client, django_assert_num_queries)


def assert_repeat_reads_cost_the_stamp_only(url, client, editor_client, assert_num_queries):
    """A repeat read costs the one query of the stamp: the anonymous reader's page comes
    from the shared cache, and a reader sending back the ETag it holds gets a 304."""
    with assert_num_queries(1):
        again = client.get(url)
    assert again.status_code == 200
    for reader in (client, editor_client):
        etag = reader.get(url)["ETag"]
        with assert_num_queries(1):
            assert reader.get(url, headers={"if-none-match": etag}).status_code == 304


CLAUSE_PAGE = "/plans/generated/clauses/clause-0/"


@pytest.mark.parametrize("url", [url for url in PAGES if url != CLAUSE_PAGE])
def test_a_page_costs_the_same_queries_whatever_the_size_of_the_plan(
    url, plan, client, editor_client, django_assert_num_queries
):
    assert_budgets(url, client, editor_client, django_assert_num_queries)


def test_the_clause_page_costs_the_same_queries_whatever_the_size_of_its_history(
    plan_with_history, client, editor_client, django_assert_num_queries
):
    assert_budgets(CLAUSE_PAGE, client, editor_client, django_assert_num_queries)


@pytest.mark.parametrize("revisions", [5, 25])
def test_the_clause_page_costs_the_same_queries_with_a_short_or_a_long_negotiation(
    revisions, client, django_assert_num_queries
):
    # Five revisions fit on the page's first page of revisions; twenty-five do not, so it
    # shows the latest twenty and reads the one before them, and the statements older.
    # A plan of its own beside the module's.
    plan = build_plan(clauses=3, parties=3, revisions=revisions, slug="negotiation")
    records = [
        Clause.objects.filter(plan=plan),
        ClauseVersion.objects.filter(revision__plan=plan),
        Position.objects.filter(clause_version__revision__plan=plan),
    ]
    for rows in records:
        rows.model.history.bulk_history_create(list(rows))
    with django_assert_num_queries(len(PAGES[CLAUSE_PAGE])):
        response = client.get(f"/plans/{plan.slug}/clauses/clause-0/")
    assert response.status_code == 200
    assert len(response.context["timeline"].steps) == min(revisions, 20)


def test_the_clause_page_reads_the_whole_history(client, plan_with_history):
    plan = plan_with_history
    response = client.get(CLAUSE_PAGE)
    revisions = plan.revisions.count()
    parties = Position.objects.filter(clause_version__clause__slug="clause-0").count() // revisions
    # Created and changed: the clause, its version in each revision, each position on them.
    assert len(response.context["history"]) == 2 * (1 + revisions + revisions * parties)


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
