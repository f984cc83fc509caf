"""The parties, and one party's positions on the latest revision and where it moved."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from clauses.vocabularies import Stance
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def russia():
    """Russia's positions in r1 and r2 of a plan: it moves on one clause, holds on one,
    takes a position on a new one; one clause of r1 is dropped from r2."""
    plan = PlanFactory(slug="framework", title="Peace framework")
    russia = PartyFactory(slug="russia", name="Russia", short_name="RU")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", short_name="UA")
    army, dmz, nato, zaes = (
        ClauseFactory(plan=plan, slug=slug, title=title)
        for slug, title in [
            ("army", "Army cap"),
            ("dmz", "Demilitarized zone"),
            ("nato", "NATO membership"),
            ("zaes", "Nuclear plant"),
        ]
    )
    r1 = RevisionFactory(plan=plan, number=1, label="US draft")
    r2 = RevisionFactory(plan=plan, number=2, label="Joint framework", previous=r1)

    def position(revision, clause, number, stance, party=russia, summary=""):
        version = revision.clause_versions.filter(clause=clause).first() or ClauseVersionFactory(
            revision=revision, clause=clause, number=number, position_in_draft=int(number)
        )
        PositionFactory(clause_version=version, party=party, stance=stance, summary=summary)

    position(r1, army, "1", Stance.SUPPORTS)
    position(r1, dmz, "2", Stance.CONDITIONAL)
    position(r1, nato, "3", Stance.RED_LINE)
    position(r2, army, "1", Stance.OPPOSES, summary="Wants a lower cap.")
    position(r2, dmz, "2", Stance.CONDITIONAL)
    position(r2, zaes, "3", Stance.SUPPORTS, party=ukraine)  # Russia silent on it
    return russia


def test_the_party_list_names_every_party_with_its_positions(client, russia):
    response = client.get(reverse("parties:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/parties/russia/"' in page
    counts = {p.slug: p.position_count for p in response.context["parties"]}
    assert counts == {"russia": 5, "ukraine": 1}


def test_the_party_page_shows_its_position_on_every_clause_of_the_latest_revision(client, russia):
    response = client.get(reverse("parties:detail", kwargs={"party": "russia"}))
    assert response.status_code == 200
    (entry,) = response.context["plans"]
    assert (entry.revision.number, entry.previous.number) == (2, 1)
    assert [row.version.clause.slug for row in entry.rows] == ["army", "dmz", "zaes"]
    assert [row.position and row.position.stance for row in entry.rows] == [
        "opposes",
        "conditional",
        None,
    ]
    page = response.content.decode()
    assert "Wants a lower cap." in page
    assert "no position" in page


def test_the_party_page_shows_where_it_moved_since_the_previous_revision(client, russia):
    response = client.get(reverse("parties:detail", kwargs={"party": "russia"}))
    (entry,) = response.context["plans"]
    moves = {row.version.clause.slug: row.movement for row in entry.rows}
    assert moves["army"].direction == "away"
    assert moves["dmz"].direction == "unchanged"
    assert moves["zaes"] is None  # no position either side
    page = response.content.decode()
    assert "away from agreement" in page
    assert "same stance" in page
    assert "Dropped since r1" in page
    assert "NATO membership" in page


def test_a_party_without_positions_says_so(client, russia):
    PartyFactory(slug="mediator", name="Mediator")
    response = client.get(reverse("parties:detail", kwargs={"party": "mediator"}))
    assert response.status_code == 200
    assert "No position of Mediator is recorded" in response.content.decode()


def test_an_unknown_party_is_404(client, db):
    response = client.get("/parties/atlantis/")
    assert response.status_code == 404
    assert "Nothing at this address" in response.content.decode()


@pytest.fixture
def apart(russia):
    """Two more parties on r2: on the army cap Russia (opposes) faces two who support it;
    on the DMZ all three are conditional."""
    plan = russia.positions.first().clause_version.revision.plan
    r2 = plan.revisions.get(number=2)
    for slug in ("us", "eu"):
        other = PartyFactory(slug=slug, name=slug.upper())
        for clause, stance in (("army", Stance.SUPPORTS), ("dmz", Stance.CONDITIONAL)):
            version = r2.clause_versions.get(clause__slug=clause)
            PositionFactory(clause_version=version, party=other, stance=stance)
    return russia


def party_rows(client, **params):
    response = client.get(reverse("parties:detail", kwargs={"party": "russia"}), params)
    assert response.status_code == 200
    (entry,) = response.context["plans"]
    return [row.version.clause.slug for row in entry.rows]


def test_the_party_page_puts_where_it_stands_apart_from_the_others_first(client, apart):
    # Army cap: opposes (-1) against supports (+2) twice: 3 apart. DMZ: 0. Nuclear plant:
    # Russia holds no position there, so it cannot tell, and comes last.
    assert party_rows(client) == ["army", "dmz", "zaes"]
    cache.clear()  # the page rendered again, with its context, not served from the cache
    response = client.get(reverse("parties:detail", kwargs={"party": "russia"}))
    rows = response.context["plans"][0].rows
    assert [row.apart for row in rows] == [3.0, 0.0, None]
    assert party_rows(client, sort="point") == ["army", "dmz", "zaes"]


def test_the_party_page_filters_by_stance_and_topic(client, apart):
    assert party_rows(client, stance=[Stance.CONDITIONAL, Stance.SUPPORTS]) == ["dmz"]
    assert party_rows(client, topic="the-moon") == ["army", "dmz", "zaes"]  # invalid: all


def test_the_party_page_keeps_the_clauses_where_it_moved_since_a_chosen_revision(client, apart):
    # Since r1: it moved on the army cap (supports -> opposes), held on the DMZ; it held
    # nothing on the nuclear plant either side.
    assert party_rows(client, since=1) == ["army"]
    page = client.get(reverse("parties:detail", kwargs={"party": "russia"}), {"since": 1})
    assert '<th scope="col">In r1</th>' in page.content.decode()


@pytest.fixture
def three_revisions(russia):
    """A third revision of the plan where Russia draws a red line on the army cap, which it
    opposed in r2 and supported in r1, and holds on the DMZ."""
    plan = russia.positions.first().clause_version.revision.plan
    r2 = plan.revisions.get(number=2)
    r3 = RevisionFactory(plan=plan, number=3, label="Final", previous=r2)
    for n, (clause, stance) in enumerate((("army", Stance.RED_LINE), ("dmz", Stance.CONDITIONAL))):
        version = ClauseVersionFactory(
            revision=r3, clause=plan.clauses.get(slug=clause), number=str(n), position_in_draft=n
        )
        PositionFactory(clause_version=version, party=russia, stance=stance)
    return russia


def party_page(client, **params):
    response = client.get(reverse("parties:detail", kwargs={"party": "russia"}), params)
    assert response.status_code == 200
    return response


def army_row(page: str) -> str:
    start = page.index("Army cap</a>")
    return page[start : page.index("</tr>", start)]


def test_moved_since_a_revision_compares_with_that_revision(client, three_revisions):
    # r1 supports, r2 opposes, r3 red line: since r1 it moved away, from "supports".
    response = party_page(client, since=1)
    (entry,) = response.context["plans"]
    (army,) = [row for row in entry.rows if row.version.clause.slug == "army"]
    assert (army.since, army.moved_since) == ("supports", "away")
    page = response.content.decode()
    assert '<th scope="col">In r1</th>' in page
    assert '<th scope="col">In r2</th>' not in page
    row = army_row(page)
    assert '<span class="stance stance-supports">supports</span>' in row
    assert '<span class="direction direction-away">' in row
    assert "same stance" not in row


def test_the_moved_column_without_since_compares_with_the_revision_before(client, three_revisions):
    row = army_row(party_page(client).content.decode())
    assert '<span class="stance stance-opposes">opposes</span>' in row  # in r2
    assert '<span class="direction direction-away">' in row


def test_moved_since_the_revision_before_has_one_header_per_column(client, russia):
    page = party_page(client, since=1).content.decode()
    assert page.count('<th scope="col">In r1</th>') == 1
    assert page.count('<th scope="col">Moved</th>') == 1


def test_moved_since_a_revision_the_plan_lacks_says_so(client, russia):
    response = party_page(client, since=40)
    (entry,) = response.context["plans"]
    assert entry.rows == ()
    page = response.content.decode()
    assert "Peace framework has no revision 40: its current revision is r2." in page
    assert "<table" not in page


def test_a_plan_without_the_revision_is_named_beside_one_that_has_it(client, three_revisions):
    other = PlanFactory(slug="ceasefire", title="Ceasefire")
    r1 = RevisionFactory(plan=other, number=1)
    version = ClauseVersionFactory(revision=r1, clause=ClauseFactory(plan=other), number="1")
    PositionFactory(clause_version=version, party=three_revisions, stance=Stance.SUPPORTS)
    response = party_page(client, since=3)
    page = response.content.decode()
    assert "Ceasefire has no revision 3: its current revision is r1." in page
    assert [len(entry.rows) for entry in response.context["plans"]] == [0, 0]  # r3 is current


@pytest.fixture
def two_plans(russia):
    """A second plan, first by title, where Russia holds 150 positions."""
    other = PlanFactory(slug="accord", title="Accord")
    r1 = RevisionFactory(plan=other, number=1, label="Draft")
    for n in range(150):
        clause = ClauseFactory(plan=other, slug=f"point-{n}", title=f"Point {n}")
        version = ClauseVersionFactory(
            revision=r1, clause=clause, number=str(n + 1), position_in_draft=n + 1
        )
        PositionFactory(clause_version=version, party=russia, stance=Stance.SUPPORTS)
    return russia


def test_the_party_page_shows_a_hundred_rows_a_page_with_page_links(client, two_plans):
    first = party_page(client).content.decode()
    assert first.count("<tr>") - first.count("<thead>") == 100
    assert 'href="?page=2"' in first
    assert "Peace framework" not in first.split('class="party-plan"', 1)[1]
    second = party_page(client, page=2).content.decode()
    # The 50 accord rows left and the framework's 3.
    assert second.count("<tr>") - second.count("<thead>") == 53
    assert "(101–150 on this page)" in second
    assert 'id="plan-framework"' in second


def test_the_party_page_lists_each_plan_with_its_count_and_a_link_to_it(client, two_plans):
    page = party_page(client).content.decode()
    assert '<a href="?plan=accord">Accord</a>: 150 clauses' in page
    assert '<a href="?plan=framework">Peace framework</a>: 3 clauses' in page


def test_the_party_page_keeps_the_plan_chosen(client, two_plans):
    response = party_page(client, plan="framework", sort="point")
    (entry,) = response.context["plans"]
    assert entry.plan.slug == "framework"
    assert [row.version.clause.slug for row in entry.rows] == ["army", "dmz", "zaes"]
    page = response.content.decode()
    assert 'id="plan-accord"' not in page
    assert 'aria-current="page">Peace framework</a>' in page


def test_an_unknown_plan_is_named(client, two_plans):
    response = party_page(client, plan="atlantis")
    assert response.context["plans"] == []
    assert "Russia holds no position in a plan named “atlantis”." in response.content.decode()
