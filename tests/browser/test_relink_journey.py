"""An editor's journey in headless Chromium: a point of the second draft was recorded
against the wrong clause; the editor re-links it from its page and sees both clause pages
change."""

import pytest

from clauses.models import Clause
from clauses.services import revision_clone
from clauses.services.fingerprints import fingerprints_refresh_all
from clauses.vocabularies import Topic
from tests.conftest import PASSWORD
from tests.editing_helpers import make_plan

# Chromium, the live server and the `page` fixture come from tests/browser/conftest.py.
pytestmark = pytest.mark.browser


@pytest.fixture
def plan(transactional_db, editor):
    # Made before the browser starts (see test_editor_journey.py): the test then reads the
    # database only through the pages.
    plan = make_plan()
    revision_clone(source=plan.revisions.get(number=1), user=editor, summary="Second draft")
    Clause.objects.create(
        plan=plan, slug="prisoner-exchange", title="Prisoner exchange", topic=Topic.HUMANITARIAN
    )
    fingerprints_refresh_all()
    return plan


def test_an_editor_relinks_a_point_recorded_against_the_wrong_clause(
    plan, editor, page, live_server
):
    base = live_server.url
    page.goto(f"{base}/accounts/login/?next=/plans/framework/clauses/amnesty/r2/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/plans/framework/clauses/amnesty/r2/")

    page.get_by_role("link", name="Re-link this point").click()
    page.get_by_role("heading", name="Re-link point 4 of revision 2").wait_for()
    page.get_by_label("The clause this point belongs to").select_option(label="Prisoner exchange")
    page.get_by_label("Edit summary").fill("Point 4 is about the prisoner exchange")
    page.get_by_role("button", name="Re-link the point").click()

    page.wait_for_url(f"{base}/plans/framework/clauses/prisoner-exchange/r2/")
    assert "now recorded against “Prisoner exchange”" in page.locator(".messages").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "4. Prisoner exchange"

    # The clause the point left keeps revision 1 only; the clause it joined has revision 2.
    page.goto(f"{base}/plans/framework/clauses/amnesty/")
    versions = page.get_by_role("navigation", name="This clause in each revision")
    assert versions.inner_text().split() == ["r1"]
    page.goto(f"{base}/plans/framework/clauses/prisoner-exchange/")
    versions = page.get_by_role("navigation", name="This clause in each revision")
    assert versions.inner_text().split() == ["r2"]
    assert "Point 4 is about the prisoner exchange" in page.content()
