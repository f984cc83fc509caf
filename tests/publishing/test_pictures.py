"""The pictures: what each one draws for a known plan (elements and values, not pixels),
their data as CSV, their text alternatives, and a fixed cost in queries."""

import csv
import html
import io
import xml.etree.ElementTree as ET

import pytest

from clauses.models import Clause, ClauseVersion, Position, Revision
from clauses.vocabularies import ClauseStatus, Stance, Topic
from core.exports import BOM
from publishing.pictures import (
    ConvergencePoint,
    HeatClause,
    HeatParty,
    TimelineSeries,
    TimelineStep,
    convergence_layout,
    heatmap_layout,
    party_line_styles,
    text_width,
    timeline_layout,
)
from tests.conftest import built_once_for_the_module
from tests.factories import build_plan

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # well-formed XML, whatever the data held
    assert root.tag == f"{SVG}svg"
    # Accessible: a title and a description first, named by aria-labelledby.
    assert root[0].tag == f"{SVG}title" and root[0].text
    assert root[1].tag == f"{SVG}desc" and root[1].text
    assert root.get("aria-labelledby") == f"{root[0].get('id')} {root[1].get('id')}"
    return root


def csv_of(response) -> list[dict]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))


# The geometry, on plain data.


def test_the_heatmap_groups_clauses_by_topic_and_fits_one_screen_at_500_by_10():
    parties = [HeatParty(f"p{i}", f"Party {i}", f"P{i}") for i in range(10)]
    topics = list(Topic.values)
    clauses = [
        HeatClause(f"c{i}", str(i + 1), f"Clause {i}", topics[i % len(topics)], ("supports",) * 10)
        for i in range(500)
    ]
    heat = heatmap_layout(clauses, parties, "/plans/p/clauses/{clause}/")
    assert heat.width <= 1280 and heat.height <= 900
    assert len(heat.rows) == 500 and all(len(row.cells) == 10 for row in heat.rows)
    assert [t.text for t in heat.topics] == [Topic(t).label for t in topics]
    # Within a topic, clauses keep draft order; cells never overlap.
    territory = [row.slug for row in heat.rows if row.slug in {"c0", "c9", "c18"}]
    assert territory == ["c0", "c9", "c18"]
    corners = {(cell.x, cell.y) for row in heat.rows for cell in row.cells}
    assert len(corners) == 5000
    assert heat.rows[0].url == "/plans/p/clauses/c0/"


def test_the_timeline_leaves_a_gap_for_an_unknown_stance_never_a_zero():
    steps = [TimelineStep(n, f"/r{n}/", wording_changed=n == 3) for n in (1, 2, 3, 4)]
    series = [
        TimelineSeries("ru", "Russia", "RU", "#cc0000", ("opposes", "unknown", "supports", None)),
        TimelineSeries(
            "ua", "Ukraine", "UA", "#cc0000", ("supports", "supports", None, "red_line")
        ),
    ]
    layout = timeline_layout(steps, series)
    russia, ukraine = layout.lines
    assert [p.value for p in russia.points] == [-1, 2]
    assert russia.gaps == (2, 4)
    assert russia.segments == ()  # no two known stances in a row: no line at all
    assert [p.value for p in ukraine.points] == [2, 2, -2]
    assert len(ukraine.segments) == 1  # r1 to r2; r3 breaks the line
    assert [t.wording_changed for t in layout.ticks] == [False, False, True, False]
    # The same colour asked twice: the second party gets another, and its own dashes.
    assert russia.color != ukraine.color and russia.dash != ukraine.dash
    # +2 at the top, -2 at the bottom.
    by_value = {p.value: p.y for p in ukraine.points}
    assert by_value[2] < by_value[-2]


def test_no_two_of_forty_parties_share_both_colour_and_dash():
    styles = party_line_styles(40)
    assert len(set(styles)) == 40
    assert party_line_styles(3) == party_line_styles(40)[:3]  # deterministic, by order


