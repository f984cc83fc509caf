"""Clause texts, titles, positions, quotes and sources in Arabic or Hebrew run right to
left wherever a page shows them: the element holding such text takes its direction from
its own words (``dir="auto"`` or ``<bdi>``), whatever the page's; and the heatmap draws
a Hebrew clause label right to left, still ending at its row of cells."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from clauses.vocabularies import Stance
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

TITLE = "אזור מפורז"  # Hebrew: "demilitarized zone"
TEXT_R1 = "تُنشأ منطقة منزوعة السلاح بعمق 30 كم."
TEXT_R2 = "تُنشأ منطقة عازلة منزوعة السلاح."
SUMMARY = "מקבלים את האזור בתנאי שיהיו משקיפים."
QUOTE = "لن نقبل أي قوات أجنبية."
SOURCE_TITLE = "بيان وزارة الخارجية"


@pytest.fixture
def plan(db):
    plan = PlanFactory(slug="rtl", title="Plan")
    party = PartyFactory(slug="party", name="Party")
    clause = ClauseFactory(plan=plan, slug="zone", title=TITLE)
    source = SourceFactory(title=SOURCE_TITLE, language="ar", text=f"قال الوزير: {QUOTE}")
    previous = None
    for number, text in ((1, TEXT_R1), (2, TEXT_R2)):
        revision = RevisionFactory(plan=plan, number=number, previous=previous)
        version = ClauseVersionFactory(revision=revision, clause=clause, text=text)
        PositionFactory(
            clause_version=version,
            party=party,
            stance=Stance.CONDITIONAL if number == 1 else Stance.OPPOSES,
            summary=SUMMARY,
            quote=QUOTE,
            source=source,
            source_title=SOURCE_TITLE,
            source_url="https://example.org/ar",
        )
        previous = revision
    return plan


def page(client, name: str, **kwargs) -> str:
    url = reverse(name.split("?")[0], kwargs=kwargs) + (
        "?" + name.split("?")[1] if "?" in name else ""
    )
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def opening_tag_before(html: str, text: str) -> str:
    """The opening tag of the element whose content starts with ``text`` (the first)."""
    found = re.search(r"<([a-z0-9]+)\b[^>]*>(?:<(?:ins|del)>)?" + re.escape(text), html)
    assert found, f"{text!r} is not on the page"
    return found.group(0).split(">")[0] + ">"


def test_the_overview_gives_the_clause_title_its_own_direction(client, plan):
    html = page(client, "clauses:plan", plan="rtl")
    assert 'dir="auto"' in opening_tag_before(html, TITLE)


def test_the_revision_page(client, plan):
    html = page(client, "clauses:revision", plan="rtl", number=2)
    assert opening_tag_before(html, TEXT_R2) == '<p class="clause-text" dir="auto">'
    assert 'dir="auto"' in opening_tag_before(html, TITLE)
    assert opening_tag_before(html, SUMMARY) == '<td dir="auto">'


def test_the_clause_version_page(client, plan):
    html = page(client, "clauses:clause_version", plan="rtl", clause="zone", number=2)
    assert opening_tag_before(html, TEXT_R2) == '<p class="clause-text" dir="auto">'
    assert opening_tag_before(html, SUMMARY) == '<p class="position-summary" dir="auto">'
    # The quote links to its place in the source.
    assert re.search(
        r'<blockquote class="position-quote" dir="auto"><a href="[^"]*">' + re.escape(QUOTE), html
    )
    assert f"<bdi>{TITLE}</bdi>" in html
    assert f"<bdi>{SOURCE_TITLE}</bdi>" in html


def test_the_clause_page(client, plan):
    html = page(client, "clauses:clause", plan="rtl", clause="zone")
    assert f'<h1 dir="auto">{TITLE}</h1>' in html
    assert '<blockquote class="position-quote" dir="auto">' in html
    # r2's wording against r1's, word by word.
    assert '<p class="clause-text diff-text" dir="auto">' in html


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("clauses:revision_diff", {"plan": "rtl", "number": 2}),
        ("clauses:compare", {"plan": "rtl", "a": 1, "b": 2}),
    ],
)
def test_the_word_diffs_run_in_the_texts_direction(client, plan, name, kwargs):
    html = page(client, name, **kwargs)
    diff = re.search(r'<p class="clause-text diff-text" dir="auto">(.*?)</p>', html, re.S)
    assert diff, "no word diff on the page"
    assert re.search("<ins>[^<]*عازلة", diff.group(1))  # the word r2 added
    assert re.search("<del>[^<]*بعمق", diff.group(1))  # and one it took out
    assert 'dir="auto"' in opening_tag_before(html, TITLE)


def test_the_synopsis_cells(client, plan):
    html = page(client, "clauses:synopsis?revisions=1,2", plan="rtl")
    assert re.search(r'<p class="t" dir="auto">(?:<(?:ins|del)>)?[^<]*[\u0600-\u06ff]', html)
    assert 'dir="auto"' in opening_tag_before(html, TITLE)


def test_the_party_page(client, plan):
    html = page(client, "parties:detail", party="party")
    assert 'dir="auto"' in opening_tag_before(html, TITLE)
    assert f"<bdi>{SUMMARY}</bdi>" in html


def test_the_source_pages(client, plan):
    source_id = plan.revisions.first().clause_versions.first().positions.first().source_id
    html = page(client, "sources:list")
    assert 'dir="auto"' in opening_tag_before(html, SOURCE_TITLE)
    html = page(client, "sources:detail", source=source_id)
    assert f'<h1 dir="auto">{SOURCE_TITLE}</h1>' in html
    assert '<blockquote class="position-quote" dir="auto">' in html
    assert '<div class="source-text" dir="auto">' in html


def test_the_heatmap_draws_a_hebrew_label_right_to_left(client, plan):
    svg = page(client, "clauses:heatmap_svg", plan="rtl")
    root = ET.fromstring(svg)
    (label,) = [
        text for text in root.iter("{http://www.w3.org/2000/svg}text") if TITLE in (text.text or "")
    ]
    assert label.get("direction") == "rtl" and label.get("unicode-bidi") == "embed"
    # Its start is its right edge, which stays where a left-to-right label ends.
    assert label.get("text-anchor") == "start"
