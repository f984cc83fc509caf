"""An analyst takes data away, in headless Chromium: filter the overview, download the CSV,
and find in it the very rows the page shows."""

import csv
import io
from pathlib import Path

import pytest

from clauses.vocabularies import Stance, Topic
from core.exports import BOM
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(transactional_db):
    """Two drafts of three clauses, two of them military; Russia moves on the army cap."""
    plan = PlanFactory(slug="framework", title="Peace framework")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", short_name="UA", sort_order=1)
    russia = PartyFactory(slug="russia", name="Russia", short_name="RU", sort_order=2)
    clauses = [
        ClauseFactory(plan=plan, slug="army", title="Army cap", topic=Topic.MILITARY),
        ClauseFactory(plan=plan, slug="nato", title="NATO membership", topic=Topic.ALLIANCES),
        ClauseFactory(plan=plan, slug="dmz", title="Demilitarized zone", topic=Topic.MILITARY),
    ]
    previous = None
    for number in (1, 2):
        revision = RevisionFactory(
            plan=plan, number=number, label=f"Draft {number}", previous=previous
        )
        for i, clause in enumerate(clauses, start=1):
            version = ClauseVersionFactory(
                revision=revision, clause=clause, number=str(i), position_in_draft=i
            )
            PositionFactory(
                clause_version=version,
                party=ukraine,
                stance=Stance.CONDITIONAL,
                quote="«Ми не погодимося», said the minister, =no formula",
            )
            moved = clause.slug == "army" and number == 2
            PositionFactory(
                clause_version=version,
                party=russia,
                stance=Stance.OPPOSES if moved else Stance.RED_LINE,
            )
        previous = revision
    return plan


def test_an_analyst_downloads_the_filtered_overview_and_finds_its_rows(page, live_server, plan):
    page.goto(f"{live_server.url}/plans/framework/")
    page.get_by_label("Topic").select_option(label="military")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/plans/framework/?*topic=military*")
    shown = page.locator("table.matrix tbody tr th a").all_inner_texts()
    assert shown == ["Army cap", "Demilitarized zone"]

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download CSV").click()
    download = waiting.value
    assert download.suggested_filename == "framework-r2-overview-topic-military.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))

    titles = list(dict.fromkeys(row["clause_title"] for row in rows))
    assert titles == shown
    army_russia = next(r for r in rows if r["clause"] == "army" and r["party"] == "russia")
    assert (army_russia["stance"], army_russia["stance_value"]) == ("opposes", "-1")
    cell = page.locator("table.matrix tbody tr").first.inner_text()
    assert "opposes" in cell
    ukraine = next(r for r in rows if r["party"] == "ukraine")
    assert ukraine["quote"] == "«Ми не погодимося», said the minister, =no formula"
