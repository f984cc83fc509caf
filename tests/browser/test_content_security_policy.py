"""Every kind of page runs under its Content-Security-Policy in Chromium without a single
violation: the reader's pages, the editor's forms and the paste alignment (with its
script), the login, the API docs (Swagger UI), the admin, and the error pages."""

import pytest

from parties.models import Party
from tests.conftest import PASSWORD
from tests.editing_helpers import NEXT_DRAFT, make_plan

pytestmark = pytest.mark.browser

READER_PAGES = [
    "/",
    "/plans/framework/",
    "/plans/framework/revisions/",
    "/plans/framework/revisions/1/",
    "/plans/framework/revisions/2/diff/",
    "/plans/framework/compare/",
    "/plans/framework/compare/1...2/",
    "/plans/framework/clauses/army-size/",
    "/plans/framework/clauses/army-size/r1/",
    "/parties/",
    "/parties/ukraine/",
    "/api/docs/",
    "/no-such-page/",
    "/accounts/login/",
]
EDITOR_PAGES = [
    "/plans/+new/",
    "/plans/framework/revisions/+new/",
    "/plans/framework/revisions/2/edit/",
    "/plans/framework/revisions/2/next/",
    "/plans/framework/revisions/2/clauses/add/",
    "/plans/framework/clauses/army-size/edit/",
    "/plans/framework/clauses/army-size/r1/edit/",
    "/plans/framework/clauses/army-size/r1/positions/russia/edit/",
    "/plans/framework/revisions/2/paste/",
    "/admin/",
    "/admin/clauses/clause/",
    "/admin/clauses/clause/?q=army",
    "/admin/parties/party/add/",
]


@pytest.fixture
def plan(transactional_db, staff):
    """Two revisions of the editing tests' plan, a party with its colour (a style attribute
    on the overview)."""
    plan = make_plan()
    Party.objects.filter(slug="ukraine").update(color="#0057b7")
    return plan


def watch_for_violations(page) -> list[str]:
    """Chromium reports each refused script, style or resource on the console."""
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: violations.append(f"{page.url}: {error}"))
    return violations


def visit(page, url) -> None:
    response = page.goto(url)
    assert response is not None
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"], url
    assert "camera=()" in response.headers["permissions-policy"], url
    # Let scripts that start on load (Swagger UI draws the docs) run and load what they load.
    page.wait_for_load_state("networkidle")


def test_no_page_violates_its_content_security_policy(page, live_server, plan):
    violations = watch_for_violations(page)
    base = live_server.url

    # A second revision, recorded through the paste page, its script on the alignment page.
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("networkidle")
    visit(page, f"{base}/plans/framework/revisions/1/paste/")
    page.get_by_label("Text of the draft").fill(NEXT_DRAFT)
    page.get_by_role("button", name="Split into points and align").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("script[src$='paste.js']").count() == 1
    page.get_by_label("Edit summary").fill("Second draft")
    page.get_by_role("button", name="Record").first.click()
    page.wait_for_url(f"{base}/plans/framework/revisions/2/")

    for url in EDITOR_PAGES:
        visit(page, f"{base}{url}")
    page.context.clear_cookies()
    for url in READER_PAGES:
        visit(page, f"{base}{url}")
    # Swagger UI drew the operations: its script ran under the policy.
    page.goto(f"{base}/api/docs/")
    page.locator(".opblock").first.wait_for()

    assert violations == []
