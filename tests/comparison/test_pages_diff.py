"""The diff of a revision against the one it continues, and the comparison of any two."""

import pytest
from django.urls import reverse

from clauses.models import Position
from clauses.vocabularies import ClauseStatus, Coverage, Stance, Topic
from comparison.filters import SAME_REVISION
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

pytestmark = pytest.mark.django_db

ARMY_CAP = "The armed forces of Ukraine are capped at {} personnel."


@pytest.fixture
def plan():
    """r1; r2 continues it (army cap raised, NATO dropped, nuclear plant added, DMZ as it
    was); r3 is a counter-proposal answering r1 that only makes the army cap contested."""
    plan = PlanFactory(slug="framework", title="Peace framework")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", sort_order=1)
    russia = PartyFactory(slug="russia", name="Russia", sort_order=2)
    army = ClauseFactory(plan=plan, slug="army", title="Army cap", topic=Topic.MILITARY)
    dmz = ClauseFactory(plan=plan, slug="dmz", title="Demilitarized zone", topic=Topic.MILITARY)
    nato = ClauseFactory(plan=plan, slug="nato", title="NATO membership", topic=Topic.ALLIANCES)
    zaes = ClauseFactory(plan=plan, slug="zaes", title="Nuclear plant", topic=Topic.NUCLEAR_ENERGY)
    parties = {"ukraine": ukraine, "russia": russia}

    def version(revision, clause, number, text, status=ClauseStatus.OPEN, **stances):
        cv = ClauseVersionFactory(
            revision=revision,
            clause=clause,
            number=number,
            position_in_draft=int(number),
            text=text,
            status=status,
        )
        for party, stance in stances.items():
            PositionFactory(clause_version=cv, party=parties[party], stance=stance)
        return cv

    first = RevisionFactory(plan=plan, number=1, label="US draft")
    version(
        first, army, "1", ARMY_CAP.format("600,000"), ukraine=Stance.OPPOSES, russia=Stance.SUPPORTS
    )
    version(first, dmz, "2", "A zone in the east.", ukraine=Stance.CONDITIONAL)
    version(first, nato, "3", "Ukraine never joins NATO.", russia=Stance.SUPPORTS)

    second = RevisionFactory(plan=plan, number=2, label="Joint framework", previous=first)
    version(
        second,
        army,
        "1",
        ARMY_CAP.format("800,000"),
        ukraine=Stance.CONDITIONAL,
        russia=Stance.OPPOSES,
    )
    version(second, dmz, "2", "A zone in the east.", ukraine=Stance.CONDITIONAL)
    version(second, zaes, "3", "The plant is run jointly.", ukraine=Stance.SUPPORTS)

    counter = RevisionFactory(plan=plan, number=3, label="Counter-proposal", previous=first)
    version(
        counter,
        army,
        "1",
        ARMY_CAP.format("600,000"),
        status=ClauseStatus.CONTESTED,
        ukraine=Stance.OPPOSES,
        russia=Stance.SUPPORTS,
    )
    version(counter, dmz, "2", "A zone in the east.", ukraine=Stance.CONDITIONAL)
    version(counter, nato, "3", "Ukraine never joins NATO.", russia=Stance.SUPPORTS)
    return plan


def diff_page(client, number, **params):
    url = reverse("clauses:revision_diff", kwargs={"plan": "framework", "number": number})
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def compare_page(client, a, b, **params):
    url = reverse("clauses:compare", kwargs={"plan": "framework", "a": a, "b": b})
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def shown(response) -> dict[str, str]:
    return {c.slug: str(c.change) for c in response.context["clauses"]}


def test_the_diff_compares_a_revision_with_the_one_it_continues(client, plan):
    response = diff_page(client, 2, unchanged="on")
    assert response.context["old"].number == 1
    assert shown(response) == {
        "army": "changed",
        "dmz": "unchanged",
        "zaes": "added",
        "nato": "removed",
    }


def test_the_summary_header_counts_the_changes_and_the_moves(client, plan):
    page = diff_page(client, 2).content.decode()
    assert (
        "1 added, 1 removed, 1 changed, 1 unchanged; Ukraine moved on 1, Russia moved on 1" in page
    )


