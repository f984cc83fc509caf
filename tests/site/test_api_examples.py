"""The schema's examples are what the API answers on the seed, and valid by the schema.

``core/api/examples.json`` holds one example per resource, read from the API on the
seed (`make run`'s data), long lists cut to their first item. When the API or the seed
changes, refresh it with
``PEACEPLAN_WRITE_EXAMPLES=1 DEBUG=1 .venv/bin/python -m pytest tests/site/test_api_examples.py``.
"""

import json
import os

import pytest

from core.api.schema import EXAMPLES_FILE, seed_examples
from tests.openapi_validation import SchemaValidator

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8000"
PLAN = "/api/v1/plans/ukraine-peace-framework"
CLAUSE = f"{PLAN}/clauses/de-facto-lines"
# The serializer that declares each resource, and where the seed shows it.
SOURCES = {
    "PartySerializer": "/api/v1/parties/russia/",
    "PlanSerializer": f"{PLAN}/",
    "RevisionSerializer": f"{PLAN}/revisions/1/",
    "RevisionDetailSerializer": f"{PLAN}/revisions/2/",
    "RevisionDiffSerializer": f"{PLAN}/revisions/2/diff/",
    "ClauseSerializer": f"{PLAN}/clauses/",
    "ClauseDetailSerializer": f"{CLAUSE}/",
    "ClauseVersionSerializer": f"{CLAUSE}/r2/",
    "PositionSerializer": f"{CLAUSE}/r2/positions/ukraine/",
    "HistoryEntrySerializer": f"{CLAUSE}/history/",
}
# Which component of the schema each example must be valid as.
COMPONENTS = {name: name.removesuffix("Serializer") for name in SOURCES}
# Values that differ from one database to the next (keys and times of loading).
# A quote is "checked" where the seed found its report beside the repository, "not_checked"
# where it did not (README).
VOLATILE = {"date", "history_id", "revision_id", "clause_id", "etag", "quote_check"}


def shortened(value):
    """``value`` with every list cut to its first item."""
    if isinstance(value, list):
        return [shortened(item) for item in value[:1]]
    if isinstance(value, dict):
        return {key: shortened(item) for key, item in value.items()}
    return value


def masked(value):
    if isinstance(value, list):
        return [masked(item) for item in value]
    if isinstance(value, dict):
        return {key: "…" if key in VOLATILE else masked(item) for key, item in value.items()}
    return value


def examples_from_the_api(client) -> dict:
    examples = {}
    for name, path in SOURCES.items():
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code == 200, (path, response.content)
        data = response.json()
        # A list stands for its items (RevisionSerializer is the list's item).
        if "results" in data:
            data = data["results"][0]
        elif name == "RevisionSerializer":
            data = {key: data[key] for key in data if key != "clause_versions"}
        examples[name] = shortened(data)
    return examples


@pytest.fixture
def api_examples(seeded, client, settings):
    settings.ALLOWED_HOSTS = [HOST.split(":")[0]]
    examples = examples_from_the_api(client)
    if os.environ.get("PEACEPLAN_WRITE_EXAMPLES") == "1":
        EXAMPLES_FILE.write_text(json.dumps(examples, indent=1, ensure_ascii=False) + "\n")
        seed_examples.cache_clear()
    return examples


def test_each_example_is_what_the_api_answers_on_the_seed(api_examples):
    assert masked(seed_examples()) == masked(api_examples), (
        "The API's answers on the seed changed: refresh core/api/examples.json (see "
        "this module's docstring)."
    )


def test_each_resource_has_an_example_valid_by_the_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    validator = SchemaValidator(schema)
    for name, component in COMPONENTS.items():
        errors = validator.component_errors(seed_examples()[name], component)
        assert not errors, (name, errors)


def test_the_operations_show_the_seed_examples(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/plans/{plan}/clauses/{clause}/r{number}/"]["get"]
    [example] = operation["responses"]["200"]["content"]["application/json"]["examples"].values()
    assert example["value"]["clause"] == "de-facto-lines"
    listed = schema["paths"]["/api/v1/positions/"]["get"]["responses"]["200"]
    [example] = listed["content"]["application/json"]["examples"].values()
    assert example["value"]["results"] == [seed_examples()["PositionSerializer"]]