def test_the_timeline_runs_latest_first_like_the_stance_cells():
    steps = [TimelineStep(n, f"/r{n}/", wording_changed=False) for n in (1, 2, 3)]
    series = [TimelineSeries("ua", "Ukraine", "UA", "", ("supports", "opposes", "red_line"))]
    layout = timeline_layout(steps, series)
    x = {tick.label: tick.x for tick in layout.ticks}
    assert x["r3"] < x["r2"] < x["r1"]
    by_value = {p.value: p.x for p in layout.lines[0].points}
    assert by_value[-2] == x["r3"] and by_value[2] == x["r1"]


def test_the_timeline_legend_wraps_and_never_overlaps():
    steps = [TimelineStep(n, f"/r{n}/", wording_changed=False) for n in (1, 2)]
    names = ["United Kingdom of Great Britain and Northern Ireland", "UA", "European partners"]
    names += [f"Party with a rather long name number {i}" for i in range(9)]
    names.append("X" * 400)  # cut, its full name kept for the item's <title>
    series = [
        TimelineSeries(f"p{i}", name, f"P{i}", "", ("supports", "opposes"))
        for i, name in enumerate(names)
    ]
    layout = timeline_layout(steps, series)
    items = layout.legend
    assert len(items) == len(names)
    assert items[-1].full_name == "X" * 400 and items[-1].name.endswith("…")
    boxes = [(i.x1, i.y, i.text_x + text_width(i.name, 11)) for i in items]
    assert all(right <= layout.width for _, _, right in boxes)
    for a, (x1, y, right) in enumerate(boxes):
        for x2, y2, right2 in boxes[a + 1 :]:
            assert y != y2 or right < x2 or right2 < x1  # same row: apart
    assert len({y for _, y, _ in boxes}) > 1  # it wrapped
    assert max(y for _, y, _ in boxes) < layout.height


def test_heatmap_rows_carry_the_short_title_where_there_is_room():
    parties = [HeatParty(f"p{i}", f"Party {i}", f"P{i}") for i in range(3)]
    clauses = [
        HeatClause("dmz", "1", "Demilitarized zone", "military", ("supports",) * 3),
        HeatClause("long", "2", "A title far too long " * 10, "military", ("supports",) * 3),
    ]
    heat = heatmap_layout(clauses, parties, "/{clause}/")
    labels = {row.slug: row.label for row in heat.rows}
    assert labels["dmz"] == "1 Demilitarized zone"
    assert labels["long"].startswith("2 A title far") and labels["long"].endswith("…")
    assert heat.rows[1].title.startswith("2. A title far too long A title")  # in full
    # 500 by 10: less room, a shorter cut, but still one screen.
    many = [
        HeatClause(f"c{i}", str(i + 1), "Demilitarized zone", "military", ("supports",) * 10)
        for i in range(500)
    ]
    wide = [HeatParty(f"p{i}", f"Party {i}", f"P{i}") for i in range(10)]
    heat = heatmap_layout(many, wide, "/{clause}/")
    assert heat.width <= 1280
    assert heat.rows[0].label.startswith("1 Demi")
    # No room at all (many parties): the number alone.
    crowd = [HeatParty(f"p{i}", f"Party {i}", f"P{i}") for i in range(30)]
    one = [HeatClause("x", "7", "Title", "military", ("supports",) * 30)] * 500
    heat = heatmap_layout(one, crowd, "/{clause}/")
    assert heat.rows[0].label == "7"


def test_heatmap_rows_can_be_ranked_by_gap():
    parties = [HeatParty(f"p{i}", f"Party {i}", f"P{i}") for i in range(2)]
    clauses = [
        HeatClause("near", "1", "Near", "territory", ("supports", "conditional")),
        HeatClause("none", "2", "Unknown", "military", ("supports", "unknown")),
        HeatClause("far", "3", "Far", "military", ("supports", "red_line")),
        HeatClause("same", "4", "Same", "alliances", ("opposes", "opposes")),
    ]
    heat = heatmap_layout(clauses, parties, "/{clause}/", order="gap")
    assert [row.slug for row in heat.rows] == ["far", "near", "same", "none"]
    assert heat.topics == ()  # ranked, not grouped
    assert "(gap 4)" in heat.rows[0].title and "(gap not known)" in heat.rows[-1].title


