"""An editor records a counter-proposal to an earlier draft, in headless Chromium: the
overview stays on the main line, and the next main-line draft continues the main line."""

import pytest

from clauses.services import revision_clone
from tests.conftest import PASSWORD
from tests.editing_helpers import NEXT_DRAFT, make_plan

pytestmark = pytest.mark.browser

COUNTER_PROPOSAL = """Counter-proposal
1. The sovereignty of Ukraine will be confirmed.
2. All parties to the conflict will receive full amnesty for their actions during the war.
"""


@pytest.fixture
def plan(transactional_db, editor):
    """r1, and r2 continuing it; made before the browser starts (see test_editor_journey)."""
    plan = make_plan()
    revision_clone(source=plan.revisions.get(), user=editor, summary="Joint framework")
    return plan


def test_a_counter_proposal_stays_a_branch(plan, editor, page, live_server):
    base = live_server.url
    page.goto(f"{base}/accounts/login/?next=/plans/framework/revisions/1/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/plans/framework/revisions/1/")

    # A counter-proposal answering revision 1, pasted from revision 1's page.
    page.get_by_role("link", name="Paste the next draft").click()
    page.get_by_label("Text of the draft").fill(COUNTER_PROPOSAL)
    page.get_by_role("button", name="Split into points and align").click()
    page.get_by_role("heading", name="Check the alignment").wait_for()
    assert "it will be recorded as a branch" in page.locator(".branch-note").inner_text()
    page.get_by_label("Label").fill("Russian counter-proposal")
    page.get_by_label("Edit summary").fill("Counter-proposal to the first draft")
    page.get_by_role("button", name="Record revision 3").click()
    page.wait_for_url(f"{base}/plans/framework/revisions/3/")
    assert page.locator(".line-branch").inner_text() == "branch"

    # The overview stays on the main line.
    page.goto(f"{base}/plans/framework/")
    assert "revision 2:" in page.locator(".page-header").inner_text()

    # "Paste a new draft" continues the main line.
    page.get_by_role("link", name="Paste a new draft").click()
    continues = page.get_by_label("Continues")
    assert continues.locator("option:checked").inner_text() == "2. Revision 2"
    page.get_by_label("Text of the draft").fill(NEXT_DRAFT)
    page.get_by_role("button", name="Split into points and align").click()
    page.get_by_role("heading", name="Check the alignment").wait_for()
    assert page.locator(".branch-note").count() == 0
    page.get_by_label("Label").fill("Revised framework")
    page.get_by_label("Edit summary").fill("Next main-line draft")
    page.get_by_role("button", name="Record revision 4").click()
    page.wait_for_url(f"{base}/plans/framework/revisions/4/")
    facts = page.locator(".facts").inner_text()
    assert "r2: Revision 2" in facts and "main line" in facts

    page.goto(f"{base}/plans/framework/")
    assert "revision 4: Revised framework" in page.locator(".page-header").inner_text()
    page.goto(f"{base}/plans/framework/revisions/")
    assert page.locator("#r3 .line-branch").count() == 1
    assert page.locator("#r4 .line-current").count() == 1
