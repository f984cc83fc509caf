"""The README's picture of the synopsis (docs/synopsis.png), taken in headless Chromium on
a small plan: the synopsis journey's first draft, its counter-proposal (a branch) and the
later main-line draft, recorded from their pasted texts, with three parties' stances (the
seeded plan's first revision is a partial report, which leaves its column nearly empty).
The test checks that the picture in the repository is there and small;
``UPDATE_README_PICTURES=1`` takes it again and writes it over the old one."""

import os
from dataclasses import replace
from pathlib import Path

import pytest

from clauses.models import Plan, Position
from clauses.vocabularies import Stance
from drafting.services import draft_align, proposed_points, revision_from_paste
from tests.browser.test_synopsis_journey import (
    COUNTER_PROPOSAL,
    FIRST_DRAFT,
    LATER_DRAFT,
    TOPICS,
)
from tests.factories import PartyFactory

# A picture of the page: taken and checked on one database (CI's SQLite run).
pytestmark = [pytest.mark.browser, pytest.mark.once]

PICTURE = Path(__file__).resolve().parents[2] / "docs" / "synopsis.png"
MAX_BYTES = 200_000
PAGE = "/plans/framework/synopsis/?revisions=1,2,3&base=1"
# Each party: its name, short name and stance on every clause of the first draft.
PARTIES = {
    "ukraine": ("Ukraine", "UA", Stance.CONDITIONAL),
    "russia": ("Russia", "RU", Stance.OPPOSES),
    "european-partners": ("European partners", "EU", Stance.SUPPORTS),
}


def _record(plan, text, *, previous, user, label, branch=False, topics=None):
    proposal = draft_align(text=text, previous=previous)
    points = proposed_points(proposal, {})
    for index, topic in (topics or {}).items():
        points[index - 1] = replace(points[index - 1], topic=topic)
    return revision_from_paste(
        plan=plan,
        previous=previous,
        points=points,
        user=user,
        summary=f"{label}, pasted",
        label=label,
        branch=branch,
    )


@pytest.fixture
def drafts(transactional_db, editor):
    plan = Plan.objects.create(slug="framework", title="Peace framework")
    first = _record(
        plan, FIRST_DRAFT, previous=None, user=editor, label="First draft", topics=TOPICS
    )
    for order, (slug, (name, short, stance)) in enumerate(PARTIES.items()):
        party = PartyFactory(slug=slug, name=name, short_name=short, sort_order=order)
        for version in first.clause_versions.all():
            Position.objects.create(clause_version=version, party=party, stance=stance)
    counter = _record(
        plan,
        COUNTER_PROPOSAL,
        previous=first,
        user=editor,
        label="European counter-proposal",
        branch=True,
    )
    _record(plan, LATER_DRAFT, previous=first, user=editor, label="Revised framework")
    # Ukraine backs the counter-proposal's wider withdrawal; Russia draws a red line.
    Position.objects.filter(
        clause_version__revision=counter, party__slug="ukraine", clause_version__number="1"
    ).update(stance=Stance.SUPPORTS)
    Position.objects.filter(
        clause_version__revision=counter, party__slug="russia", clause_version__number="1"
    ).update(stance=Stance.RED_LINE)
    return plan


def test_the_readme_shows_the_synopsis_of_a_small_plan(browser, live_server, drafts):
    context = browser.new_context(viewport={"width": 1100, "height": 700})
    page = context.new_page()
    page.goto(f"{live_server.url}{PAGE}")
    table = page.locator("table.synopsis")
    assert table.locator("tbody tr").count() > 0
    assert table.locator("td.c2 ins, td.c2 del, td.c2 .badge").count() > 0
    # From the counts to the first rows: what a reader sees first.
    table.scroll_into_view_if_needed()
    page.locator(".synopsis-counts").evaluate("element => element.scrollIntoView()")
    picture = page.screenshot(type="png")
    context.close()
    assert len(picture) < MAX_BYTES
    if os.environ.get("UPDATE_README_PICTURES") == "1":
        PICTURE.write_bytes(picture)
    assert PICTURE.exists(), "take it with UPDATE_README_PICTURES=1"
    assert PICTURE.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert PICTURE.stat().st_size < MAX_BYTES
