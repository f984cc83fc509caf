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
