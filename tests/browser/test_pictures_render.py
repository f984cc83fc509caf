"""Each picture renders in Chromium: its screenshot holds the colours it draws, and the
heatmap of a long negotiation fits one laptop screen."""

import base64

import pytest

from publishing.pictures import STANCE_FILL, STATUS_FILL
from tests.factories import build_plan

pytestmark = pytest.mark.browser

# The colours of a screenshot (a PNG), read back by the browser itself.
# No fetch of a data: URL: the site's Content-Security-Policy allows none.
COLOURS_OF_PNG = """async (base64) => {
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], {type: "image/png"}));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  context.drawImage(bitmap, 0, 0);
  const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const seen = new Set();
  for (let i = 0; i < data.length; i += 4) {
    const hex = [data[i], data[i + 1], data[i + 2]].map(v => v.toString(16).padStart(2, "0"));
    seen.add("#" + hex.join(""));
  }
  return [...seen];
}"""


def colours_on_screen(page, selector: str) -> set[str]:
    png = page.locator(selector).first.screenshot()
    return set(page.evaluate(COLOURS_OF_PNG, base64.b64encode(png).decode()))


@pytest.fixture
def plans(transactional_db):
    build_plan(clauses=485, parties=10, revisions=2, slug="long")
    build_plan(clauses=6, parties=3, revisions=4, slug="small")


def test_each_picture_renders(page, live_server, plans):
    base = live_server.url
    page.goto(f"{base}/plans/long/heatmap.svg")
    box = page.locator("svg").bounding_box()
    assert box["width"] <= 1280 and box["height"] <= 900, "fits one laptop screen"
    drawn = colours_on_screen(page, "svg")
    assert {STANCE_FILL[s] for s in ("supports", "opposes", "red_line")} <= drawn

    page.goto(f"{base}/plans/small/clauses/clause-0/timeline.svg")
    assert page.locator("circle").count() > 0
    assert len(colours_on_screen(page, "svg")) > 20  # lines, points, labels antialiased

    page.goto(f"{base}/plans/small/convergence.svg")
    assert STATUS_FILL["open"] in colours_on_screen(page, "svg")

    # In the page, inline: the heatmap's rows are links to their clause.
    page.goto(f"{base}/plans/small/pictures/")
    assert page.locator("svg.heatmap a").count() == 6
    page.locator("svg.heatmap a").first.click()
    page.wait_for_url(f"{base}/plans/small/clauses/clause-0/")
    assert page.locator("figure.picture img").evaluate("img => img.naturalWidth") > 0


HEBREW_TITLE = "אזור מפורז"  # "demilitarized zone"


@pytest.fixture
def hebrew_clause(transactional_db):
    from tests.factories import (
        ClauseFactory,
        ClauseVersionFactory,
        PlanFactory,
        PositionFactory,
        RevisionFactory,
    )

    plan = PlanFactory(slug="rtl")
    version = ClauseVersionFactory(
        revision=RevisionFactory(plan=plan, number=1),
        clause=ClauseFactory(plan=plan, slug="zone", title=HEBREW_TITLE),
        text="تُنشأ منطقة منزوعة السلاح.",
    )
    PositionFactory(clause_version=version)
    return version


def test_a_hebrew_clause_runs_right_to_left_in_the_overview_and_the_heatmap(
    page, live_server, hebrew_clause
):
    base = live_server.url
    page.goto(f"{base}/plans/rtl/")
    title = page.get_by_role("link", name=HEBREW_TITLE)
    assert title.evaluate("link => getComputedStyle(link).direction") == "rtl"
    # The heatmap's label: drawn right to left, yet ending where its row of cells begins.
    page.goto(f"{base}/plans/rtl/heatmap.svg")
    label = page.locator("text", has_text=HEBREW_TITLE)
    assert label.evaluate("text => getComputedStyle(text).direction") == "rtl"
    label_box = label.bounding_box()
    cell_box = page.locator("a[data-clause=zone] use").first.bounding_box()
    assert label_box["x"] + label_box["width"] <= cell_box["x"]
