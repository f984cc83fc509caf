"""The API as a client developer meets it: a Python client generated from the live schema
with openapi-python-client, used by a script that passes ``mypy --strict``, works against
the seed, gets typed models back, and whose every response is valid by the schema.

The client is generated (offline, from the schema served here) into a temporary directory
that is put on ``sys.path`` and ``MYPYPATH``: the shared environment is left alone. The
script is ``tests/site/api_client_tour.py``; it runs in this process, its requests going
through the WSGI application over httpx, inside the test's transaction.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.authtoken.models import Token

from clauses.models import Position
from peaceplan.wsgi import application
from tests.openapi_validation import SchemaValidator

pytestmark = [pytest.mark.slow, pytest.mark.once]

TOUR = Path(__file__).with_name("api_client_tour.py")
PACKAGE = "peaceplan_client"
GENERATOR_CONFIG = f"""\
package_name_override: {PACKAGE}
project_name_override: {PACKAGE}
post_hooks: []
"""
BIN = Path(sys.executable).parent


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)  # noqa: S603
    assert result.returncode == 0, f"{command[0]}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture
def generated_client(client, tmp_path, monkeypatch):
    """The client package, generated from the schema this app serves now."""
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    (tmp_path / "config.yml").write_text(GENERATOR_CONFIG)
    run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(tmp_path / "schema.json"),
            "--config",
            str(tmp_path / "config.yml"),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / "site" / PACKAGE),
        ]
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    yield schema, tmp_path / "site"
    for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
        del sys.modules[name]


@pytest.fixture
def wsgi_in_the_test_transaction():
    # The WSGI application closes the database connection when a request ends; the test's
    # transaction lives on that connection (see tests/site/test_api_schemathesis.py).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_a_generated_client_type_checks_and_reads_and_writes_every_resource(
    generated_client, wsgi_in_the_test_transaction, seeded, editor
):
    schema, site = generated_client
    environment = {**os.environ, "MYPYPATH": str(site)}
    run(
        [
            str(BIN / "mypy"),
            "--strict",
            "--no-incremental",
            "--cache-dir",
            os.devnull,
            str(TOUR),
        ],
        env=environment,
        cwd=site,
    )

    responses: list[httpx.Response] = []

    def record(response: httpx.Response) -> None:
        response.read()
        responses.append(response)

    options = {
        "base_url": "http://testserver",
        "httpx_args": {
            "transport": httpx.WSGITransport(app=wsgi_in_the_test_transaction),
            "event_hooks": {"response": [record]},
        },
    }
    spec = importlib.util.spec_from_file_location("api_client_tour", TOUR)
    tour = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tour)
    from peaceplan_client import AuthenticatedClient, Client  # noqa: PLC0415

    token = Token.objects.create(user=editor).key
    lines = tour.tour(Client(**options), AuthenticatedClient(token=token, **options))

    assert "Peace framework for Ukraine: 2 revisions" in lines[0]
    assert any(line.startswith("r1 -> r2: ") for line in lines)
    # The CSV download read as text, and a conditional read answered 304, without raw HTTP.
    assert any(line.startswith("positions.csv: ") for line in lines)
    assert "read again with its ETag: 304 Not Modified" in lines
    edit = Position.history.get(history_change_reason="Checked against the source")
    assert edit.history_user == editor
    # Every documented read ran, and the write, each answered with what the schema says.
    validator = SchemaValidator(schema)
    called = set()
    for response in responses:
        path = response.request.url.path
        media_type = response.headers.get("Content-Type", "").split(";")[0]
        if not response.content:
            body = None
        elif media_type == "application/json":
            body = response.json()
        else:
            body = response.text
        errors = validator.response_errors(
            response.request.method, path, response.status_code, body, media_type or None
        )
        assert not errors, (response.request.url, errors)
        called.add((response.request.method.lower(), validator.template(path)))
    documented = {
        (method, path)
        for path, methods in schema["paths"].items()
        for method in methods
        if method == "get"
    }
    assert documented <= called, documented - called
    assert (
        "patch",
        "/api/v1/plans/{plan}/clauses/{clause}/r{number}/positions/{party}/",
    ) in called
