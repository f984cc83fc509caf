"""A long negotiation's clause page: its latest revisions by default (REVISIONS_PER_PAGE),
with links to the earlier ones, a page at a time or every one at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clauses.vocabularies import Stance
from comparison.selectors.clause_pages import REVISIONS_PER_PAGE
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

pytestmark = pytest.mark.django_db

REVISIONS = REVISIONS_PER_PAGE + 5


def negotiation(slug: str, revisions: int):
    """A plan of ``revisions`` drafts, each continuing the one before, its one clause
    reworded in each; Ukraine quoted in r1 only (carried over since), Russia opposed
    until r5 and supporting from r6 on."""
    plan = PlanFactory(slug=slug)
    ukraine = PartyFactory(slug=f"{slug}-ukraine", name="Ukraine", sort_order=1)
    russia = PartyFactory(slug=f"{slug}-russia", name="Russia", sort_order=2)
    clause = ClauseFactory(plan=plan, slug="army", title="Army cap")
    previous = None
    for number in range(1, revisions + 1):
        revision = RevisionFactory(
            plan=plan, number=number, label=f"Draft {number}", previous=previous
        )
        version = ClauseVersionFactory(
            revision=revision,
            clause=clause,
            number="6",
            text=f"The army is capped, draft {number}.",
        )
        PositionFactory(
            clause_version=version,
            party=ukraine,
            stance=Stance.CONDITIONAL,
            quote="We can live with a cap." if number == 1 else "",
            carried_over=number > 1,
        )
        PositionFactory(
            clause_version=version,
            party=russia,
            stance=Stance.OPPOSES if number <= 5 else Stance.SUPPORTS,
        )
        previous = revision
    return plan


@pytest.fixture
def plan():
    return negotiation("long", REVISIONS)


def page(client, query="", slug="long"):
    return client.get(reverse("clauses:clause", kwargs={"plan": slug, "clause": "army"}) + query)


def shown_numbers(response) -> list[int]:
    return [step.version.revision.number for step in response.context["timeline"].steps]


def test_the_page_shows_the_latest_revisions_by_default_with_a_link_to_the_earlier(client, plan):
    response = page(client)
    assert response.status_code == 200
    latest = list(range(REVISIONS - REVISIONS_PER_PAGE + 1, REVISIONS + 1))
    assert shown_numbers(response) == latest
    body = response.content.decode()
    assert '<a href="?history=2" rel="next">Earlier revisions</a>' in body
    assert '<a href="?history=all">Every revision (25)</a>' in body
    assert f"in r{REVISIONS} back to r{latest[0]}: 20 of the 25 revisions" in body
    # Every revision's own page stays one link away.
    assert (
        reverse("clauses:clause_version", kwargs={"plan": "long", "clause": "army", "number": 1})
        in body
    )
    # The edit history keeps to the revisions shown (and the clause's own rows).
    assert {entry.revision for entry in response.context["history"]} <= {None, *latest}


def test_the_earlier_revisions_are_a_page_further_and_all_of_them_at_once(client, plan):
    earlier = page(client, "?history=2")
    assert earlier.status_code == 200
    assert shown_numbers(earlier) == [1, 2, 3, 4, 5]
    assert {e.revision for e in earlier.context["history"]} == {None, 1, 2, 3, 4, 5}
    assert '<a href="?" rel="prev">Later revisions</a>' in earlier.content.decode()

    every = page(client, "?history=all")
    assert shown_numbers(every) == list(range(1, REVISIONS + 1))
    assert {e.revision for e in every.context["history"]} == {None, *range(1, REVISIONS + 1)}
    assert "Only the latest 20" in every.content.decode()


def test_a_page_still_reads_what_lies_before_it(client, plan):
    response = page(client)
    rows = {row.party.name: row for row in response.context["timeline"].stances}
    # Russia moved in r6, the oldest revision shown: its cell there is marked changed.
    oldest_cell, changed = rows["Russia"].steps_newest_first()[-1]
    assert (oldest_cell.stance, changed) == (Stance.SUPPORTS, True)
    # Ukraine last stated its position in r1, off the page: that quote is still shown.
    assert rows["Ukraine"].latest_statement.quote == "We can live with a cap."
    assert "We can live with a cap." in response.content.decode()
    # The oldest revision shown is compared with the one it continues, off the page.
    oldest_step = response.context["timeline"].steps[0]
    assert oldest_step.change.change == "changed"
    assert oldest_step.previous.revision.number == REVISIONS - REVISIONS_PER_PAGE


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("?history=3", 404, "this clause's revisions fill 2 pages; there is no page 3"),
        ("?history=0", 400, "history must be “all” or a page number from 1, not “0”"),
        ("?history=latest", 400, "history must be “all” or a page number from 1"),
    ],
)
def test_a_page_out_of_range_or_malformed_says_so(client, plan, query, status, words):
    response = page(client, query)
    assert response.status_code == status
    assert words in response.content.decode()


def test_a_short_history_has_no_pages(client):
    negotiation("short", 3)
    response = page(client, slug="short")
    assert shown_numbers(response) == [1, 2, 3]
    assert "Earlier revisions" not in response.content.decode()
    assert page(client, "?history=2", slug="short").status_code == 404


def queries_of(client, query="", slug="long") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert page(client, query, slug=slug).status_code == 200
    return len(queries)


def test_each_page_costs_the_same_queries_however_long_the_history(client, plan):
    negotiation("short", 3)
    longer = negotiation("longer", 2 * REVISIONS)
    assert longer.revisions.count() > REVISIONS
    default = queries_of(client, slug="short")
    assert queries_of(client) == default
    assert queries_of(client, slug="longer") == default
    assert queries_of(client, "?history=2") == default
    assert queries_of(client, "?history=2", slug="longer") == default
    assert queries_of(client, "?history=all", slug="short") == queries_of(
        client, "?history=all", slug="longer"
    )
