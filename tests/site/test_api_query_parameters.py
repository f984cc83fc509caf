"""A query parameter an API operation does not declare is a 400 naming it, as an unknown
body field is: a misspelt filter is never silently ignored (the schema lists what each
operation reads; ``format`` is read everywhere)."""

import pytest

from tests.editing_helpers import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    return make_plan()


def test_a_misspelt_filter_is_refused_naming_it(client, plan):
    response = client.get("/api/v1/positions/", {"stanc": "opposes"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["stanc"]


@pytest.mark.parametrize(
    "query",
    [
        {"stance": "opposes", "page_size": 5, "page": 1},
        {"plan": "framework", "revision": "latest", "format": "json"},
    ],
)
def test_the_parameters_an_operation_declares_are_read(client, plan, query):
    assert client.get("/api/v1/positions/", query).status_code == 200


def test_a_record_read_takes_no_query_but_format(client, plan):
    url = "/api/v1/plans/framework/"
    assert client.get(url, {"format": "json"}).status_code == 200
    response = client.get(url, {"_": "1712345678"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "_"


def test_a_write_refuses_an_undeclared_query_parameter_before_writing(editor_api, plan):
    response = editor_api.post(
        "/api/v1/plans/?dry_run=1",
        {"title": "A plan", "edit_summary": "New plan"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "dry_run"
    assert not plan.__class__.objects.filter(title="A plan").exists()
