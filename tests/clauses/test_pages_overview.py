"""The plan overview: the matrix of clauses by parties, its filters, search and legend."""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from clauses.filters import SORT_NEEDS_SECOND_PARTY
from clauses.selectors import plan_matrix
from clauses.views import plans as plan_views
from clauses.vocabularies import ClauseStatus, Stance, Topic
from parties.models import Party
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
    """Two revisions; the latest orders its three clauses differently from the first."""
    plan = PlanFactory(slug="framework", title="Peace framework")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", short_name="UA", sort_order=1)
    russia = PartyFactory(slug="russia", name="Russia", short_name="RU", sort_order=2)
    dmz = ClauseFactory(plan=plan, slug="dmz", title="Demilitarized zone", topic=Topic.MILITARY)
    nato = ClauseFactory(plan=plan, slug="nato", title="NATO membership", topic=Topic.ALLIANCES)
    zaes = ClauseFactory(plan=plan, slug="zaes", title="Nuclear plant", topic=Topic.NUCLEAR_ENERGY)
    first = RevisionFactory(plan=plan, number=1, label="US draft")
    for i, clause in enumerate([dmz, nato, zaes], start=1):
        ClauseVersionFactory(revision=first, clause=clause, number=str(i), position_in_draft=i)
    latest = RevisionFactory(plan=plan, number=2, label="Joint framework", previous=first)
    rows = [
        (
            zaes,
            "1",
            ClauseStatus.CONTESTED,
            "Joint administration of the plant.",
            Stance.CONDITIONAL,
            "Kyiv wants joint control.",
            Stance.RED_LINE,
            "No foreign staff.",
        ),
        (
            dmz,
            "2",
            ClauseStatus.AGREED_IN_PRINCIPLE,
            "A demilitarized zone in the east.",
            Stance.SUPPORTS,
            "Accepts a buffer.",
            Stance.SUPPORTS,
            "Agrees.",
        ),
        (
            nato,
            "3",
            ClauseStatus.OPEN,
            "Ukraine steps back from membership.",
            Stance.OPPOSES,
            "A sovereign choice.",
            Stance.UNKNOWN,
            "",
        ),
    ]
    for i, (clause, number, status, text, ua, ua_summary, ru, ru_summary) in enumerate(rows):
        version = ClauseVersionFactory(
            revision=latest,
            clause=clause,
            number=number,
            position_in_draft=i + 1,
            text=text,
            status=status,
        )
        PositionFactory(clause_version=version, party=ukraine, stance=ua, summary=ua_summary)
        PositionFactory(clause_version=version, party=russia, stance=ru, summary=ru_summary)
    return plan


def overview(client, **params):
    response = client.get(reverse("clauses:plan", kwargs={"plan": "framework"}), params)
    assert response.status_code == 200
    return response


def row_titles(response) -> list[str]:
    return [row.title for row in response.context["matrix"].rows]


def test_rows_follow_the_draft_order_of_the_latest_revision(client, plan):
    response = overview(client)
    assert row_titles(response) == ["Nuclear plant", "Demilitarized zone", "NATO membership"]
    assert response.context["revision"].number == 2
    assert "Joint framework" in response.content.decode()


def test_columns_are_the_parties_in_their_order_with_a_header_cell_each(client, plan):
    response = overview(client)
    page = response.content.decode()
    assert [p.slug for p in response.context["matrix"].columns] == ["ukraine", "russia"]
    assert page.count('<th scope="col" class="col-party"') == 2
    assert '<th scope="row" class="col-clause">' in page


def test_a_cell_shows_the_stance_in_colour_and_words_and_links_to_the_position(client, plan):
    page = overview(client).content.decode()
    assert '<span class="stance stance-red_line">red line</span>' in page
    assert '<span class="stance stance-conditional">conditional</span>' in page
    position_url = reverse(
        "clauses:clause_version", kwargs={"plan": "framework", "clause": "zaes", "number": 2}
    )
    assert f'href="{position_url}#position-russia"' in page


def test_each_clause_shows_how_far_apart_the_parties_are(client, plan):
    response = overview(client)
    gaps = {row.slug: row.gap for row in response.context["matrix"].rows}
    # conditional (+1) against red line (-2); both support; unknown never counts.
    assert gaps == {"zaes": 3, "dmz": 0, "nato": None}
    page = response.content.decode()
    assert "far apart" in page
    assert "aligned" in page
    assert "too few known" in page


