"""Competing drafts side by side, in headless Chromium: an editor records a first draft, a
counter-proposal to it (a branch) and a later main-line draft through the paste form; an
analyst then answers, from the synopsis reached from the overview in at most three
clicks, what the counter-proposal changes in the first draft's territory clauses and
which of its changes the later draft kept. Then the phone's column switcher and the
print layout's header."""

import re
from urllib.parse import quote

import pytest

from clauses.models import Plan, Revision
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

# Points 1 to 3 deal with territory.
FIRST_DRAFT = """Draft peace framework
1. Russian forces will withdraw from the Kharkiv and Sumy regions.
2. The line of contact in the Zaporizhzhia and Kherson regions will be frozen.
3. Donetsk will become a demilitarized buffer zone under international monitoring.
4. Ukraine will not join NATO.
5. Elections will be held in Ukraine within 100 days of signing.
"""
TOPICS = {1: "territory", 2: "territory", 3: "territory", 4: "alliances"}

# Widens the withdrawal (kept by the later draft) and rewords the zone (not kept).
COUNTER_PROPOSAL = """European counter-proposal
1. Russian forces will withdraw from the Kharkiv, Sumy and Dnipropetrovsk regions.
2. The line of contact in the Zaporizhzhia and Kherson regions will be frozen.
3. Donetsk will become a demilitarized zone under international monitoring, without recognition of any occupied territory.
4. Ukraine's membership of NATO will depend on the consensus of its members.
5. Elections will be held in Ukraine within 100 days of signing.
"""  # noqa: E501

LATER_DRAFT = """Revised framework
1. Russian forces will withdraw from the Kharkiv, Sumy and Dnipropetrovsk regions.
2. The line of contact in the Zaporizhzhia and Kherson regions will be frozen.
3. Donetsk will become a demilitarized buffer zone under international monitoring.
4. Ukraine will not join NATO.
5. Elections will be held in Ukraine within 100 days of signing, under OSCE observation.
"""


@pytest.fixture
def plan(transactional_db):
    """An empty plan: its drafts are pasted in the browser."""
    return Plan.objects.create(slug="framework", title="Peace framework")


def _log_in(page, base, user, next_url):
    page.goto(f"{base}/accounts/login/?next={quote(next_url)}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}{next_url}")


def _paste(page, text, *, label, summary, number, topics=None, branch=False):
    """Paste ``text`` on the paste page open in ``page`` and record it as revision
    ``number``, giving the new clauses of the first draft their topics."""
    page.get_by_label("Text of the draft").fill(text)
    page.get_by_role("button", name="Split into points and align").click()
    page.get_by_role("heading", name="Check the alignment").wait_for()
    for point, topic in (topics or {}).items():
        control = page.get_by_label(f"Topic of the new clause (point {point})")
        if control.evaluate("element => element.tagName") == "SELECT":
            control.select_option(topic)
        else:
            control.fill(topic)
    if branch:
        page.get_by_label("Record it as a branch (a counter-proposal)").check()
    page.get_by_label("Label").fill(label)
    page.get_by_label("Edit summary").fill(summary)
    page.get_by_role("button", name=f"Record revision {number}").click()
    page.wait_for_url(re.compile(rf"/plans/framework/revisions/{number}/$"))


def _row(page, words):
    """The synopsis row of the clause whose title starts with ``words``."""
    return page.locator("table.synopsis tbody tr").filter(has=page.locator("th", has_text=words))


def _record_three_drafts(page, base, editor):
    _log_in(page, base, editor, "/plans/framework/revisions/+paste/")
    _paste(
        page,
        FIRST_DRAFT,
        label="First draft",
        summary="First draft, pasted",
        number=1,
        topics=TOPICS,
    )
    page.get_by_role("link", name="Paste the next draft").click()
    _paste(
        page,
        COUNTER_PROPOSAL,
        label="European counter-proposal",
        summary="Counter-proposal to the first draft",
        number=2,
        branch=True,
    )
    assert page.locator(".line-branch").inner_text() == "branch"
    page.goto(f"{base}/plans/framework/")
    page.get_by_role("link", name="Paste a new draft").click()
    _paste(
        page,
        LATER_DRAFT,
        label="Revised framework",
        summary="Next main-line draft",
        number=3,
    )