def test_a_changed_figure_is_highlighted_as_that_word(client, plan):
    page = diff_page(client, 2).content.decode()
    assert "<del>600,000</del><ins>800,000</ins>" in page
    assert "The armed forces of Ukraine are capped at " in page


def test_each_party_s_move_shows_its_direction_in_words(client, plan):
    page = diff_page(client, 2).content.decode()
    assert "toward agreement" in page  # Ukraine: opposes to conditional
    assert "away from agreement" in page  # Russia: supports to opposes
    assert '<span class="stance stance-opposes">opposes</span>' in page


def test_the_first_revision_has_nothing_to_compare_against_on_the_page_and_in_the_api(client, plan):
    """One rule for a revision that continues none: no default diff, the same words."""
    page = client.get(reverse("clauses:revision_diff", kwargs={"plan": "framework", "number": 1}))
    api = client.get("/api/v1/plans/framework/revisions/1/diff/")
    assert page.status_code == 200  # a page that says why and links on
    assert api.status_code == 404
    said = "Revision 1 is the first draft: it continues no earlier revision, so there is nothing"
    assert said in page.content.decode()
    assert api.json()["errors"][0]["message"].startswith(said)
    assert page.context.get("diff") is None


def test_the_first_revision_compares_with_another_named(client, plan):
    response = compare_page(client, 2, 1)
    assert response.context["diff"].new.number == 1


def test_unchanged_clauses_are_collapsed_into_a_count_by_default(client, plan):
    response = diff_page(client, 2)
    assert "dmz" not in shown(response)
    assert len(shown(response)) == 3
    page = response.content.decode()
    assert "Showing 3 of 4 clauses. 1 unchanged clause not shown:" in page
    assert '<a href="?unchanged=on">show it</a>' in page


def test_one_click_shows_the_unchanged_clauses(client, plan):
    assert shown(diff_page(client, 2, unchanged="on"))["dmz"] == "unchanged"


def test_filter_by_party_keeps_the_clauses_where_its_position_changed(client, plan):
    # NATO membership went without a Ukrainian position on it.
    assert set(shown(diff_page(client, 2, party="ukraine"))) == {"army", "zaes"}


def test_filter_by_direction_keeps_the_clauses_where_a_party_moved_that_way(client, plan):
    assert set(shown(diff_page(client, 2, direction="toward"))) == {"army"}
    assert set(shown(diff_page(client, 2, party="russia", direction="toward"))) == set()
    assert set(shown(diff_page(client, 2, party="russia", direction="away"))) == {"army"}


def test_each_moved_count_links_to_the_clauses_it_counts(client, plan):
    page = diff_page(client, 2).content.decode()
    link = '<a href="?party=russia&amp;direction=away" aria-label="1 clause where Russia moved'
    assert link in page
    assert set(shown(diff_page(client, 2, party="russia", direction="away"))) == {"army"}


def test_one_clause_only_shows_it_whatever_its_change(client, plan):
    assert shown(diff_page(client, 2, clause="dmz")) == {"dmz": "unchanged"}


def test_only_a_topic(client, plan):
    assert set(shown(diff_page(client, 2, topic=Topic.MILITARY))) == {"army"}
    assert set(shown(diff_page(client, 2, topic=Topic.MILITARY, unchanged="on"))) == {
        "army",
        "dmz",
    }


def test_a_counter_proposal_is_diffed_against_the_draft_it_answers(client, plan):
    response = diff_page(client, 3)
    assert response.context["old"].number == 1
    assert shown(response)["army"] == "changed"
    page = response.content.decode()
    assert "changed: status" in page
    assert "0 added, 0 removed, 1 changed, 2 unchanged" in page


def test_any_two_revisions_compare_in_either_direction(client, plan):
    forward = compare_page(client, 2, 3)  # siblings: both continue r1
    assert shown(forward)["zaes"] == "removed"
    assert shown(forward)["nato"] == "added"
    backward = compare_page(client, 2, 1)
    assert shown(backward)["zaes"] == "removed"
    assert "<del>800,000</del><ins>600,000</ins>" in backward.content.decode()