def test_the_convergence_chart_stacks_each_revisions_clauses():
    points = [
        ConvergencePoint(1, "One", "/r1/", 0, 2, 8, mean_gap=3.0, gap_clauses=10),
        ConvergencePoint(2, "Two", "/r2/", 4, 1, 5, mean_gap=None, gap_clauses=0),
    ]
    chart = convergence_layout(points, max_gap=4)
    counts = [(b.kind, b.count) for b in chart.bars]
    assert counts == [
        ("agreed", 0), ("contested", 2), ("open", 8), ("agreed", 4), ("contested", 1), ("open", 5)
    ]  # fmt: skip
    # Bars of one revision stack without overlap, from the baseline up.
    agreed, contested, opened = chart.bars[3:]
    assert agreed.y + agreed.height == pytest.approx(chart.bottom)
    assert contested.y + contested.height == pytest.approx(agreed.y)
    # A revision with no mean gap is no point on the line.
    assert len(chart.gap_points) == 1 and "3.00" in chart.gap_points[0].title


# The pictures of a known plan.


@pytest.fixture
def known(plan):
    """The editor's plan (Ukraine supports, Russia opposes every clause in r1), and r2:
    the army clause reworded and agreed, Russia's stance on it unknown, and the amnesty
    clause titled with markup."""
    first = plan.revisions.get()
    second = Revision.objects.create(plan=plan, number=2, label="Second", previous=first)
    for version in first.clause_versions.select_related("clause"):
        army = version.clause.slug == "army-size"
        copy = ClauseVersion.objects.create(
            revision=second,
            clause=version.clause,
            number=version.number,
            position_in_draft=version.position_in_draft,
            text=version.text + (" Reworded." if army else ""),
            status=ClauseStatus.AGREED if army else ClauseStatus.CONTESTED,
        )
        for position in version.positions.select_related("party"):
            unknown = army and position.party.slug == "russia"
            Position.objects.create(
                clause_version=copy,
                party=position.party,
                stance=Stance.UNKNOWN if unknown else position.stance,
            )
    Clause.objects.filter(slug="amnesty").update(title='Amnesty <script>alert("x")</script> & co')
    return plan


def test_a_clause_a_party_holds_no_position_on_is_an_empty_cell(client, known):
    Position.objects.filter(
        clause_version__revision__number=2,
        clause_version__clause__slug="amnesty",
        party__slug="russia",
    ).delete()
    response = client.get("/plans/framework/heatmap.svg")
    assert response.status_code == 200
    root = svg_of(response)
    stances = {
        (link.get("data-clause"), rect.get("data-party")): rect.get("data-stance")
        for link in root.iter(f"{SVG}a")
        for rect in link.iter(f"{SVG}use")
    }
    assert stances[("amnesty", "russia")] == ""
    assert stances[("amnesty", "ukraine")] == "supports"


def test_the_heatmap_draws_every_position_of_the_current_revision(client, known):
    root = svg_of(client.get("/plans/framework/heatmap.svg"))
    cells = {
        (link.get("data-clause"), rect.get("data-party")): rect.get("data-stance")
        for link in root.iter(f"{SVG}a")
        for rect in link.iter(f"{SVG}use")
    }
    assert len(cells) == 8
    assert cells[("sovereignty", "ukraine")] == "supports"
    assert cells[("sovereignty", "russia")] == "opposes"
    assert cells[("army-size", "russia")] == "unknown"
    links = {link.get("href") for link in root.iter(f"{SVG}a")}
    assert "http://testserver/plans/framework/clauses/sovereignty/" in links
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert 'Amnesty <script>alert("x")</script> & co' in "\n".join(titles)  # text, not markup
    assert b"<script>" not in client.get("/plans/framework/heatmap.svg").content
    topics = [t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "700"]
    assert topics == ["military", "nuclear & energy", "humanitarian", "governance & elections"]
    assert "revision 2" in root[0].text

    rows = csv_of(client.get("/plans/framework/heatmap.csv"))
    assert len(rows) == 8
    army = next(r for r in rows if r["clause"] == "army-size" and r["party"] == "russia")
    assert (army["stance"], army["stance_value"], army["revision"]) == ("unknown", "", "2")


