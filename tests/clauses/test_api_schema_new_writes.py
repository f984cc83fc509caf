"""The schema documents the writes that record a first position, add a clause to a
revision and edit a plan: their preconditions, their bodies, and an example of each request
and response."""

import pytest

pytestmark = pytest.mark.django_db

POSITION = "/api/v1/plans/{plan}/clauses/{clause}/r{number}/positions/{party}/"
OPERATIONS = {
    ("put", POSITION): ("position_record", "If-None-Match", "PositionRecord", "201"),
    ("post", POSITION.removesuffix("{party}/")): ("position_create", None, "PositionCreate", "201"),
    ("post", "/api/v1/plans/{plan}/revisions/{number}/clauses/"): (
        "clause_version_create",
        "If-Match",
        "ClauseAdd",
        "201",
    ),
    ("patch", "/api/v1/plans/{plan}/"): ("plan_update", "If-Match", "PatchedPlanEdit", "200"),
}


@pytest.fixture
def schema(client):
    return client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


@pytest.mark.parametrize(("method", "path"), list(OPERATIONS))
def test_each_new_write_is_documented_with_examples(schema, method, path):
    operation_id, precondition, body, success = OPERATIONS[(method, path)]
    operation = schema["paths"][path][method]

    assert operation["operationId"] == operation_id
    required = {p["name"] for p in operation["parameters"] if p.get("required")}
    if precondition:
        assert precondition in required
    content = operation["requestBody"]["content"]["application/json"]
    assert content["schema"] == {"$ref": f"#/components/schemas/{body}"}
    assert content["examples"], "a request example"
    component = schema["components"]["schemas"][body]
    assert component["additionalProperties"] is False
    assert "edit_summary" in component["required"]
    for example in content["examples"].values():
        assert set(example["value"]) <= set(component["properties"])
    answered = operation["responses"][success]["content"]["application/json"]
    assert answered["examples"], "a response example"
    assert {"400", "403", "412" if precondition else "409"} <= set(operation["responses"])


def test_put_asks_for_if_none_match_any(schema):
    operation = schema["paths"][POSITION]["put"]
    [header] = [p for p in operation["parameters"] if p["name"] == "If-None-Match"]
    assert header["schema"]["enum"] == ["*"]
    assert not [p for p in operation["parameters"] if p["name"] == "If-Match"]
    assert "If-None-Match" in operation["responses"]["428"]["description"]
