"""With the database down, a page answers the 503 page and the API a JSON 503, both with
Retry-After: never a 500, never a traceback (peaceplan/database_down.py). One warning is
logged a minute, not one per request; once the database answers, so does the site."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from peaceplan import database_down
from peaceplan.database_down import server_error
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
OVERVIEW = "/plans/generated/"
REFUSED = "connection to server at 127.0.0.1, port 1 failed: Connection refused"


@pytest.fixture
def plan(db):
    return build_plan(clauses=3, parties=2, revisions=2)


@pytest.fixture(autouse=True)
def not_yet_warned(monkeypatch):
    monkeypatch.setattr(database_down, "_warned_at", None)


@pytest.fixture
def database_down_now(monkeypatch):
    """Every new cursor fails as a server that refuses connections makes it fail; undo()
    brings the database back."""

    def refused(*args, **kwargs):
        raise OperationalError(REFUSED)

    monkeypatch.setattr(connection, "cursor", refused)
    return lambda: monkeypatch.undo()


def assert_retry_later(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(database_down.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert b"Traceback" not in response.content
    assert b"OperationalError" not in response.content


def test_a_page_answers_503_saying_when_to_retry(plan, database_down_now):
    response = Client().get(OVERVIEW)

    assert_retry_later(response)
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "briefly unavailable" in page
    assert f"Try again in {database_down.RETRY_AFTER_SECONDS} seconds" in page
    assert REFUSED not in page


def test_the_api_answers_a_json_503(plan, database_down_now):
    response = Client().get("/api/v1/plans/")

    assert_retry_later(response)
    body = response.json()
    assert body["status"] == 503
    assert body["code"] == "database_unavailable"
    assert "nothing was saved" in body["detail"]


def test_an_api_write_answers_a_json_503(plan, editor_api, database_down_now):
    response = editor_api.post("/api/v1/plans/", {"slug": "new", "title": "New"}, format="json")

    assert_retry_later(response)
    assert response.json()["code"] == "database_unavailable"


def test_an_error_outside_a_view_is_a_503_too():
    # What Django's handler for an uncaught error is handed, from a middleware say.
    for path, content_type in (("/plans/x/", "text/html"), ("/api/v1/plans/", "application/json")):
        request = RequestFactory().get(path)
        try:
            raise OperationalError(REFUSED)
        except OperationalError:
            response = server_error(request)
        assert_retry_later(response)
        assert response["Content-Type"].startswith(content_type)


def test_another_error_is_still_a_500():
    request = RequestFactory().get("/api/v1/plans/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_one_warning_not_one_per_request(plan, database_down_now, caplog):
    caplog.set_level(logging.WARNING)
    client = Client()

    for _ in range(5):
        assert client.get(OVERVIEW).status_code == 503

    warnings = [record for record in caplog.records if record.name == "peaceplan.database"]
    assert len(warnings) == 1
    assert "not answering" in warnings[0].getMessage()
    # Nor does Django log each 503 as a server error.
    assert not [record for record in caplog.records if record.name == "django.request"]


def test_while_the_database_stays_down_the_warning_comes_again_each_minute(caplog, monkeypatch):
    now = 1000.0
    monkeypatch.setattr(database_down, "time", SimpleNamespace(monotonic=lambda: now))
    caplog.set_level(logging.WARNING, logger="peaceplan.database")

    def warnings_after(seconds: float) -> int:
        nonlocal now
        now = 1000.0 + seconds
        database_down.warn_once_a_minute(OperationalError(REFUSED))
        return len([r for r in caplog.records if r.name == "peaceplan.database"])

    assert [warnings_after(s) for s in (0, 1, 30, 59.9)] == [1, 1, 1, 1]
    assert [warnings_after(s) for s in (60, 61, 119.9, 120)] == [2, 2, 2, 3]


def test_the_site_answers_again_once_the_database_does(plan, database_down_now):
    client = Client()
    assert client.get(OVERVIEW).status_code == 503
    assert client.get("/readyz").status_code == 503

    database_down_now()  # the database is back

    assert client.get(OVERVIEW).status_code == 200
    assert client.get("/api/v1/plans/").status_code == 200
    assert client.get("/readyz").status_code == 200


START_WITH_NOTHING_REACHABLE = """
import json
from django.conf import settings
from django.test import Client, override_settings
# Static files as collectstatic would have named them is beside the point here.
plain_static = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
override_settings(STORAGES=plain_static).enable()
client = Client(raise_request_exception=False)
answers = {}
for path in ("/healthz", "/readyz", "/plans/ukraine-peace-framework/", "/api/v1/plans/"):
    response = client.get(path, secure=True)
    answers[path] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "type": response.get("Content-Type"),
        "body": response.content.decode()[:2000],
    }
print(json.dumps(answers))
"""


def test_a_production_server_with_no_database_or_redis_reachable_answers_503():
    """The app started with DEBUG off against a PostgreSQL and a Redis at closed ports."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env |= {
        "DEBUG": "0",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://peaceplan@127.0.0.1:1/peaceplan",
        "CACHE_URL": "redis://127.0.0.1:1/0",
        "DB_CONNECT_TIMEOUT": "1",
        "LOG_FORMAT": "json",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", START_WITH_NOTHING_REACHABLE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    assert answers["/healthz"]["status"] == 200
    ready = answers["/readyz"]
    assert ready["status"] == 503
    checks = json.loads(ready["body"])["checks"]
    assert checks["database"]["status"] == checks["cache"]["status"] == "down"
    page, api = answers["/plans/ukraine-peace-framework/"], answers["/api/v1/plans/"]
    assert (page["status"], page["retry_after"]) == (503, "30")
    assert page["type"].startswith("text/html") and "briefly unavailable" in page["body"]
    assert (api["status"], api["retry_after"]) == (503, "30")
    assert json.loads(api["body"])["code"] == "database_unavailable"
    # The log says so, in JSON lines, without a traceback or the database's password.
    log_lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert any(line["logger"] == "peaceplan.database" for line in log_lines)
    assert "Traceback" not in result.stderr
