"""The OpenAPI schema validates without a warning, and it and its docs are served by the
app itself, assets included (no CDN)."""

import re

from django.core.management import call_command


def test_schema_validates_with_no_warnings(tmp_path):
    # Raises (SchemaGenerationError / SystemExit) on any warning or validation error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert "/api/v1/positions/" in (tmp_path / "s.yml").read_text()


def test_schema_is_served(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert {
        "/api/v1/parties/",
        "/api/v1/plans/{plan}/revisions/{number}/",
        "/api/v1/plans/{plan}/revisions/{number}/diff/",
        "/api/v1/plans/{plan}/revisions/{number}/clone/",
        "/api/v1/plans/{plan}/clauses/{clause}/history/",
        "/api/v1/plans/{plan}/clauses/{clause}/r{number}/positions/{party}/",
        "/api/v1/positions/",
    } <= set(paths)
    patch = paths["/api/v1/plans/{plan}/clauses/{clause}/r{number}/positions/{party}/"]["patch"]
    assert {"412", "428", "400", "403"} <= set(patch["responses"])
    assert any(p["name"] == "If-Match" and p["required"] for p in patch["parameters"])


def test_docs_load_their_assets_from_the_app_not_a_cdn(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.startswith("/static/drf_spectacular_sidecar/") for a in assets), assets
    assert not [a for a in assets if a.startswith(("http:", "https:", "//"))], assets
    assert not re.search(r"jsdelivr|unpkg|cdnjs|googleapis", html)


def test_there_is_no_redoc_page(client, db):
    # drf-spectacular's Redoc page loads Google Fonts, a third-party host: not offered.
    assert client.get("/api/redoc/").status_code == 404


def test_the_docs_assets_are_served(client, db, settings):
    # Outside tests WhiteNoise serves them: from the app's finders in development, from
    # collectstatic's output in production.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    html = client.get("/api/docs/").content.decode()
    script = next(
        a for a in re.findall(r'src="([^"]+)"', html) if a.endswith("swagger-ui-bundle.js")
    )
    response = client.get(script)
    assert response.status_code == 200


def served_schema(client) -> dict:
    return client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def test_operations_are_named_and_tagged_by_resource(client, db):
    names = {
        (method, path): (operation["operationId"], operation["tags"])
        for method, path, operation in operations(served_schema(client))
    }
    revision = "/api/v1/plans/{plan}/revisions/{number}/"
    position = "/api/v1/plans/{plan}/clauses/{clause}/r{number}/positions/{party}/"
    assert names[("get", "/api/v1/positions/")] == ("positions_list", ["positions"])
    assert names[("get", position)] == ("position_get", ["positions"])
    assert names[("patch", position)] == ("position_update", ["positions"])
    assert names[("get", f"{revision}diff/")] == ("revision_diff", ["revisions"])
    assert names[("post", f"{revision}clone/")] == ("revision_clone", ["revisions"])
    assert names[("get", "/api/v1/parties/")] == ("parties_list", ["parties"])
    ids = [operation_id for operation_id, _ in names.values()]
    assert len(ids) == len(set(ids))


def test_public_reads_need_no_credentials_and_writes_do(client, db):
    for method, path, operation in operations(served_schema(client)):
        if method == "get":
            assert operation["security"] == [], (method, path)
        else:
            assert operation["security"] == [{"tokenAuth": []}, {"cookieAuth": []}], path


def test_the_token_scheme_is_bearer_and_says_token_works_too(client, db):
    scheme = served_schema(client)["components"]["securitySchemes"]["tokenAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "Token <key>" in scheme["description"]


def test_every_operation_parameter_and_model_is_described_for_a_reader(client, db):
    schema = served_schema(client)
    for method, path, operation in operations(schema):
        assert operation.get("summary") and operation.get("description"), (method, path)
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (method, path, parameter["name"])
    for name, component in schema["components"]["schemas"].items():
        description = component.get("description", "")
        assert description, name
        assert "``" not in description and "represent" not in description, name


def test_filters_are_typed_as_what_they_take_and_use_the_shared_enums(client, db):
    schema = served_schema(client)
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/positions/"]["get"]["parameters"]
    }
    assert parameters["plan"]["type"] == "string"
    assert parameters["party"]["type"] == "string"
    assert parameters["stance"] == {"$ref": "#/components/schemas/StanceEnum"}
    assert parameters["topic"] == {"$ref": "#/components/schemas/TopicEnum"}
    assert parameters["status"] == {"$ref": "#/components/schemas/ClauseStatusEnum"}
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 500}
    enums = [name for name in schema["components"]["schemas"] if name.endswith("Enum")]
    assert not [name for name in enums if name.startswith(("V1", "Positions"))], enums


def test_the_diff_uses_the_vocabularies_and_nullable_references_a_strict_validator_reads(
    client, db
):
    schema = served_schema(client)
    components = schema["components"]["schemas"]
    clause = components["ClauseDiff"]["properties"]
    assert clause["topic"] == {"$ref": "#/components/schemas/TopicEnum"}
    assert {"$ref": "#/components/schemas/ClauseStatusEnum"} in clause["status_before"]["oneOf"]
    party = components["PartyChange"]["properties"]
    assert {"$ref": "#/components/schemas/StanceEnum"} in party["stance_after"]["oneOf"]
    assert party["before"]["oneOf"] == [
        {"$ref": "#/components/schemas/DiffPosition"},
        {"$ref": "#/components/schemas/NullEnum"},
    ]
    assert components["DiffPosition"]["properties"]["stance"] == {
        "$ref": "#/components/schemas/StanceEnum"
    }
    assert not list(nullable_all_ofs(schema))


def nullable_all_ofs(value):
    """Every ``allOf`` + ``nullable`` in ``value``: a null there is invalid by OpenAPI 3.0's
    own rules (nullable counts only beside a type), which strict validators enforce."""
    if isinstance(value, dict):
        if "allOf" in value and value.get("nullable"):
            yield value
        for item in value.values():
            yield from nullable_all_ofs(item)
    elif isinstance(value, list):
        for item in value:
            yield from nullable_all_ofs(item)


def test_request_bodies_refuse_unknown_fields_and_require_an_edit_summary(client, db):
    components = served_schema(client)["components"]["schemas"]
    for name in ("PatchedPositionEdit", "PatchedClauseVersionEdit", "PatchedRevisionEdit"):
        assert components[name]["additionalProperties"] is False, name
        assert components[name]["required"] == ["edit_summary"], name
    assert "edit_summary" in components["RevisionClone"]["required"]


def test_the_schema_version_is_a_semantic_version_past_the_first(client, db):
    version = served_schema(client)["info"]["version"]
    assert re.fullmatch(r"1\.[1-9][0-9]*\.[0-9]+", version), version