def test_the_legend_names_every_stance(client, plan):
    page = overview(client).content.decode()
    assert "Legend" in page
    for value, label in Stance.choices:
        assert f'<span class="stance stance-{value}">{label}</span>' in page


def test_filter_by_topic(client, plan):
    assert row_titles(overview(client, topic=Topic.ALLIANCES)) == ["NATO membership"]


def test_filter_by_clause_status(client, plan):
    response = overview(client, status=ClauseStatus.AGREED_IN_PRINCIPLE)
    assert row_titles(response) == ["Demilitarized zone"]
    assert "1 of 3 clauses match" in response.content.decode()


def test_a_chosen_party_is_highlighted_next_to_the_clauses_and_the_others_stay(client, plan):
    response = overview(client, party="russia")
    assert [p.slug for p in response.context["matrix"].columns] == ["russia", "ukraine"]
    assert len(row_titles(response)) == 3
    assert 'class="matrix has-highlight"' in response.content.decode()


def test_filter_by_stance_keeps_the_clauses_where_a_party_holds_it(client, plan):
    assert row_titles(overview(client, stance=Stance.SUPPORTS)) == ["Demilitarized zone"]
    assert row_titles(overview(client, stance=Stance.OPPOSES)) == ["NATO membership"]


def test_party_and_stance_together_ask_where_that_party_holds_that_stance(client, plan):
    assert row_titles(overview(client, party="russia", stance=Stance.OPPOSES)) == []
    assert row_titles(overview(client, party="ukraine", stance=Stance.OPPOSES)) == [
        "NATO membership"
    ]


def test_search_looks_in_the_clause_text(client, plan):
    assert row_titles(overview(client, q="BUFFER")) == ["Demilitarized zone"]
    assert row_titles(overview(client, q="steps back")) == ["NATO membership"]


def test_search_looks_in_the_position_summaries(client, plan):
    assert row_titles(overview(client, q="foreign staff")) == ["Nuclear plant"]


def test_no_match_says_so_and_offers_every_clause(client, plan):
    page = overview(client, q="nothing like this").content.decode()
    assert "No clause matches these filters" in page


def test_an_unknown_filter_value_shows_the_error_and_every_clause(client, plan):
    response = overview(client, topic="the-moon", party="atlantis")
    assert len(row_titles(response)) == 3
    assert response.context["form"].errors.keys() == {"topic", "party"}
    assert "Select a valid choice" in response.content.decode()


def test_a_plan_without_revisions_says_so(client):
    PlanFactory(slug="framework")
    page = overview(client).content.decode()
    assert "This plan has no revisions yet." in page


def test_an_unknown_plan_is_a_friendly_404(client):
    response = client.get("/plans/no-such-plan/")
    assert response.status_code == 404
    assert "Nothing at this address" in response.content.decode()


def test_the_overview_links_to_what_changed_in_the_latest_revision(client, plan):
    page = overview(client).content.decode()
    diff_url = reverse("clauses:revision_diff", kwargs={"plan": "framework", "number": 2})
    assert f'href="{diff_url}"' in page


def test_a_party_s_accent_colour_tops_its_column_only_when_it_is_a_colour(client, plan):
    Party.objects.filter(slug="ukraine").update(color="#1f77b4")
    Party.objects.filter(slug="russia").update(color="url(x);")  # 7 characters, no colour
    page = overview(client).content.decode()
    assert 'style="--party-color: #1f77b4"' in page
    assert "url(x)" not in page


class _FilterFormFields(HTMLParser):
    """The values the overview's filter form would submit, as (name, value) pairs."""

    def __init__(self):
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("role") == "search":
            self._in_form = True
        if not self._in_form:
            return
        if (
            tag == "input"
            and attrs.get("type") in ("checkbox",)
            and "checked" in attrs
            or tag == "input"
            and attrs.get("type") in ("search", "text")
            and attrs.get("value")
        ):
            self.pairs.append((attrs["name"], attrs["value"]))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs and attrs.get("value"):
            self.pairs.append((self._select, attrs["value"]))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        if tag == "select":
            self._select = None


