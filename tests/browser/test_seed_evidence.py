"""An analyst checks the seeded plan against its source in headless Chromium: the diff
claims no clause "added" from the silence of the partial earlier draft, and the
Zaporizhzhia clause shows Kyiv's words with their source."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

PLAN = "/plans/ukraine-peace-framework"


@pytest.fixture
def seeded_live(transactional_db):
    call_command("seed", verbosity=0)


def test_the_seeded_diff_and_the_evidence_of_kyiv_s_demand(page, live_server, seeded_live):
    base = live_server.url

    page.goto(f"{base}{PLAN}/revisions/2/diff/")
    summary = page.locator(".summary-line").inner_text()
    assert summary == "15 first described"
    assert "added" not in summary
    assert page.locator(".change-badge-added").count() == 0
    plant = page.locator("#clause-zaporizhzhia-nuclear-plant")
    assert plant.locator(".change-badge").text_content() == "first described"
    assert "not described in r1" in plant.inner_text()

    plant.get_by_role("link", name="Zaporizhzhia nuclear plant administration").click()
    page.wait_for_url(f"{base}{PLAN}/clauses/zaporizhzhia-nuclear-plant/")
    kyiv = page.locator(".party-stance").filter(has_text="Ukraine")
    assert kyiv.is_visible()
    assert "which Kyiv insists should be jointly administered by Ukraine and the US." in (
        kyiv.locator("blockquote").inner_text()
    )
    assert "Rokna Political Desk, citing The Guardian" in kyiv.inner_text()
    assert "no URL given in the report" in kyiv.inner_text()
    assert "demands" in kyiv.inner_text()
