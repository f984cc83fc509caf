"""GET /api/v1/search/: the page's search as JSON, refused with the same messages."""

import pytest

from search.query import ONLY_STOP_WORDS, QUERY_EMPTY

pytestmark = pytest.mark.django_db


def test_results_link_each_passage_to_its_clause_in_each_revision(client, searchable):
    response = client.get("/api/v1/search/", {"q": "enlarg*", "plan": "framework"})
    assert response.status_code == 200
    data = response.json()
    assert (data["count"], data["page"], data["pages"]) == (1, 1, 1)
    (clause,) = data["results"]
    assert (clause["plan"], clause["clause"], clause["topic"]) == ("framework", "nato", "alliances")
    assert clause["url"] == "http://testserver/api/v1/plans/framework/clauses/nato/"
    assert clause["page_url"] == "http://testserver/plans/framework/clauses/nato/"
    (demand,) = clause["passages"]
    assert (demand["kind"], demand["party"]) == ("demand", "russia")
    assert "<mark>enlargement</mark>" in demand["excerpt_html"]
    assert [r["number"] for r in demand["revisions"]] == [1, 2]
    assert demand["revisions"][0]["url"].endswith("/api/v1/plans/framework/clauses/nato/r1/")
    assert demand["revisions"][1]["page_url"].endswith("/plans/framework/clauses/nato/r2/")


def test_the_excerpt_is_escaped_html(client, searchable):
    data = client.get("/api/v1/search/", {"q": "МАГАТЕ"}).json()
    passage = data["results"][0]["passages"][0]
    assert "<script>" in passage["text"]  # the text as recorded
    assert "<script>" not in passage["excerpt_html"]
    assert "&lt;script&gt;" in passage["excerpt_html"]


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({}, "q", QUERY_EMPTY),
        ({"q": "the and of"}, "q", ONLY_STOP_WORDS.split("(")[0]),
        ({"q": "y" * 2000}, "q", "characters long"),
        ({"q": "zone", "party": "atlantis"}, "party", "atlantis"),
        ({"q": "zone", "from": "x"}, "from", ""),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, searchable, params, field, message):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert field in str(body)
    assert message in str(body)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "nato", "page": "0"}, "page"),
        ({"q": "nato", "page": "first"}, "page"),
        ({"q": "nato", "from": "-3"}, "from"),
        ({"q": "nato", "topic": "weather"}, "topic"),
    ],
)
def test_a_value_the_schema_refuses_is_a_400_naming_it(client, searchable, params, field):
    """The API keeps the bounds its schema states (the page falls back to the first)."""
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
