"""An editor's journey in headless Chromium: paste a report, accept two of the statements
proposed, reject one, and find the positions recorded, citing the stored report."""

import pytest
from django.core.management import call_command

from clauses.models import Position
from tests.conftest import PASSWORD

# Chromium, the live server and the `page` fixture come from tests/browser/conftest.py.
pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPORT = (
    "Kremlin spokesman Dmitry Peskov said that Moscow was studying the plan. “We will not "
    "accept the deployment of NATO troops,” Peskov told reporters.\n"
    "Zelenskyy stated that any troop withdrawals would require approval via a referendum "
    "in Ukraine."
)


@pytest.fixture
def seeded_plan(transactional_db):
    # Made before the browser starts (see test_editor_journey.py).
    call_command("seed", verbosity=0)


def test_an_editor_records_positions_from_a_report(seeded_plan, editor, page, live_server):
    base = live_server.url
    page.goto(f"{base}/accounts/login/?next=/plans/ukraine-peace-framework/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/plans/ukraine-peace-framework/")

    page.get_by_role("link", name="Propose statements from a report").click()
    page.get_by_label("Report text").fill(REPORT)
    page.get_by_label("Title", exact=True).fill("Peskov and Zelenskyy on the plan")
    page.get_by_role("button", name="Store the report and propose statements").click()
    page.get_by_role("heading", name="Statements proposed from").wait_for()
    assert page.locator("fieldset.proposal").count() == 3

    studying, nato, referendum = (page.locator(f"#proposal-{n}") for n in (1, 2, 3))
    assert "Moscow was studying the plan" in studying.get_by_label("Quote").input_value()
    studying.get_by_label("Reject").check()
    nato.get_by_label("Accept").check()
    nato.get_by_label("Clause").select_option(label="6. NATO membership")
    nato.get_by_label("Stance").select_option(label="opposes")
    referendum.get_by_label("Accept").check()
    referendum.get_by_label("Clause").select_option(label="12. Referendum on troop withdrawals")
    page.get_by_label("Edit summary").fill("Positions from Peskov and Zelenskyy")
    page.get_by_role("button", name="Record the accepted statements").click()

    page.wait_for_url(f"{base}/plans/ukraine-peace-framework/")
    assert "2 position(s) recorded" in page.locator(".messages").inner_text()

    # The clause's page shows Russia's new position with the report's words.
    page.goto(f"{base}/plans/ukraine-peace-framework/clauses/nato-membership/")
    assert "We will not accept the deployment of NATO troops" in page.content()

    # The overview shows them too, each quote linking to its place in the report.
    recorded = Position.objects.filter(source__title="Peskov and Zelenskyy on the plan")
    assert recorded.count() == 2
    page.goto(f"{base}/plans/ukraine-peace-framework/")
    for position in recorded:
        href = f"/sources/{position.source_id}/#quote-{position.pk}"
        link = page.locator(f'a.cell-source[href="{href}"]')
        assert link.count() == 1, href
        assert link.get_attribute("title") == "The quote in its source"
    nato = recorded.get(clause_version__clause__slug="nato-membership")
    page.locator(f'a.cell-source[href="/sources/{nato.source_id}/#quote-{nato.pk}"]').click()
    page.wait_for_url(f"{base}/sources/{nato.source_id}/#quote-{nato.pk}")
    assert "We will not accept the deployment of NATO troops" in page.content()