def test_an_analyst_reads_a_counter_proposal_beside_the_drafts(
    plan, editor, browser, page, live_server
):
    base = live_server.url
    _record_three_drafts(page, base, editor)
    assert Revision.objects.get(plan=plan, number=2).branch
    later = Revision.objects.get(plan=plan, number=3)
    assert not later.branch and later.previous.number == 1

    # The analyst reads without an account.

    analyst = browser.new_context(viewport={"width": 1280, "height": 900})
    reader = analyst.new_page()
    reader.goto(f"{base}/plans/framework/")

    # Click 1: the plan's synopsis; by default the current draft, the counter-proposal and
    # the draft it answers, compared with the first.
    reader.get_by_role("link", name="Synopsis", exact=True).first.click()
    reader.wait_for_url(re.compile(r"/plans/framework/synopsis/"))
    heads = reader.locator("table.synopsis thead th[scope=col]").all_inner_texts()
    assert [re.match(r"\s*(r\d+)", head).group(1) for head in heads[1:]] == ["r1", "r2", "r3"]
    assert "branch" in heads[2] and "base" in heads[1]

    # Click 2: the territory clauses only.
    reader.get_by_role("link", name=re.compile(r"^territory 3$", re.I)).first.click()
    reader.wait_for_url(re.compile(r"topic=territory"))
    rows = reader.locator("table.synopsis tbody tr")
    assert rows.count() == 3
    withdrawal, line, zone = (
        _row(reader, "Russian forces"),
        _row(reader, "The line of contact"),
        _row(reader, "Donetsk"),
    )

    # What the counter-proposal (column 2) changes in the first draft: marked, not only
    # coloured.
    assert "Dnipropetrovsk" in " ".join(withdrawal.locator("td.c2 ins").all_inner_texts())
    assert "buffer" in " ".join(zone.locator("td.c2 del").all_inner_texts())
    assert "recognition" in " ".join(zone.locator("td.c2 ins").all_inner_texts())
    assert line.locator("td.c2 ins, td.c2 del").count() == 0

    # Which survived into the later draft (column 3): the withdrawal's change, not the zone's.
    assert "Dnipropetrovsk" in " ".join(withdrawal.locator("td.c3 ins").all_inner_texts())
    assert zone.locator("td.c3 ins, td.c3 del").count() == 0

    # Click 3: the counter-proposal as the base: the later draft kept its withdrawal
    # (nothing marked) and undid its zone (its words marked deleted).
    reader.locator("thead th.c2").get_by_role("link", name="compare with this").click()
    reader.wait_for_url(re.compile(r"base=2"))
    assert "topic=territory" in reader.url
    assert _row(reader, "Russian forces").locator("td.c3 ins, td.c3 del").count() == 0
    zone = _row(reader, "Donetsk")
    assert "recognition" in " ".join(zone.locator("td.c3 del").all_inner_texts())
    assert "buffer" in " ".join(zone.locator("td.c3 ins").all_inner_texts())
    analyst.close()


def test_the_phone_shows_one_column_at_a_time_and_print_keeps_the_header(
    plan, editor, browser, page, live_server
):
    base = live_server.url
    _record_three_drafts(page, base, editor)
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    reader = phone.new_page()
    reader.goto(f"{base}/plans/framework/synopsis/?revisions=1,2,3&base=1")

    def shown():
        cells = reader.locator("table.synopsis tbody tr").first.locator("td")
        return [cell.get_attribute("class").split()[0] for cell in cells.all() if cell.is_visible()]

    assert shown() == ["c1"]
    reader.locator("label.syn-switch-label", has_text="r2").click()
    assert shown() == ["c2"]
    reader.locator("label.syn-switch-label", has_text="r3").click()
    assert shown() == ["c3"]
    # The page does not scroll sideways on a phone.
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()

    page.emulate_media(media="print")
    page.goto(f"{base}/plans/framework/synopsis/?revisions=1,2,3&base=1")
    legend = page.locator("table.synopsis .syn-legend")
    assert legend.is_visible()
    assert "inserted" in legend.inner_text()
    # The header group (its legend and column heads) repeats on every printed page.
    thead = page.locator("table.synopsis thead")
    assert thead.evaluate("element => getComputedStyle(element).display") == "table-header-group"
    assert page.locator("table.synopsis thead th.c3").is_visible()
    row = page.locator("table.synopsis tbody tr").first
    assert row.evaluate("element => getComputedStyle(element).breakInside") == "avoid"
    assert not page.locator("form.synopsis-pickers").is_visible()
    assert page.locator(".syn-switch-label").first.is_hidden()
