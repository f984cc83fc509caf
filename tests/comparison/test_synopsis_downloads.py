"""The synopsis as CSV and JSON, wide (a column group per revision) and long (a row per
clause and revision), exactly as the page's choices and filters select."""

import csv
import io
import json

import pytest
from django.urls import reverse

from comparison.synopsis_exports import UNKNOWN_SHAPE
from tests.comparison import synopsis_fixtures
from tests.comparison.synopsis_fixtures import HOSTILE, in_two_languages
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

synopsis_plan = synopsis_fixtures.synopsis_plan


def download(client, plan="framework", **query):
    return client.get(reverse("clauses:synopsis", kwargs={"plan": plan}), query)


def rows_of(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_wide_csv_one_row_per_clause_a_column_group_per_revision(client, synopsis_plan):
    response = download(client, revisions="1,3", format="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="framework-r1-r3-synopsis.csv"' in response["Content-Disposition"]
    rows = rows_of(response)
    assert [row["clause"] for row in rows] == [
        "army",
        "lines",
        "donbas",
        "nato",
        "lines-east",
        "lines-south",
    ]
    army = rows[0]
    assert list(army)[:9] == [
        "plan",
        "clause",
        "clause_title",
        "topic",
        "clause_url",
        "differs",
        "same",
        "only_one",
        "parties_differ",
    ]
    assert army["clause_url"] == "http://testserver/plans/framework/clauses/army/"
    assert (army["r1_number"], army["r3_number"]) == ("1", "2")
    assert (army["r1_ukraine"], army["r3_ukraine"], army["r3_russia"]) == (
        "opposes",
        "conditional",
        "red_line",
    )
    assert (army["r1_differs"], army["r3_differs"]) == ("false", "true")
    lines = rows[1]
    assert (lines["r3_cell"], lines["r3_lineage"]) == ("split", "split into 1a, 1b")
    assert rows[2]["r3_cell"] == "deleted"
    # Text as it is: a spreadsheet's cell, not a page.
    assert rows[3]["clause_title"] == HOSTILE


def test_long_csv_one_row_per_clause_and_revision(client, synopsis_plan):
    response = download(client, revisions="1,2,3", base="2", format="csv", shape="long")
    assert response.status_code == 200
    assert 'filename="framework-r1-r2-r3-synopsis-long.csv"' in response["Content-Disposition"]
    rows = rows_of(response)
    assert len(rows) == 6 * 3
    army = [row for row in rows if row["clause"] == "army"]
    assert [(r["revision"], r["line"], r["is_base"], r["cell"]) for r in army] == [
        ("1", "main line", "false", "present"),
        ("2", "branch", "true", "present"),
        ("3", "main line", "false", "present"),
    ]
    assert army[2]["stance_russia"] == "red_line"
    assert army[0]["clause_version_url"] == ("http://testserver/plans/framework/clauses/army/r1/")


def test_json_holds_the_choice_and_the_filters(client, synopsis_plan):
    response = download(client, revisions="1,2,3", topic="territory", format="json")
    body = json.loads(b"".join(response.streaming_content))
    meta = body["meta"]
    assert (meta["view"], meta["shape"], meta["revisions"], meta["base"]) == (
        "synopsis",
        "wide",
        [1, 2, 3],
        1,
    )
    assert meta["filters"] == {"topic": "territory"}
    assert meta["columns"][:2] == ["plan", "clause"]
    assert [row["clause"] for row in body["rows"]] == [
        "lines",
        "donbas",
        "lines-east",
        "lines-south",
    ]


def test_every_page_of_rows_is_downloaded(client):
    build_plan(clauses=120, parties=2, revisions=3, slug="long")
    assert len(rows_of(download(client, "long", revisions="1,2,3", format="csv"))) == 120


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({"revisions": "1,1"}, "revisions:"),
        ({"revisions": "1,2", "base": "4"}, "base:"),
        ({"revisions": "1,2", "shape": "tall"}, UNKNOWN_SHAPE.format(value="tall")),
        ({"revisions": "1,2", "show": "all"}, "show:"),
    ],
)
def test_bad_choices_are_400(client, synopsis_plan, query, says):
    response = download(client, format="csv", **query)
    assert response.status_code == 400
    assert says in response.content.decode()


@pytest.mark.parametrize("size", [(3, 1, 2, "1,2"), (30, 4, 6, "1,2,3,4,5,6")])
def test_queries_do_not_grow(client, django_assert_num_queries, size):
    clauses, parties, revisions, picked = size
    build_plan(clauses=clauses, parties=parties, revisions=revisions, slug="sized")
    # The plan's stamp, the plan, its revisions, then the synopsis' five (no quotes).
    with django_assert_num_queries(8):
        response = download(client, "sized", revisions=picked, format="csv", shape="long")
        rows = rows_of(response)
    assert len(rows) == clauses * len(picked.split(","))
    # Columns in languages: one query more, their translations.
    in_languages = in_two_languages(picked)
    with django_assert_num_queries(9):
        response = download(client, "sized", revisions=in_languages, format="csv", shape="long")
        rows = rows_of(response)
    assert len(rows) == clauses * len(in_languages.split(","))
