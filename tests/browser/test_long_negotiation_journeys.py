"""An analyst's questions on a long negotiation, answered in a few clicks in Chromium:
"Where do Ukraine and Russia disagree most?" in two clicks from the overview (on the seed and
on a generated plan), and "what changed on this clause between r1 and r50?" in three clicks
from the compare page."""

import pytest
from django.core.management import call_command

from clauses.models import ClauseVersion
from generator.plans import generate_plan

pytestmark = pytest.mark.browser


@pytest.fixture
def seed_plan(transactional_db):
    call_command("seed", verbosity=0)
    return "ukraine-peace-framework"


@pytest.fixture
def generated_plan(transactional_db):
    """Fifty drafts of twenty clauses among four parties (Ukraine and Russia among them)."""
    return generate_plan(clauses=20, parties=4, revisions=50, slug="long", history=False).plan


def pair_gaps(page) -> list[int | None]:
    """The "Ukraine vs Russia" column, top to bottom: its meter's value, None for "too few
    known"."""
    values = page.locator("tbody td.col-pair").evaluate_all(
        "cells => cells.map(c => { const m = c.querySelector('meter'); "
        "return m ? Number(m.value) : null; })"
    )
    return values


def ask_where_ukraine_and_russia_disagree_most(page, url: str, *, any_known: bool = True) -> None:
    page.goto(url)
    views = page.get_by_role("navigation", name="Ways into the matrix")
    views.get_by_role("link", name="Ukraine", exact=True).click()  # first click
    page.get_by_role("navigation", name="Ways into the matrix").get_by_role(
        "link", name="Russia", exact=True
    ).click()  # second click
    assert "party=ukraine" in page.url and "vs=russia" in page.url and "sort=pair" in page.url
    headers = page.locator("thead th").all_inner_texts()
    # The two parties sit next to the clauses, their distance beside them.
    assert headers[3:6] == ["Ukraine", "Russia", "Ukraine vs Russia"]
    gaps = pair_gaps(page)
    known = [g for g in gaps if g is not None]
    if not any_known:
        # The answer is that nothing can be told: no distance is made up from silence.
        assert gaps and not known
        return
    assert known, "no clause where both have a known stance"
    assert known == sorted(known, reverse=True)  # largest disagreement first
    assert gaps[: len(known)] == known  # the unknown ones last


@pytest.mark.parametrize("plan_fixture", ["seed_plan", "generated_plan"])
def test_where_do_ukraine_and_russia_disagree_most_in_two_clicks(
    request, page, live_server, plan_fixture
):
    plan = request.getfixturevalue(plan_fixture)
    slug = plan if isinstance(plan, str) else plan.slug
    # The seed's report states no stance of Russia on any clause, only its demands.
    any_known = plan_fixture != "seed_plan"
    ask_where_ukraine_and_russia_disagree_most(
        page, f"{live_server.url}/plans/{slug}/", any_known=any_known
    )


def test_what_changed_on_a_clause_between_r1_and_r50_in_three_clicks(
    page, live_server, generated_plan
):
    # A clause in both the first and the last draft, reworded in between.
    versions = {
        (v.clause.slug, v.revision.number): v
        for v in ClauseVersion.objects.filter(
            revision__plan=generated_plan, revision__number__in=(1, 50)
        ).select_related("clause", "revision")
    }
    clause = next(
        v.clause
        for (slug, number), v in sorted(versions.items())
        if number == 1 and (slug, 50) in versions and versions[slug, 50].text != v.text
    )
    page.goto(f"{live_server.url}/plans/long/compare/1...50/")
    topics = page.get_by_role("navigation", name="Changed clauses by topic")
    topics.get_by_role("link", name=clause.get_topic_display(), exact=False).first.click()  # 1
    article = page.locator(f"#clause-{clause.slug}")
    article.get_by_role("link", name="this clause only").click()  # 2
    article = page.locator(f"#clause-{clause.slug}")
    assert page.locator("article.diff-clause").count() == 1
    # The first and last wording as a word diff, and where the parties moved.
    assert article.locator("del, ins").count() > 0
    assert article.get_by_role("table").is_visible()
    article.get_by_role("link", name=clause.title, exact=True).click()  # 3
    assert page.get_by_role("heading", level=1).inner_text() == clause.title
    assert page.get_by_role("heading", name="Its wording, latest first").is_visible()
    # The page opens on the latest revisions; every one of them is a click away, with the
    # wordings between r1 and r50 as word diffs.
    page.get_by_role("navigation", name="Pages of revisions", exact=True).get_by_role(
        "link", name="Every revision", exact=False
    ).click()
    assert page.locator(".diff-text del, .diff-text ins").count() > 0
