"""Exports stream the whole table in a fixed number of queries, whatever its size."""

import csv
import io

import pytest

from core.exports import BOM
from tests.conftest import built_once_for_the_module
from tests.factories import build_plan

SIZES = [
    pytest.param({"clauses": 5, "parties": 2, "revisions": 2}, id="small"),
    pytest.param({"clauses": 40, "parties": 6, "revisions": 4}, id="large"),
]

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=SIZES)
def plan(request, django_db_setup, django_db_blocker):
    yield from built_once_for_the_module(django_db_blocker, lambda: build_plan(**request.param))


PLAN = "the plan"
# Each first reads the change stamp of what it shows, for its ETag (core/conditional.py).
PLAN_STAMP = "the plan's change stamp"
SITE_STAMP = "the change stamps of every plan and party"
EXPORTS = {
    "/plans/generated/?format=csv": [
        PLAN_STAMP,
        PLAN,
        "the current revision",
        "its clause versions, with their clause",
        "their positions, with their party",
        "the positions in full, read in chunks",
    ],
    "/plans/generated/?format=json&topic=military&stance=opposes": [
        PLAN_STAMP,
        PLAN,
        "the current revision",
        "its clause versions, with their clause",
        "their positions, with their party",
        "the positions in full, read in chunks",
    ],
    "/plans/generated/revisions/2/?format=csv": [
        PLAN_STAMP,
        "the revision, with its plan",
        "its positions in full, read in chunks",
    ],
    "/plans/generated/revisions/2/diff/?format=csv": [
        PLAN_STAMP,
        "the revision, with its plan and what it continues",
        "the clause versions of both revisions, with their clause",
        "their positions, with their party",
    ],
    "/plans/generated/compare/1...2/?format=json&changed=on": [
        PLAN_STAMP,
        "the older revision",
        "the newer revision",
        "the clause versions of both revisions, with their clause",
        "their positions, with their party",
    ],
    "/plans/generated/clauses/clause-0/?format=csv": [
        PLAN_STAMP,
        "the clause, with its plan",
        "its positions in full, read in chunks",
    ],
    "/parties/generated-party-0/?format=csv": [
        SITE_STAMP,
        "the party",
        "the current revision of every plan",
        "their clause versions and those of what they continue, with the party's positions",
        "the other parties' stances on the current revisions",
    ],
    "/api/v1/positions/?plan=generated&revision=all&format=csv": [
        PLAN_STAMP,
        "the plan of the filter",
        "the positions, read in chunks",
    ],
    "/api/v1/positions/?plan=generated&format=csv": [
        PLAN_STAMP,
        "the plan of the filter",
        "the positions of the current revision, read in chunks",
    ],
}


@pytest.mark.parametrize("url", list(EXPORTS))
def test_an_export_costs_the_same_queries_whatever_its_size(
    url, plan, client, django_assert_num_queries
):
    with django_assert_num_queries(len(EXPORTS[url])):
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
    assert response.streaming
    assert body.startswith(BOM.encode()) or body.startswith(b'{"meta"')


def test_the_api_bulk_export_holds_every_revision_in_one_response(plan, client):
    response = client.get("/api/v1/positions/?plan=generated&revision=all&format=csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))
    positions = plan.revisions.count() * plan.clauses.count() * len({row["party"] for row in rows})
    assert len(rows) == positions
    assert {row["revision"] for row in rows} == {str(r.number) for r in plan.revisions.all()}
    assert rows[0]["url"].startswith("http://testserver/api/v1/plans/generated/")


@pytest.mark.slow
def test_a_whole_revision_of_a_long_negotiation_is_one_request(client, db):
    # The latest revision of the 500 x 10 x 50 plan holds 485 clauses by 10 parties.
    build_plan(clauses=485, parties=10, revisions=1, slug="long")
    response = client.get("/plans/long/?format=csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))
    assert len(rows) == 4850
    api = client.get("/api/v1/positions/?plan=long&format=csv")
    assert b"".join(api.streaming_content).decode().count("\r\n") == 4851
