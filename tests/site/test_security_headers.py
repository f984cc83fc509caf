"""Every response carries a Content-Security-Policy that allows no inline script but the
one with the request's nonce, and a Permissions-Policy; the API docs and the admin have
policies of their own, still without inline scripts."""

import pytest

from peaceplan.security import PERMISSIONS_POLICY

URLS = ["/", "/parties/", "/accounts/login/", "/api/v1/", "/api/docs/", "/admin/login/", "/nope/"]


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize("url", URLS)
def test_every_response_has_a_policy_without_inline_scripts(client, db, url):
    response = client.get(url)
    policy = directives(response)
    assert policy["script-src"].startswith("'self' 'nonce-")
    assert "unsafe-inline" not in policy["script-src"]
    assert "unsafe-eval" not in policy["script-src"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_the_nonce_is_new_for_every_request_and_offered_to_templates(client, db):
    first, second = client.get("/"), client.get("/")
    nonce = directives(first)["script-src"].split("'nonce-")[1].rstrip("'")
    assert nonce != directives(second)["script-src"].split("'nonce-")[1].rstrip("'")
    assert first.context["csp_nonce"] == nonce


def test_only_the_docs_and_the_admin_allow_inline_styles(client, db):
    assert directives(client.get("/"))["style-src"] == "'self'"
    assert "'unsafe-inline'" in directives(client.get("/api/docs/"))["style-src"]
    assert "'unsafe-inline'" in directives(client.get("/admin/login/"))["style-src"]


def test_the_docs_start_swagger_ui_from_a_script_file_not_inline(client, db):
    page = client.get("/api/docs/").content.decode()
    assert "<script>" not in page
    script = client.get("/api/docs/?script")
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_report_only_sends_the_policy_without_enforcing_it(client, db, settings):
    settings.CSP_REPORT_ONLY = True
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy-Report-Only"]
