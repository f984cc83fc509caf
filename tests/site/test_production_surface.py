"""What a production site (DEBUG off) exposes: the API in JSON only (and CSV where a list
offers it), no password reset (no mail is sent), 405 to TRACE everywhere, and a 400 naming
``format`` for a format the API does not have."""

import json
import subprocess
import sys

import pytest
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from core.api.negotiation import FORMAT_UNKNOWN
from tests.site.test_settings import ROOT, environment_without

POSITIONS = "/api/v1/positions/"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

# Run under production settings: the renderers they list, and what the API answers a
# browser and ?format=api there. No database is needed: both are decided before any read.
PRODUCTION_PROBE = """
import json, sys, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
browser = client.get("/api/v1/", secure=True, headers={"accept": sys.argv[1]})
api = client.get("/api/v1/?format=api", secure=True)
print(json.dumps({
    "renderers": settings.REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"],
    "browser": [browser.status_code, browser["Content-Type"]],
    "api": [api.status_code, api.json()],
}))
"""


def under_production_settings(script: str, *args: str) -> dict:
    env = environment_without("DEBUG") | {
        "DEBUG": "0",
        "SECRET_KEY": "k" * 64 + "-production-key-for-the-test",
        "ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "peaceplan.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production():
    return under_production_settings(PRODUCTION_PROBE, BROWSER_ACCEPT)


@pytest.fixture
def production_renderers(settings, production):
    """The API's renderers as production settings list them, in this process."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_RENDERER_CLASSES": production["renderers"],
    }


def test_production_lists_no_browsable_api(production):
    assert production["renderers"] == ["rest_framework.renderers.JSONRenderer"]


def test_production_answers_a_browser_in_json(production):
    assert production["browser"] == [200, "application/json"]


def test_production_answers_format_api_with_a_400_naming_format(production):
    status, body = production["api"]
    assert status == 400
    assert body["errors"][0]["field"] == "format"


def test_development_keeps_the_browsable_api(client, db):
    response = client.get("/api/v1/parties/?format=api")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", ["/api/v1/parties/", POSITIONS, "/api/v1/plans/"])
def test_without_the_browsable_api_a_browser_reads_json(client, db, production_renderers, url):
    response = client.get(url, headers={"accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("url", ["/api/v1/parties/", POSITIONS, "/api/v1/"])
def test_without_the_browsable_api_format_api_is_a_400(client, db, production_renderers, url):
    response = client.get(f"{url}?format=api")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "format"


def test_without_the_browsable_api_the_csv_and_the_docs_remain(client, db, production_renderers):
    csv = client.get(f"{POSITIONS}?format=csv")
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert docs["Content-Type"].startswith("text/html")
    assert client.get("/api/schema/").status_code == 200


@pytest.mark.parametrize(
    ("url", "formats"),
    [
        ("/api/v1/parties/", "'json', 'api'"),
        (POSITIONS, "'json', 'api', 'csv'"),
        ("/api/v1/", "'json', 'api'"),
    ],
)
def test_an_unknown_format_is_a_400_naming_format(client, db, url, formats):
    response = client.get(f"{url}?format=xml")

    assert response.status_code == 400
    message = FORMAT_UNKNOWN.format(value="xml", formats=formats)
    assert response.json() == {
        "status": 400,
        "code": "invalid",
        "detail": f"format: {message}",
        "errors": [{"field": "format", "code": "invalid", "message": message}],
    }


def test_an_unknown_format_of_the_schema_is_a_400_naming_format(client, db):
    response = client.get("/api/schema/?format=xml")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "format"


@pytest.mark.parametrize(
    "name", ["password_reset", "password_reset_done", "password_reset_complete"]
)
def test_password_reset_is_not_routed(name):
    with pytest.raises(NoReverseMatch):
        reverse(name)


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/",
        "/accounts/reset/done/",
    ],
)
def test_password_reset_pages_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_login_and_logout_still_work(client, analyst):
    from tests.conftest import PASSWORD

    assert client.get(reverse("login")).status_code == 200
    logged_in = client.post(reverse("login"), {"username": "analyst", "password": PASSWORD})
    assert logged_in.status_code == 302
    assert "_auth_user_id" in client.session
    logged_out = client.post(reverse("logout"))
    assert logged_out.status_code == 302
    assert "_auth_user_id" not in client.session


PAGES = ["/", "/parties/", "/accounts/login/", "/admin/login/", "/nope/", "/plans/none/"]
API = ["/api/v1/", "/api/v1/parties/", POSITIONS, "/api/schema/", "/api/docs/", "/api/nope/"]


@pytest.mark.parametrize("url", PAGES + API)
def test_trace_is_405_everywhere_and_echoes_nothing(db, url):
    client = Client(HTTP_X_SECRET="echo-me-not")
    response = client.generic("TRACE", url)

    assert response.status_code == 405
    assert "Allow" in response and "TRACE" not in response["Allow"]
    assert b"echo-me-not" not in response.content


@pytest.mark.parametrize("url", API)
def test_trace_under_the_api_is_a_json_405(client, db, url):
    response = client.generic("TRACE", url)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "method_not_allowed"


@override_settings(DEBUG=True)
def test_trace_is_405_with_debug_on_too(client, db):
    assert client.generic("TRACE", "/").status_code == 405
