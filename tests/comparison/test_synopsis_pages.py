"""The synopsis page: the default choice, the cells, the filters and their counts, the
pickers, paging, escaping, errors and its query budget."""

import re

import pytest
from django.urls import reverse

from comparison import synopsis as pure
from tests.comparison import synopsis_fixtures
from tests.comparison.synopsis_fixtures import HOSTILE, in_two_languages
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

synopsis_plan = synopsis_fixtures.synopsis_plan


def url(plan="framework", **query):
    base = reverse("clauses:synopsis", kwargs={"plan": plan})
    if not query:
        return base
    return base + "?" + "&".join(f"{key}={value}" for key, value in query.items())


def rows_of(html: str) -> list[str]:
    return re.findall(r'<tr id="clause-([\w-]+)"', html)


def test_default_is_the_current_revision_and_the_counter_proposal_with_the_draft_it_answers(
    client, synopsis_plan
):
    response = client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    # r4, the press report, is current; r2 branches off r1, on r4's line.
    assert response.context["picked"] == ["1", "2", "4"]
    assert response.context["base"] == 1
    headers = re.findall(
        r'<th scope="col" class="c\d[^"]*">\s*<a href="[^"]+">(r\d+: [^<]+)</a>', html
    )
    assert headers == ["r1: US draft", "r2: European counter-proposal", "r4: Press report"]
    assert " · partial" in html
    assert '<span class="line line-branch">branch</span>' in html
    assert '<span class="line line-main-line">main line</span>' in html
    assert rows_of(html) == ["army", "lines", "donbas", "nato"]


def test_cells_show_wording_diffs_statuses_and_stances(client, synopsis_plan):
    html = client.get(url(revisions="1,2,3,4")).content.decode()
    army = html.split('<tr id="clause-army"')[1].split("</tr>")[0]
    # The base column's wording as it is; the others' word diff against it.
    assert "capped at 600,000 personnel." in army
    assert "<del>600,000</del><ins>800,000</ins>" in army
    # Each party's stance: symbol class, short name, name and words for screen readers.
    assert (
        'class="stance stance-conditional ring" role="img" '
        'aria-label="Ukraine: conditional, not as in r1"' in army
    )
    assert 'class="stance stance-supports" role="img" aria-label="Russia: supports"' in army
    lines = html.split('<tr id="clause-lines"')[1].split("</tr>")[0]
    assert "split into" in lines and ">1a</a>" in lines and ">1b</a>" in lines
    donbas = html.split('<tr id="clause-donbas"')[1].split("</tr>")[0]
    assert '<del class="gone">deleted in r3</del>' in donbas
    assert "<del>Donbas is ceded.</del>" in donbas
    assert "not in this draft" in donbas  # r2, full text
    assert "not described" in donbas  # r4, partial


def test_user_text_is_escaped(client, synopsis_plan):
    html = client.get(url(revisions="1,2")).content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html


def test_the_stances_shown_carry_their_quotes_escaped(client, synopsis_plan):
    army = client.get(url(revisions="1,2")).content.decode().split('<tr id="clause-army"')[1]
    army = army.split("</tr>")[0]
    quote = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"
    assert f'title="Russia: supports: “{quote}”">RU</span>' in army
    assert 'title="Ukraine: opposes">UA</span>' in army  # no quote, no colon
    # Filtered, the quotes are read for the rows kept alone: still there.
    filtered = client.get(url(revisions="1,2", topic="military")).content.decode()
    assert f"Russia: supports: “{quote}”" in filtered


def test_a_base_picked_among_the_columns_orders_and_compares(client, synopsis_plan):
    response = client.get(url(revisions="1,3", base=3))
    html = response.content.decode()
    assert rows_of(html)[:3] == ["lines-east", "army", "lines-south"]
    army = html.split('<tr id="clause-army"')[1].split("</tr>")[0]
    assert "<del>800,000</del><ins>600,000</ins>" in army
    assert '<th scope="col" class="c2 base">' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"topic": "territory"}, ["lines", "donbas", "lines-east", "lines-south"]),
        ({"show": "differs"}, ["army", "lines", "donbas", "nato", "lines-east", "lines-south"]),
        ({"show": "only_one"}, ["donbas", "lines-east", "lines-south"]),
        ({"show": "same", "revisions": "1,2"}, ["lines", "nato"]),
        ({"party": "russia"}, ["army"]),
    ],
)
def test_filters(client, synopsis_plan, query, expected):
    html = client.get(url(**{"revisions": "1,2,3", **query})).content.decode()
    assert rows_of(html) == expected


def test_the_counts_of_each_filter_are_shown_and_link_to_it(client, synopsis_plan):
    response = client.get(url(revisions="1,2,3"))
    counts = response.context["synopsis"].counts
    assert (counts.rows, counts.differs, counts.same, counts.only_one) == (6, 6, 0, 3)
    html = response.content.decode()
    assert "6 differ between the columns</a>" in html
    assert "0 same in all</a>" in html
    assert "3 only in one column</a>" in html
    assert "territory 4</a>" in html
    assert "Russia 1</a>" in html and "Ukraine 1</a>" in html
    assert 'href="?revisions=1%2C2%2C3&amp;show=only_one"' in html


