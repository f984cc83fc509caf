"""An analyst's journey in headless Chromium, without an account: open the overview,
filter to one topic, open a clause, open the diff of the latest revision and see a
highlighted change, then compare two revisions picked in the form."""

import pytest

from clauses.vocabularies import Stance, Topic
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

pytestmark = pytest.mark.browser

ARMY_CAP = "The armed forces of Ukraine are capped at {} personnel."


@pytest.fixture
def plan(transactional_db):
    """Two drafts: the second raises the army cap, and Russia moves away on it."""
    plan = PlanFactory(slug="framework", title="Peace framework")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", short_name="UA", sort_order=1)
    russia = PartyFactory(slug="russia", name="Russia", short_name="RU", sort_order=2)
    clauses = [
        ClauseFactory(plan=plan, slug="army", title="Army cap", topic=Topic.MILITARY),
        ClauseFactory(plan=plan, slug="nato", title="NATO membership", topic=Topic.ALLIANCES),
        ClauseFactory(plan=plan, slug="dmz", title="Demilitarized zone", topic=Topic.MILITARY),
    ]
    texts = {
        1: [ARMY_CAP.format("600,000"), "Ukraine never joins NATO.", "A zone in the east."],
        2: [ARMY_CAP.format("800,000"), "Ukraine never joins NATO.", "A zone in the east."],
    }
    russia_on_army = {1: Stance.SUPPORTS, 2: Stance.OPPOSES}
    previous = None
    for number in (1, 2):
        revision = RevisionFactory(
            plan=plan, number=number, label=f"Draft {number}", previous=previous
        )
        for i, (clause, text) in enumerate(zip(clauses, texts[number], strict=True), start=1):
            version = ClauseVersionFactory(
                revision=revision, clause=clause, number=str(i), position_in_draft=i, text=text
            )
            PositionFactory(clause_version=version, party=ukraine, stance=Stance.CONDITIONAL)
            stance = russia_on_army[number] if clause.slug == "army" else Stance.RED_LINE
            PositionFactory(clause_version=version, party=russia, stance=stance)
        previous = revision
    return plan


def test_an_analyst_follows_a_clause_and_the_changes_between_drafts(page, live_server, plan):
    base = live_server.url

    # The overview: every clause by every party, stance in words.
    page.goto(f"{base}/plans/framework/")
    matrix = page.get_by_role("table")
    assert matrix.locator("tbody tr").count() == 3
    assert "red line" in matrix.inner_text()

    # Filter to one topic.
    page.get_by_label("Topic").select_option(label="alliances")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/plans/framework/?*topic=alliances*")
    assert matrix.locator("tbody tr").count() == 1

    # Open that clause: its text in each revision and each party's stance.
    page.get_by_role("link", name="NATO membership").click()
    page.wait_for_url(f"{base}/plans/framework/clauses/nato/")
    assert page.get_by_role("heading", level=1).inner_text() == "NATO membership"
    assert page.get_by_role("heading", name="Where each party stands").is_visible()

    # The diff of the latest revision, from the overview: the changed figure is highlighted.
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="What changed since revision 1").click()
    page.wait_for_url(f"{base}/plans/framework/revisions/2/diff/")
    army = page.locator("#clause-army")
    assert army.locator("ins").inner_text() == "800,000"
    assert army.locator("del").inner_text() == "600,000"
    assert army.locator("ins").is_visible()
    assert "away from agreement" in army.get_by_role("row", name="Russia").inner_text()

    # Compare two revisions picked in the form: the latest against the first, backwards.
    page.get_by_role("link", name="Compare", exact=True).click()
    page.get_by_label("From revision").select_option("2")
    page.get_by_label("To revision").select_option("1")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(f"{base}/plans/framework/compare/2...1/")
    army = page.locator("#clause-army")
    assert army.locator("del").inner_text() == "800,000"
    assert army.locator("ins").inner_text() == "600,000"


def test_the_overview_is_usable_from_the_keyboard(page, live_server, plan):
    page.goto(f"{live_server.url}/plans/framework/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    # The focused element is drawn with a visible outline.
    assert skip.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    assert page.evaluate("document.activeElement.id") == "main"

    # The matrix scrolls sideways from the keyboard on a narrow screen.
    region = page.get_by_role("region", name="Clauses of revision 2 by party: 3 clauses")
    assert region.get_attribute("tabindex") == "0"


def test_the_matrix_scrolls_inside_its_box_on_a_phone(page, live_server, plan):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/plans/framework/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
