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