def test_the_pickers_redirect_to_one_address(client, synopsis_plan):
    response = client.get(url() + "?c=3&c=1&c=&c=2&c=&c=&base=1&show=differs")
    assert response.status_code == 302
    assert response["Location"] == url(revisions="3%2C1%2C2", base=1, show="differs")
    html = client.get(response["Location"]).content.decode()
    assert re.findall(r'<option value="(\d)" selected>', html) == ["3", "1", "2", "1"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"revisions": "1"}, "revisions", pure.REVISIONS_COUNT.format(count=1, value="1")),
        ({"revisions": "1,2,3,4,1"}, "revisions", pure.REVISIONS_DUPLICATE.format(number=1)),
        (
            {"revisions": "1,9"},
            "revisions",
            pure.REVISIONS_UNKNOWN.format(plan="framework", number=9),
        ),
        ({"revisions": "1;2"}, "revisions", pure.REVISIONS_MALFORMED.format(value="1;2")),
        (
            {"revisions": "1,2", "base": "3"},
            "base",
            pure.BASE_NOT_PICKED.format(number=3, picked="1, 2"),
        ),
    ],
)
def test_bad_choices_answer_400_naming_the_parameter(client, synopsis_plan, query, field, message):
    response = client.get(reverse("clauses:synopsis", kwargs={"plan": "framework"}), query)
    assert response.status_code == 400
    assert response.context["error_field"] == field
    assert response.context["error"] == message
    # The pickers are still there to pick again.
    assert 'name="c"' in response.content.decode()


def test_a_revision_of_another_plan_is_unknown_here(client, synopsis_plan):
    build_plan(clauses=2, parties=1, revisions=9, slug="other")
    response = client.get(url(revisions="1,9"))
    assert response.status_code == 400
    assert response.context["error_field"] == "revisions"


def test_a_plan_of_one_revision_says_there_is_nothing_to_set_side_by_side(client):
    build_plan(clauses=2, parties=1, revisions=1, slug="single")
    response = client.get(url("single"))
    assert response.status_code == 200
    assert "only one revision" in response.content.decode()


def test_unknown_plan_is_404(client, db):
    assert client.get(url("nowhere")).status_code == 404


def test_fifty_rows_a_page_and_every_choice_in_the_url(client):
    build_plan(clauses=120, parties=2, revisions=3, slug="long")
    first = client.get(url("long", revisions="1,3", show="differs"))
    assert len(rows_of(first.content.decode())) == 40  # every third clause is reworded
    response = client.get(url("long", revisions="1,2,3"))
    html = response.content.decode()
    assert len(rows_of(html)) == 50
    assert 'href="?revisions=1%2C2%2C3&amp;page=2" rel="next"' in html
    third = client.get(url("long", revisions="1,2,3", page=3)).content.decode()
    assert len(rows_of(third)) == 20


def test_links_to_the_synopsis(client, synopsis_plan):
    target = url()
    for name, kwargs in [
        ("clauses:compare_form", {}),
        ("clauses:compare", {"a": 1, "b": 3}),
        ("clauses:revisions", {}),
        ("clauses:plan", {}),
    ]:
        html = client.get(reverse(name, kwargs={"plan": "framework", **kwargs})).content.decode()
        assert f'href="{target}' in html, name


def test_print_and_phone_layouts_are_in_the_stylesheet(client, synopsis_plan):
    html = client.get(url()).content.decode()
    assert "css/synopsis.css" in html
    assert html.count('class="syn-switch"') == 3
    assert '<label class="syn-switch-label" for="syn-col-3">r4</label>' in html
    assert '<tr class="syn-legend">' in html.split("</thead>")[0]
    from django.contrib.staticfiles import finders

    with open(finders.find("css/synopsis.css")) as stylesheet:
        css = stylesheet.read()
    assert "@page { size: landscape" in css
    assert "break-inside: avoid" in css
    assert "display: table-header-group" in css
    assert "position: sticky" in css


def _queries(django_assert_num_queries, client, path, count):
    with django_assert_num_queries(count):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("size", [(3, 1, 2, "1,2"), (30, 4, 6, "1,2,3,4,5,6")])
def test_queries_do_not_grow_with_columns_clauses_or_parties(
    client, django_assert_num_queries, settings, size
):
    settings.PAGE_CACHE = False
    clauses, parties, revisions, picked = size
    build_plan(clauses=clauses, parties=parties, revisions=revisions, slug="sized")
    # The plan's stamp (conditional read), the plan, its revisions; then the synopsis:
    # clause versions, stances, parties, deletions, lineage; the quotes of the rows shown.
    _queries(django_assert_num_queries, client, url("sized", revisions=picked), 9)
    # A column in a language: one query more (its translations), however many such columns.
    in_languages = in_two_languages(picked)
    _queries(django_assert_num_queries, client, url("sized", revisions=in_languages), 10)
