"""On a phone (390 x 844) the pages read without hunting: the overview's matrix starts on
the first screen with the clause column and at least two parties in view (its filters
folded behind a button), a clause's many revision links fold, the diff's opening line is
not a headline. Checked on the seed and on a generated long negotiation by the boxes
Chromium lays out."""

import pytest
from django.core.management import call_command

from generator.plans import generate_plan

# Layout, not data: checked on one database (CI's SQLite run).
pytestmark = [pytest.mark.browser, pytest.mark.once]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def seed_plan(transactional_db):
    call_command("seed", verbosity=0)
    return "ukraine-peace-framework"


@pytest.fixture
def long_plan(transactional_db):
    """Fifty-one drafts of sixty clauses among ten parties."""
    return generate_plan(clauses=60, parties=10, revisions=51, slug="long", history=False).plan.slug


def in_view(box, *, width=PHONE["width"], height=PHONE["height"]) -> bool:
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width + 0.5
        and box["y"] + box["height"] <= height + 0.5
    )


def assert_matrix_reads_on_the_first_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    matrix = page.locator(".matrix-scroll")
    assert matrix.bounding_box()["y"] < PHONE["height"] - 200  # room for rows, not a sliver
    clause = page.locator(".matrix thead th.col-clause")
    assert in_view(clause.bounding_box())
    first_row = page.locator(".matrix tbody tr").first.locator("th.col-clause")
    assert in_view(first_row.bounding_box())
    parties = page.locator(".matrix thead th.col-party")
    assert parties.count() >= 2
    for i in range(2):
        assert in_view(parties.nth(i).bounding_box()), f"party column {i + 1} is cut off"
        cell = page.locator(".matrix tbody tr").first.locator("td.cell").nth(i)
        assert in_view(cell.bounding_box())


@pytest.mark.parametrize("plan_fixture", ["seed_plan", "long_plan"])
def test_the_overview_shows_the_matrix_on_a_phones_first_screen(
    request, phone, live_server, plan_fixture
):
    slug = request.getfixturevalue(plan_fixture)
    phone.goto(f"{live_server.url}/plans/{slug}/")
    assert_matrix_reads_on_the_first_screen(phone)

    # The filters are folded behind one button, and open from it.
    tools = phone.locator("details.overview-tools")
    topic = phone.get_by_label("Topic")
    assert not topic.is_visible()
    tools.locator("summary").click()
    assert topic.is_visible()


def test_the_overview_keeps_its_filters_open_on_a_laptop(page, live_server, seed_plan):
    page.goto(f"{live_server.url}/plans/{seed_plan}/")
    assert page.get_by_label("Topic").is_visible()
    assert not page.locator("details.overview-tools > summary").is_visible()


def test_a_clauses_fifty_one_revision_links_fold_on_a_phone(phone, live_server, long_plan):
    phone.goto(f"{live_server.url}/plans/{long_plan}/")
    phone.locator(".matrix tbody th.col-clause a").first.click()
    phone.wait_for_url("**/clauses/**")
    links = phone.locator("nav.revision-links a")
    assert links.count() == 51
    visible = [links.nth(i).is_visible() for i in range(links.count())]
    assert visible[:5] == [True] * 5 and not any(visible[5:])
    assert links.first.inner_text() == "r51"  # latest first
    more = phone.locator("nav.revision-links summary")
    assert more.inner_text() == "46 earlier revisions"
    # The stance timeline keeps its own width, scrolled inside its box, not shrunk.
    picture = phone.locator(".picture-timeline img")
    picture.scroll_into_view_if_needed()
    phone.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    assert picture.evaluate("img => img.getBoundingClientRect().width") >= picture.evaluate(
        "img => img.naturalWidth"
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    more.click()
    assert links.nth(50).is_visible()


def test_the_diff_opens_with_text_not_a_headline_on_a_phone(phone, live_server, long_plan):
    phone.goto(f"{live_server.url}/plans/{long_plan}/revisions/51/diff/")
    line = phone.locator(".summary-line")
    style = line.evaluate(
        "el => [parseFloat(getComputedStyle(el).fontSize), getComputedStyle(el).fontWeight]"
    )
    body = phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert style[0] <= body and int(style[1]) < 600
    assert in_view(line.bounding_box())
