"""The synopsis endpoint: the page's data as JSON, its refusals naming the parameter at
fault, its place in the schema and its query budget."""

import pytest

from comparison import synopsis as pure
from tests.comparison import synopsis_fixtures
from tests.comparison.synopsis_fixtures import HOSTILE, in_two_languages
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

synopsis_plan = synopsis_fixtures.synopsis_plan

SYNOPSIS = "/api/v1/plans/{}/synopsis/"


def get(client, plan="framework", **query):
    return client.get(SYNOPSIS.format(plan), query)


def test_the_synopsis_as_json(client, synopsis_plan):
    response = get(client, revisions="1,2,3", base="1")
    assert response.status_code == 200
    body = response.json()
    assert (body["plan"], body["revisions"], body["base"]) == ("framework", [1, 2, 3], 1)
    assert [(c["number"], c["line"], c["is_base"]) for c in body["columns"]] == [
        (1, "main line", True),
        (2, "branch", False),
        (3, "main line", False),
    ]
    assert body["columns"][0]["url"] == "http://testserver/api/v1/plans/framework/revisions/1/"
    assert [p["slug"] for p in body["parties"]] == ["ukraine", "russia"]
    assert body["counts"] == {
        "rows": 6,
        "differs": 6,
        "same": 0,
        "only_one": 3,
        "topics": {"military": 1, "territory": 4, "alliances": 1},
        "parties": {"ukraine": 1, "russia": 1},
    }
    rows = {row["clause"]: row for row in body["rows"]}
    assert list(rows) == ["army", "lines", "donbas", "nato", "lines-east", "lines-south"]
    first, counter, later = rows["army"]["cells"]
    assert (first["number"], later["number"]) == ("1", "2")
    assert first["diff"] is None
    assert [op for op in counter["diff"]["ops"] if op["kind"] != "equal"] == [
        {"kind": "delete", "text": "600,000"},
        {"kind": "insert", "text": "800,000"},
    ]
    assert later["stances"] == [
        {"party": "ukraine", "stance": "conditional", "quote": "", "differs": True},
        {"party": "russia", "stance": "red_line", "quote": HOSTILE, "differs": True},
    ]
    lines = rows["lines"]["cells"][2]
    assert (lines["cell"], lines["lineage"]) == ("split", "split into 1a, 1b")
    assert [ref["slug"] for ref in lines["into"]] == ["lines-east", "lines-south"]
    assert [cell["cell"] for cell in rows["donbas"]["cells"]] == [
        "present",
        "not_in_draft",
        "deleted",
    ]
    assert rows["army"]["parties_differ"] == ["ukraine", "russia"]


def test_without_revisions_the_default_choice(client, synopsis_plan):
    body = get(client).json()
    assert (body["revisions"], body["base"]) == ([1, 2, 4], 1)
    assert body["columns"][2]["coverage"] == "partial"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"revisions": "1"}, "revisions", pure.REVISIONS_COUNT.format(count=1, value="1")),
        (
            {"revisions": "1,2,3,4,1,2,3"},
            "revisions",
            pure.REVISIONS_COUNT.format(count=7, value="1,2,3,4,1,2,3"),
        ),
        ({"revisions": "2,2"}, "revisions", pure.REVISIONS_DUPLICATE.format(number=2)),
        (
            {"revisions": "1,5"},
            "revisions",
            pure.REVISIONS_UNKNOWN.format(plan="framework", number=5),
        ),
        ({"revisions": "1,two"}, "revisions", pure.REVISIONS_MALFORMED.format(value="1,two")),
        ({"revisions": ""}, "revisions", pure.REVISIONS_MALFORMED.format(value="")),
        ({"base": ""}, "base", pure.BASE_MALFORMED.format(value="")),
        (
            {"revisions": "1,2", "base": "3"},
            "base",
            pure.BASE_NOT_PICKED.format(number=3, picked="1, 2"),
        ),
        ({"revisions": "1,2", "base": "x"}, "base", pure.BASE_MALFORMED.format(value="x")),
    ],
)
def test_bad_input_is_400_naming_the_parameter(client, synopsis_plan, query, field, message):
    response = get(client, **query)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert errors[0]["message"] == message


def test_a_revision_of_another_plan_is_400(client, synopsis_plan):
    build_plan(clauses=2, parties=1, revisions=7, slug="other")
    response = get(client, revisions="1,7")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "revisions"


def test_an_unknown_plan_is_404_and_an_undeclared_parameter_400(client, synopsis_plan):
    assert get(client, "nowhere", revisions="1,2").status_code == 404
    response = get(client, revisions="1,2", topic="territory")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "topic"


def test_a_plan_of_one_revision_has_nothing_to_set_side_by_side(client):
    build_plan(clauses=2, parties=1, revisions=1, slug="single")
    response = get(client, "single")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "revisions"


def examples_of(operation):
    return operation["responses"]["200"]["content"]["application/json"]["examples"]


def test_in_the_schema_with_its_parameters_and_an_example(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/plans/{plan}/synopsis/"]["get"]
    assert (operation["operationId"], operation["tags"]) == ("plan_synopsis", ["plans"])
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["revisions"]["schema"]["pattern"] == pure.REVISIONS_PATTERN
    assert parameters["base"]["schema"]["pattern"] == pure.BASE_PATTERN
    assert "3:uk" in parameters["revisions"]["description"] or "3:uk" in str(parameters)
    example = next(iter(examples_of(operation).values()))["value"]
    assert [column["key"] for column in example["columns"]] == ["1", "2", "2:uk"]
    assert example["rows"][0]["cells"][2]["text_kind"] == "official"
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    assert any(example["value"]["rows"] for example in examples.values())
    assert "400" in operation["responses"]


@pytest.mark.parametrize("size", [(3, 1, 2, "1,2"), (30, 4, 6, "1,2,3,4,5,6")])
def test_queries_do_not_grow_with_columns_clauses_or_parties(
    client, django_assert_num_queries, size
):
    clauses, parties, revisions, picked = size
    build_plan(clauses=clauses, parties=parties, revisions=revisions, slug="sized")
    # The plan's stamp (conditional read), the plan, its revisions; then the synopsis:
    # clause versions, stances, parties, deletions, lineage; the quotes.
    with django_assert_num_queries(9):
        assert get(client, "sized", revisions=picked).status_code == 200
    # Columns in languages: one query more, their translations.
    in_languages = in_two_languages(picked)
    with django_assert_num_queries(10):
        assert get(client, "sized", revisions=in_languages).status_code == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [
        # What the schema's pattern and bounds refuse, the server refuses too.
        ({"revisions": "01,2"}, "revisions"),
        ({"revisions": "1,2\n"}, "revisions"),
        ({"revisions": " 1,2"}, "revisions"),
        ({"revisions": "١,٢"}, "revisions"),
        ({"revisions": "1,2,"}, "revisions"),
        ({"revisions": "12345678901,2"}, "revisions"),
        ({"revisions": "1,2", "base": "0"}, "base"),
        ({"revisions": "1,2", "base": "-1"}, "base"),
        ({"revisions": "1,2", "base": "1.0"}, "base"),
        ({"revisions": "1,2", "base": "2147483648"}, "base"),
    ],
)
def test_what_the_schema_refuses_is_refused(client, synopsis_plan, query, field):
    response = get(client, **query)
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