def test_the_filters_live_in_the_url_and_the_form_submits_them_back_unchanged(client, plan):
    params = [
        ("topic", Topic.ALLIANCES),
        ("status", ClauseStatus.OPEN),
        ("party", "ukraine"),
        ("vs", "russia"),
        ("stance", Stance.OPPOSES),
        ("stance", Stance.RED_LINE),
        ("sort", "pair"),
        ("q", "membership"),
    ]
    url = reverse("clauses:plan", kwargs={"plan": "framework"}) + "?" + urlencode(params)
    response = client.get(url)
    assert row_titles(response) == ["NATO membership"]
    form = _FilterFormFields()
    form.feed(response.content.decode())
    assert sorted(form.pairs) == sorted(params)
    # The same URL again gives the same page: shareable and citable.
    assert client.get(url).content == response.content


def test_several_stances_at_once(client, plan):
    titles = row_titles(overview(client, stance=[Stance.OPPOSES, Stance.SUPPORTS]))
    assert titles == ["Demilitarized zone", "NATO membership"]


def test_two_chosen_parties_sit_side_by_side_with_their_disagreement_largest_first(client, plan):
    response = overview(client, party="ukraine", vs="russia", sort="pair")
    # Nuclear plant: conditional vs red line (3); DMZ: both support (0); NATO: unknown, last.
    assert row_titles(response) == ["Nuclear plant", "Demilitarized zone", "NATO membership"]
    page = response.content.decode()
    assert "UA vs RU" in page
    assert '<td class="col-pair"><span class="gap gap-3">' in page


def test_the_pair_order_without_a_second_party_says_what_is_missing(client, plan):
    response = overview(client, party="ukraine", sort="pair")
    assert response.context["form"].errors["vs"] == [SORT_NEEDS_SECOND_PARTY]
    assert len(row_titles(response)) == 3


def test_the_two_party_links_get_from_the_overview_to_the_disagreement_in_two_clicks(client, plan):
    first = overview(client).content.decode()
    assert 'href="?party=russia"' in first
    second = overview(client, party="russia").content.decode()
    assert 'href="?party=russia&amp;vs=ukraine&amp;sort=pair"' in second


def test_topics_are_offered_as_groups_with_their_counts(client, plan):
    page = overview(client).content.decode()
    assert 'href="?topic=alliances">alliances (1)</a>' in page


def test_a_long_matrix_is_paged_and_every_row_is_reachable(client, plan, monkeypatch):
    monkeypatch.setattr(plan_views, "OVERVIEW_PAGE_SIZE", 2)
    first = overview(client, sort="gap")
    second = overview(client, sort="gap", page=2)
    first_page = first.content.decode()
    assert 'href="?sort=gap&amp;page=2" rel="next"' in first_page
    shown = first_page.count('<th scope="row" class="col-clause">') + second.content.decode().count(
        '<th scope="row" class="col-clause">'
    )
    assert shown == 3


def test_a_link_asking_for_the_draft_order_by_name_still_works(client, db):
    from tests.factories import PlanFactory

    PlanFactory(slug="framework")
    response = client.get("/plans/framework/?sort=point")
    assert response.status_code == 200
    assert not response.context["form"].errors


def test_each_row_of_each_page_carries_its_positions_summaries(client, plan, monkeypatch):
    # The summaries are read for the rows of the page shown (not every clause's): each page
    # holds those of its own rows, and none of another page's.
    monkeypatch.setattr(plan_views, "OVERVIEW_PAGE_SIZE", 2)
    first = overview(client).content.decode()
    second = overview(client, page=2).content.decode()
    assert 'title="Kyiv wants joint control."' in first
    assert 'title="Accepts a buffer."' in first
    assert "A sovereign choice." not in first
    assert 'title="A sovereign choice."' in second


def test_a_text_search_over_a_matrix_read_without_its_summaries_is_refused(plan):
    revision = plan.revisions.get(number=2)
    matrix = plan_matrix(revision=revision, details=False)
    assert matrix.narrow(topic="security").total == matrix.total
    with pytest.raises(ValueError, match="summaries"):
        matrix.narrow(query="buffer")
