"""An editor withdraws a revision recorded by mistake, in headless Chromium: the plan's
current revision falls back, the withdrawn revision shows its banner and reason, and
restoring it brings it back."""

import pytest

from clauses.services import revision_clone
from tests.conftest import PASSWORD
from tests.editing_helpers import make_plan

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(transactional_db, editor):
    """r1, and r2 continuing it (the current revision); made before the browser starts."""
    plan = make_plan()
    revision_clone(source=plan.revisions.get(), user=editor, summary="Joint framework")
    return plan


def test_withdraw_a_revision_and_restore_it(plan, editor, page, live_server):
    base = live_server.url
    page.goto(f"{base}/accounts/login/?next=/plans/framework/revisions/2/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/plans/framework/revisions/2/")

    page.get_by_role("link", name="Withdraw this revision").click()
    # Without a reason the form says what is missing, and nothing is withdrawn.
    page.get_by_label("Edit summary").fill("Duplicate of r1")
    page.get_by_label("Why it is withdrawn").fill(" ")
    page.get_by_role("button", name="Withdraw revision 2").click()
    assert "Say why this revision is withdrawn" in page.locator(".field-errors").inner_text()

    page.get_by_label("Why it is withdrawn").fill("Recorded twice: it is revision 1 again")
    page.get_by_role("button", name="Withdraw revision 2").click()
    page.wait_for_url(f"{base}/plans/framework/revisions/2/")
    banner = page.locator(".withdrawn-banner").inner_text()
    assert "Withdrawn" in banner and "Recorded twice: it is revision 1 again" in banner
    assert "the plan's current revision is now r1" in page.locator("body").inner_text()
    assert "Corrections" in page.locator("#corrections-title").inner_text()

    # The overview falls back to revision 1; the timeline marks r2 withdrawn, never current.
    page.goto(f"{base}/plans/framework/")
    assert "revision 1:" in page.locator(".page-header").inner_text()
    page.goto(f"{base}/plans/framework/revisions/")
    assert page.locator("#r2 .line-withdrawn").inner_text() == "withdrawn"
    assert page.locator("#r1 .line-current").inner_text() == "current"
    # Its diff still reads.
    page.goto(f"{base}/plans/framework/revisions/2/diff/")
    assert page.locator(".withdrawn-banner").count() == 1

    page.goto(f"{base}/plans/framework/revisions/2/")
    page.get_by_role("link", name="Restore this revision").click()
    page.get_by_label("Edit summary").fill("Not a duplicate after all")
    page.get_by_role("button", name="Restore revision 2").click()
    page.wait_for_url(f"{base}/plans/framework/revisions/2/")
    assert page.locator(".withdrawn-banner").count() == 0
    page.goto(f"{base}/plans/framework/")
    assert "revision 2:" in page.locator(".page-header").inner_text()