def test_the_timeline_draws_each_partys_stance_and_the_rewording(client, known):
    root = svg_of(client.get("/plans/framework/clauses/army-size/timeline.svg"))
    series = {g.get("data-party"): g for g in root.iter(f"{SVG}g") if g.get("data-party")}
    assert set(series) == {"ukraine", "russia"}
    values = {
        slug: [c.get("data-value") for c in g.iter(f"{SVG}circle")] for slug, g in series.items()
    }
    assert values == {"ukraine": ["2", "2"], "russia": ["-1"]}  # r2 unknown: a gap, not 0
    assert len(list(series["ukraine"].iter(f"{SVG}polyline"))) == 1
    assert not list(series["russia"].iter(f"{SVG}polyline"))
    changes = [line for line in root.iter(f"{SVG}line") if line.get("class") == "wording-change"]
    assert len(changes) == 1  # r2 reworded it; r1, the first draft, continues nothing
    assert "unknown or not recorded in r2" in root[1].text

    rows = csv_of(client.get("/plans/framework/clauses/army-size/timeline.csv"))
    assert [(r["party"], r["revision"], r["stance_value"], r["wording_changed"]) for r in rows] == [
        ("ukraine", "1", "2", "false"),
        ("ukraine", "2", "2", "true"),
        ("russia", "1", "-1", "false"),
        ("russia", "2", "", "true"),
    ]


def test_the_convergence_chart_counts_statuses_and_gaps(client, known):
    root = svg_of(client.get("/plans/framework/convergence.svg"))
    bars = {
        (r.get("data-kind"), r.get("data-count"))
        for r in root.iter(f"{SVG}rect")
        if r.get("data-kind")
    }
    assert bars == {("open", "4"), ("agreed", "1"), ("contested", "3")}
    rows = csv_of(client.get("/plans/framework/convergence.csv"))
    assert [(r["revision"], r["agreed"], r["contested"], r["open"]) for r in rows] == [
        ("1", "0", "0", "4"),
        ("2", "1", "3", "0"),
    ]
    # Every clause: supports against opposes, a gap of 3; in r2 the army clause has one
    # known stance only, so it is left out rather than counted as 0.
    assert [(r["mean_gap"], r["gap_clauses"]) for r in rows] == [("3.0", "4"), ("3.0", "3")]

    pair = csv_of(client.get("/plans/framework/convergence.csv?a=russia&b=ukraine"))
    assert pair[0]["gap_between"] == "russia ukraine"
    assert (
        "between Russia and Ukraine"
        in svg_of(client.get("/plans/framework/convergence.svg?a=russia&b=ukraine"))[0].text
    )


@pytest.mark.parametrize(
    "query, message",
    [
        ("a=russia", "Choose two parties"),
        ("a=russia&b=russia", "two different parties"),
        ("a=russia&b=atlantis", "No party 'atlantis'"),
    ],
)
def test_a_bad_pair_of_parties_is_a_400_naming_it(client, known, query, message):
    for url in ("convergence.svg", "convergence.csv", "pictures/"):
        response = client.get(f"/plans/framework/{url}?{query}")
        assert response.status_code == 400
        assert message in html.unescape(response.content.decode())


def test_the_pictures_page_shows_each_picture_with_its_table(client, known):
    page = client.get("/plans/framework/pictures/?a=russia&b=ukraine").content.decode()
    assert page.count("<svg") == 2
    assert 'href="/plans/framework/heatmap.csv"' in page
    assert 'href="/plans/framework/convergence.svg?a=russia&amp;b=ukraine"' in page
    assert "<caption" in page and "r2: Second" in page
    clause = client.get("/plans/framework/clauses/army-size/").content.decode()
    assert 'src="/plans/framework/clauses/army-size/timeline.svg"' in clause
    assert 'href="/plans/framework/clauses/army-size/timeline.csv"' in clause


