"""What an analyst reads of the seeded plan: evidence beside each stance, demands marked,
no clause "added" from the silence of a partial draft."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PLAN = "ukraine-peace-framework"
KYIV_QUOTE = "which Kyiv insists should be jointly administered by Ukraine and the US."


def page(client, name, **kwargs) -> str:
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_the_clause_page_shows_the_latest_quotes_with_their_source_and_date(seeded, client):
    html = page(client, "clauses:clause", plan=PLAN, clause="zaporizhzhia-nuclear-plant")

    evidence = html[html.index('id="stances-title"') : html.index('id="wording-title"')]
    assert KYIV_QUOTE in evidence
    assert "no URL given in the report)" in evidence
    assert "date not given" in evidence
    demand = "Joint administration of the plant by Ukraine and the US."
    assert f"⚑</span> demands</span>: <bdi>{demand}</bdi>" in evidence


def test_the_overview_cell_describes_the_stance_with_its_quote_and_marks_a_demand(seeded, client):
    html = page(client, "clauses:plan", plan=PLAN)

    cell = re.search(
        r'<td class="cell"><a class="cell-link" href="[^"]*zaporizhzhia[^"]*"[^>]*>', html
    )
    assert cell is not None
    assert KYIV_QUOTE in cell.group(0)
    row = html[cell.start() : html.index("</td>", cell.start())]
    assert '<span class="demand"' in row
    assert "a demand is never read as support" in html  # the legend says what the marker means


def test_the_seeded_diff_has_no_added_clause_and_says_why(seeded, client):
    html = page(client, "clauses:revision_diff", plan=PLAN, number=2)

    assert "change-badge-added" not in html
    assert re.search(r"<p class=\"summary-line\">15 first described</p>", html)
    assert "r1 and r2 are <strong>partial</strong>" in html


def test_the_party_page_says_not_described_rather_than_new(seeded, client):
    html = page(client, "parties:detail", party="russia")

    assert "not described in r1" in html
    assert ">new</span>" not in html
    assert "Demands: <bdi>Full control of Donetsk.</bdi>" in html


def test_the_timeline_counts_first_described_clauses_apart(seeded, client):
    html = page(client, "clauses:revisions", plan=PLAN)

    assert '<span class="change-first_described">15 first described</span>' in html
    assert "added</span>" not in html
