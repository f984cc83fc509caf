"""The revision timeline's change counts: what each revision changed against the one it
continues, at two queries whatever the size of the plan."""

import pytest
from django.urls import reverse

from clauses.selectors import revision_change_counts
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
def plan():
    """r2 continues r1: keeps "a" (Russia moves from supports to opposes, Ukraine stays),
    rewords "b", drops "c", adds "d". r3 answers r1 too, with nothing changed."""
    plan = PlanFactory(slug="framework")
    parties = {"ukraine": PartyFactory(slug="ukraine"), "russia": PartyFactory(slug="russia")}
    a, b, c, d = (ClauseFactory(plan=plan, slug=slug) for slug in "abcd")
    first = RevisionFactory(plan=plan, number=1)
    second = RevisionFactory(plan=plan, number=2, previous=first)
    third = RevisionFactory(plan=plan, number=3, previous=first)

    def version(revision, clause, text, **stances):
        made = ClauseVersionFactory(revision=revision, clause=clause, text=text)
        for party, stance in stances.items():
            PositionFactory(clause_version=made, party=parties[party], stance=stance)

    for revision in (first, third):
        version(revision, a, "A.", ukraine=Stance.SUPPORTS, russia=Stance.SUPPORTS)
        version(revision, b, "B.", russia=Stance.OPPOSES)
        version(revision, c, "C.")
    version(second, a, "A.", ukraine=Stance.SUPPORTS, russia=Stance.OPPOSES)
    version(second, b, "B, reworded.", russia=Stance.OPPOSES)
    version(second, d, "D.", russia=Stance.RED_LINE)
    return plan


def test_each_revision_counts_added_dropped_reworded_and_moved(plan, django_assert_num_queries):
    # The counts per revision; the positions whose stance differs, for the rule of moves.
    with django_assert_num_queries(2):
        counts = revision_change_counts(plan=plan)
    by_number = {plan.revisions.get(pk=pk).number: c for pk, c in counts.items()}
    assert set(by_number) == {2, 3}  # r1 continues nothing
    second = by_number[2]
    assert (second.added, second.dropped, second.reworded, second.moved) == (1, 1, 1, 1)
    third = by_number[3]
    assert (third.added, third.dropped, third.reworded, third.moved) == (0, 0, 0, 0)


def test_the_timeline_shows_the_counts_newest_first(client, plan):
    page = client.get(reverse("clauses:revisions", kwargs={"plan": "framework"})).content.decode()
    assert page.index('id="r3"') < page.index('id="r2"') < page.index('id="r1"')
    assert (
        '<span class="change-added">1 added</span> · <span class="change-removed">1 dropped</span>'
        ' · <span class="change-changed">1 reworded</span> · 1 stance moved'
    ) in page


def test_a_revision_link_starts_with_its_number_not_a_space(client, plan):
    page = client.get(reverse("clauses:revisions", kwargs={"plan": "framework"})).content.decode()
    assert '<span class="revision-number">r2<span class="visually-hidden">: </span></span>' in page
    assert "</span> " not in page.split('<span class="revision-number">r2')[1].split("</a>")[0]