def test_the_heatmap_ranks_rows_by_gap_when_asked(client, known):
    # r2: sovereignty and amnesty 3 apart (supports against opposes); the army clause has
    # one known stance, so its gap is not known and it comes last.
    root = svg_of(client.get("/plans/framework/heatmap.svg?sort=gap"))
    order = [link.get("data-clause") for link in root.iter(f"{SVG}a") if link.get("data-clause")]
    assert order[-1] == "army-size"
    rows = csv_of(client.get("/plans/framework/heatmap.csv?sort=gap"))
    assert [r["clause"] for r in rows][-2:] == ["army-size", "army-size"]
    assert {r["gap"] for r in rows if r["clause"] != "army-size"} == {"3"}
    page = client.get("/plans/framework/pictures/?sort=gap").content.decode()
    assert 'href="/plans/framework/heatmap.csv?sort=gap"' in page
    assert '<option value="gap" selected>' in page


def test_an_unknown_order_or_topic_is_a_400_naming_it(client, known):
    for url in ("heatmap.svg", "heatmap.csv", "pictures/"):
        response = client.get(f"/plans/framework/{url}?sort=alphabet")
        assert response.status_code == 400
        assert "sort: no order 'alphabet'; choose one of: topic, gap" in html.unescape(
            response.content.decode()
        )
    for url in ("convergence.svg", "convergence.csv", "pictures/"):
        response = client.get(f"/plans/framework/{url}?topic=weather")
        assert response.status_code == 400
        assert "topic: no topic 'weather'" in html.unescape(response.content.decode())


def test_convergence_can_be_shown_for_one_topic(client, known):
    topics = dict(Clause.objects.filter(plan=known).values_list("slug", "topic"))
    topic = topics["army-size"]
    count = sum(1 for t in topics.values() if t == topic)
    rows = csv_of(client.get(f"/plans/framework/convergence.csv?topic={topic}"))
    assert [int(r["agreed"]) + int(r["contested"]) + int(r["open"]) for r in rows] == [count] * 2
    assert rows[1]["agreed"] == "1" and {r["topic"] for r in rows} == {topic}
    everything = csv_of(client.get("/plans/framework/convergence.csv"))
    assert int(everything[1]["open"]) + int(everything[1]["contested"]) > int(
        rows[1]["open"]
    ) + int(rows[1]["contested"])
    root = svg_of(client.get(f"/plans/framework/convergence.svg?topic={topic}"))
    assert "(its military clauses)" in root[0].text
    page = client.get(f"/plans/framework/pictures/?topic={topic}").content.decode()
    assert f'<option value="{topic}" selected>' in page
    assert f'convergence.csv?topic={topic}"' in page


HOSTILE = '</text><script>alert(1)</script> & "Co" <b>'


def test_hostile_names_and_titles_stay_text_in_every_picture(client, known):
    from parties.models import Party

    Party.objects.filter(slug="russia").update(name=HOSTILE, short_name="<b>RU</b>")
    Clause.objects.filter(slug="army-size").update(title=HOSTILE)
    for url in (
        "/plans/framework/heatmap.svg",
        "/plans/framework/heatmap.svg?sort=gap",
        "/plans/framework/clauses/army-size/timeline.svg",
        "/plans/framework/convergence.svg?a=russia&b=ukraine",
    ):
        response = client.get(url)
        root = svg_of(response)  # still well-formed
        assert b"<script>" not in response.content and b"<b>" not in response.content
        texts = "\n".join("".join(e.itertext()) for e in root.iter() if e.text or len(e))
        assert HOSTILE in texts, url
    page = client.get("/plans/framework/pictures/?a=russia&b=ukraine").content.decode()
    assert "<script>alert" not in page
    clause = client.get("/plans/framework/clauses/army-size/").content.decode()
    assert "<script>alert" not in clause


def test_the_clause_page_keeps_its_timeline_full_size_in_a_scroll_box(client, known):
    clause = client.get("/plans/framework/clauses/army-size/").content.decode()
    assert '<div class="picture-scroll" role="region"' in clause
    assert "Latest revision on the left" in clause