def test_the_compare_page_shows_the_pickers_set_to_its_two_sides(client, plan):
    response = compare_page(client, 1, 3)
    form = response.context["compare_form"]
    assert (form.initial["a"], form.initial["b"]) == (1, 3)
    page = response.content.decode()
    assert '<option value="3" selected>r3: Counter-proposal</option>' in page


def test_the_compare_form_redirects_to_the_citable_url_keeping_filters(client, plan):
    url = reverse("clauses:compare_form", kwargs={"plan": "framework"})
    response = client.get(url, {"a": "1", "b": "2", "unchanged": "on", "topic": "military"})
    assert response.status_code == 302
    assert response["Location"] == "/plans/framework/compare/1...2/?unchanged=on&topic=military"


def test_the_compare_form_starts_from_the_latest_revision_and_what_it_continues(client, plan):
    response = client.get(reverse("clauses:compare_form", kwargs={"plan": "framework"}))
    assert response.status_code == 200
    assert response.context["form"].initial == {"a": 1, "b": 3}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a": "2", "b": "2"}, SAME_REVISION),
        ({"a": "1", "b": "7"}, "Select a valid choice"),
        ({"a": "one", "b": "2"}, "Select a valid choice"),
        ({"a": "1"}, "This field is required"),
    ],
)
def test_a_bad_pick_shows_the_form_again_with_the_reason(client, plan, params, message):
    response = client.get(reverse("clauses:compare_form", kwargs={"plan": "framework"}), params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_plan_with_one_revision_has_nothing_to_compare(client):
    RevisionFactory(plan=PlanFactory(slug="single"), number=1)
    response = client.get(reverse("clauses:compare_form", kwargs={"plan": "single"}))
    assert "only one revision" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/plans/framework/revisions/9/diff/",
        "/plans/nowhere/revisions/1/diff/",
        "/plans/framework/compare/1...9/",
        "/plans/framework/compare/0...1/",
        "/plans/nowhere/compare/1...2/",
        "/plans/nowhere/compare/",
        "/plans/framework/compare/1..2/",
        "/plans/framework/compare/a...b/",
    ],
)
def test_unknown_revisions_and_malformed_comparisons_are_404(client, plan, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Nothing at this address" in response.content.decode()


def test_an_unknown_filter_value_leaves_the_diff_unfiltered(client, plan):
    response = diff_page(client, 2, topic="the-moon")
    assert len(shown(response)) == 3  # every clause but the unchanged one
    assert "Select a valid choice" in response.content.decode()


# A partial revision: silence is not absence.


def mark_partial(plan, number):
    revision = plan.revisions.get(number=number)
    revision.coverage = Coverage.PARTIAL
    revision.save()


def test_against_a_partial_revision_nothing_is_added_or_removed_for_its_silence(client, plan):
    """r1 is partial: the nuclear plant it does not describe is first described in r2,
    not added; the headline counts it apart."""
    mark_partial(plan, 1)

    response = diff_page(client, 2)

    assert shown(response) == {
        "army": "changed",
        "zaes": "first_described",
        "nato": "removed",  # r2 is full text: what it leaves out is absent
    }
    page = response.content.decode()
    assert "1 removed, 1 changed, 1 unchanged, 1 first described" in page
    assert "change-badge-added" not in page
    assert "first described</span>" in page
    assert "not described in r1, which is partial" in page
    assert "r1 is <strong>partial</strong>" in page


def test_a_partial_new_revision_does_not_describe_rather_than_remove(client, plan):
    mark_partial(plan, 2)

    response = diff_page(client, 2)

    assert shown(response)["nato"] == "not_described"
    page = response.content.decode()
    assert "not described in r2</span>" in page
    assert "change-badge-removed" not in page


def test_the_diff_shows_the_quote_a_moved_stance_rests_on(client, plan):
    position = Position.objects.get(
        clause_version__revision__number=2,
        clause_version__clause__slug="army",
        party__slug="russia",
    )
    position.quote = "Moscow <rejects> a cap of 800,000."
    position.source_title = "TASS"
    position.source_url = "https://tass.ru/x"
    position.save()

    page = diff_page(client, 2).content.decode()

    assert "Moscow &lt;rejects&gt; a cap of 800,000." in page
    assert (
        'source: <a href="https://tass.ru/x" rel="noopener noreferrer" dir="auto">TASS</a>' in page
    )
