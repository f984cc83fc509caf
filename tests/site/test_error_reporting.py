"""Error reports (peaceplan/error_reporting.py): with SENTRY_DSN unset sentry-sdk is not
even imported; with it set, a server error is reported with no cookie, credential,
address or body in it. The reports are caught by a transport of the test's own: nothing
leaves the machine."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from peaceplan.error_reporting import scrub

# Each check starts its own process with its own settings (none uses the suite's database):
# run once per CI run.
pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]

SERVE_A_REQUEST_AND_LIST_MODULES = """
import json, sys
from django.test import Client
Client().get("/healthz")
print(json.dumps(sorted(name for name in sys.modules if name.startswith("sentry"))))
"""

REPORT_AN_ERROR = """
import json, sys, types
import sentry_sdk
from sentry_sdk.transport import Transport
from django.test import Client, override_settings
from django.urls import path
from peaceplan.error_reporting import start


events = []

class Caught(Transport):
    def capture_envelope(self, envelope):
        event = envelope.get_event()
        if event is not None:
            events.append(event)

def boom(request):
    raise RuntimeError("a bug")

urls = types.ModuleType("boom_urls")
urls.urlpatterns = [path("boom/", boom)]
handler500 = "peaceplan.errors.server_error"
urls.handler500 = handler500
sys.modules["boom_urls"] = urls

start(dsn="https://public@sentry.invalid/1", environment="test", release="", transport=Caught)
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "session-secret"
with override_settings(ROOT_URLCONF="boom_urls"):
    status = client.get(
        "/boom/?token=query-secret",
        HTTP_AUTHORIZATION="Token header-secret",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    ).status_code
sentry_sdk.flush()
print(json.dumps({"status": status, "events": events}, default=str))
"""


def run_django(script: str, **env) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=clean | {"DEBUG": "1"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_without_a_dsn_sentry_is_not_imported():
    assert json.loads(run_django(SERVE_A_REQUEST_AND_LIST_MODULES)) == []


def test_a_server_error_is_reported_without_personal_data():
    outcome = json.loads(run_django(REPORT_AN_ERROR))

    assert outcome["status"] == 500
    (event,) = outcome["events"]
    assert event["exception"]["values"][0]["type"] == "RuntimeError"
    request = event["request"]
    assert "cookies" not in request and "query_string" not in request and "data" not in request
    headers = {name.lower() for name in request.get("headers", {})}
    assert not headers & {"authorization", "cookie", "x-forwarded-for"}
    text = json.dumps(event)
    for secret in ("session-secret", "query-secret", "header-secret", "198.51.100.7"):
        assert secret not in text


def test_scrub_drops_cookies_credentials_and_keeps_only_a_user_id():
    event = {
        "request": {
            "url": "https://example.org/api/v1/plans/",
            "cookies": {"sessionid": "s"},
            "data": {"password": "p"},
            "headers": {"Authorization": "Token t", "Cookie": "c", "Accept": "application/json"},
        },
        "user": {"id": 7, "email": "e@example.org", "ip_address": "192.0.2.1"},
    }

    scrubbed = scrub(event)

    assert scrubbed["request"] == {
        "url": "https://example.org/api/v1/plans/",
        "headers": {"Accept": "application/json"},
    }
    assert scrubbed["user"] == {"id": 7}