def test_every_pair_of_ten_generated_parties_has_its_own_line(client, db):
    from generator.plans import generate_plan

    plan = generate_plan(clauses=3, parties=10, revisions=2, slug="ten", history=False).plan
    clause = Clause.objects.filter(plan=plan).first()
    root = svg_of(client.get(f"/plans/ten/clauses/{clause.slug}/timeline.svg"))
    styles = {}
    for item in root.iter(f"{SVG}g"):
        if item.get("class") == "legend-item":
            line = item.find(f"{SVG}line")
            styles[item.find(f"{SVG}title").text] = (
                line.get("stroke"),
                line.get("stroke-dasharray") or "",
            )
    assert len(styles) == 10
    assert len(set(styles.values())) == 10  # every pair differs in colour or dash


def test_a_missing_plan_or_clause_has_no_picture(client, db):
    assert client.get("/plans/nothing/heatmap.svg").status_code == 404
    assert client.get("/plans/nothing/convergence.csv").status_code == 404
    assert client.get("/plans/nothing/clauses/x/timeline.svg").status_code == 404


# Query budgets.

SIZES = [
    pytest.param({"clauses": 5, "parties": 2, "revisions": 2}, id="small"),
    pytest.param({"clauses": 40, "parties": 6, "revisions": 4}, id="large"),
]


@pytest.fixture(scope="module", params=SIZES)
def generated(request, django_db_setup, django_db_blocker):
    yield from built_once_for_the_module(django_db_blocker, lambda: build_plan(**request.param))


HEATMAP = ["the plan", "the current revision", "its clause versions", "their positions"]
TIMELINE = ["the clause, with its plan", "its versions, with their revision", "their positions"]
CONVERGENCE = [
    "the plan",
    "the parties holding positions in it",
    "its revisions",
    "its clause versions counted by revision and status",
    "the gap of each clause version",
    "the stances moved, by revision",
]
# Each first reads the plan's change stamp, for its ETag (core/conditional.py).
STAMP = ["the plan's change stamp"]
PICTURES = {
    "/plans/generated/heatmap.svg": STAMP + HEATMAP,
    "/plans/generated/heatmap.csv": STAMP + HEATMAP,
    "/plans/generated/clauses/clause-0/timeline.svg": STAMP + TIMELINE,
    "/plans/generated/clauses/clause-0/timeline.csv": STAMP + TIMELINE,
    "/plans/generated/convergence.svg": STAMP + CONVERGENCE,
    "/plans/generated/convergence.csv?a=generated-party-0&b=generated-party-1": STAMP + CONVERGENCE,
    "/plans/generated/pictures/": STAMP + CONVERGENCE + HEATMAP[1:],
    "/plans/generated/heatmap.svg?sort=gap": STAMP + HEATMAP,
    "/plans/generated/convergence.csv?topic=military": STAMP + CONVERGENCE,
    "/plans/generated/pictures/?sort=gap&topic=military": STAMP + CONVERGENCE + HEATMAP[1:],
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(PICTURES))
def test_a_picture_costs_the_same_queries_whatever_the_size(
    url, generated, client, django_assert_num_queries
):
    with django_assert_num_queries(len(PICTURES[url])):
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)


def test_the_convergence_chart_follows_the_main_line(client, known):
    second = known.revisions.get(number=2)
    Revision.objects.create(
        plan=known, number=3, label="Counter-proposal", previous=second, branch=True
    )
    rows = csv_of(client.get("/plans/framework/convergence.csv"))
    assert [r["revision"] for r in rows] == ["1", "2"]


def test_points_raised_outside_the_text_are_not_counted_as_open_clauses(client, known):
    # A demand a report names beside the plan, not in its text: the chart counts it apart,
    # so it does not swell the draft's open clauses.
    from clauses.models import ClauseVersion

    before = csv_of(client.get("/plans/framework/convergence.csv"))[0]
    first = ClauseVersion.objects.filter(revision__plan__slug="framework", revision__number=1)
    first.filter(pk=first.order_by("pk").values("pk")[:1]).update(status="raised_outside_text")
    after = csv_of(client.get("/plans/framework/convergence.csv"))[0]
    assert (int(before["open"]), int(before["outside_text"])) == (4, 0)
    assert (int(after["open"]), int(after["outside_text"])) == (3, 1)
    bars = {
        r.get("data-kind")
        for r in svg_of(client.get("/plans/framework/convergence.svg")).iter(f"{SVG}rect")
    }
    assert "outside_text" not in bars
