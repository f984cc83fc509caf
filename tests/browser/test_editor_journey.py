"""An editor's journey in headless Chromium: log in, paste the next draft, fix one match,
confirm, change a party's stance with an edit summary, then find that change on the diff
page and in the clause's history."""

import pytest

from tests.conftest import PASSWORD
from tests.editing_helpers import NEXT_DRAFT, make_plan

# Chromium, the live server and the `page` fixture come from tests/browser/conftest.py.
pytestmark = pytest.mark.browser


@pytest.fixture
def plan(transactional_db):
    # Made before the browser starts: database calls made while Playwright runs go through
    # a connection of their own, which stays open and keeps PostgreSQL from dropping the
    # test database. So the test reads the database only through the pages.
    return make_plan()


def test_an_editor_records_a_draft_and_a_new_stance(plan, editor, page, live_server):
    base = live_server.url

    # Log in from the revision page, and come back to it.
    page.goto(f"{base}/plans/framework/revisions/1/")
    assert page.get_by_role("link", name="Paste the next draft").count() == 0
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/plans/framework/revisions/1/")

    # Paste the next draft.
    page.get_by_role("link", name="Paste the next draft").click()
    page.get_by_label("Text of the draft").fill(NEXT_DRAFT)
    page.get_by_role("button", name="Split into points and align").click()
    page.get_by_role("heading", name="Check the alignment").wait_for()
    assert page.locator(".align-row").count() == 4
    assert "Amnesty" in page.locator(".dropped").inner_text()

    # Fix one match: point 4 is proposed as new; the editor knows it continues "Amnesty".
    point_4 = page.get_by_label("Clause for point 4")
    assert point_4.input_value() == "new"
    point_4.select_option(label="4. Amnesty")
    # With JavaScript, the new-clause fields hide once a clause is chosen.
    assert page.locator(".align-row").nth(3).locator("[data-new-clause]").is_hidden()
    # ... and the dropped list follows at once: no clause is dropped any more.
    assert page.locator(".dropped li[data-clause]:visible").count() == 0
    assert page.locator("[data-dropped-none]").is_visible()
    page.get_by_label("Label").fill("Joint framework")
    page.get_by_label("Edit summary").fill("Joint framework of 30 November")
    page.get_by_role("button", name="Record revision 2").click()
    page.wait_for_url(f"{base}/plans/framework/revisions/2/")
    assert "Revision 2 recorded" in page.locator(".messages").inner_text()

    cards = page.locator(".clause-card").evaluate_all("cards => cards.map(c => c.id)")
    assert cards == [
        "clause-sovereignty",
        "clause-zaporizhzhia",
        "clause-army-size",
        "clause-amnesty",
    ]

    # Change Russia's stance on the Zaporizhzhia plant, with an edit summary, from the link
    # beside its carried-over position on the new revision's page.
    page.locator("#clause-zaporizhzhia").get_by_role(
        "link", name="Reconfirm or edit the position of Russia"
    ).click()
    page.get_by_label("Stance").select_option(label="red line")
    page.get_by_label("Position in a sentence or two").fill("No foreign operator at the plant.")
    page.get_by_label("Edit summary").fill("Peskov, 3 December")
    page.get_by_role("button", name="Save the position").click()
    page.wait_for_url(f"{base}/plans/framework/clauses/zaporizhzhia/r2/")

    # The diff page shows the move.
    page.goto(f"{base}/plans/framework/revisions/2/diff/")
    moved = page.locator("#clause-zaporizhzhia").get_by_role("row", name="Russia")
    assert "opposes" in moved.inner_text() and "red line" in moved.inner_text()

    # The clause's history names the editor and the summary.
    page.goto(f"{base}/plans/framework/clauses/zaporizhzhia/")
    history = page.locator("section[aria-labelledby='history-title']").inner_text()
    assert "Peskov, 3 December" in history
    assert editor.username in history
