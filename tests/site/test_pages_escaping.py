"""Hostile text in any field shows as text on every page, the diff included."""

import pytest
from django.urls import reverse

from clauses.models import Position
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

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT} {IMG}"


@pytest.fixture
def plan(editor):
    """Every free-text field of a plan holds both payloads, differently in each revision so
    that the diff has hostile words to insert and delete."""
    plan = PlanFactory(slug="hostile", title=f"Plan {HOSTILE}", description=HOSTILE)
    party = PartyFactory(slug="party", name=f"Party {HOSTILE}", short_name=IMG, description=HOSTILE)
    clause = ClauseFactory(plan=plan, slug="clause", title=f"Clause {HOSTILE}", description=HOSTILE)
    previous = None
    for number in (1, 2):
        revision = RevisionFactory(
            plan=plan,
            number=number,
            label=f"Draft {number} {HOSTILE}",
            notes=HOSTILE,
            source_title=HOSTILE,
            previous=previous,
            source_url="javascript:alert(1)",
        )
        version = ClauseVersionFactory(
            revision=revision, clause=clause, text=f"Text {number} {HOSTILE} r{number}"
        )
        PositionFactory(
            clause_version=version,
            party=party,
            stance=Stance.SUPPORTS if number == 1 else Stance.OPPOSES,
            summary=f"Summary {number} {HOSTILE}",
            quote=f"Quote {number} {HOSTILE}",
            source_title=f"Source {number} {HOSTILE}",
            source_url="javascript:alert(1)",
        )
        previous = revision
    position = Position.objects.get(clause_version__revision__number=2)
    position.summary = f"Edited {HOSTILE}"
    position._history_user = editor
    position._change_reason = f"Because {HOSTILE}"
    position.save()
    return plan


PAGES = [
    reverse("home"),
    reverse("clauses:plan", kwargs={"plan": "hostile"}),
    reverse("clauses:plan", kwargs={"plan": "hostile"}) + "?q=%3Cscript%3E",
    reverse("clauses:revisions", kwargs={"plan": "hostile"}),
    reverse("clauses:revision", kwargs={"plan": "hostile", "number": 2}),
    reverse("clauses:revision_diff", kwargs={"plan": "hostile", "number": 2}),
    reverse("clauses:compare", kwargs={"plan": "hostile", "a": 2, "b": 1}),
    reverse("clauses:compare_form", kwargs={"plan": "hostile"}),
    reverse("clauses:compare_form", kwargs={"plan": "hostile"}) + "?a=1&b=1",
    reverse("clauses:synopsis", kwargs={"plan": "hostile"}) + "?revisions=1,2",
    reverse("clauses:clause", kwargs={"plan": "hostile", "clause": "clause"}),
    reverse("clauses:clause_version", kwargs={"plan": "hostile", "clause": "clause", "number": 2}),
    reverse("parties:list"),
    reverse("parties:detail", kwargs={"party": "party"}),
]


@pytest.mark.parametrize("url", PAGES)
def test_hostile_text_shows_as_text(client, plan, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page  # the hostile tag; the page's own pictures are fine
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_diff_shows_hostile_words_inserted_and_deleted_as_text(client, plan):
    url = reverse("clauses:revision_diff", kwargs={"plan": "hostile", "number": 2})
    page = client.get(url).content.decode()
    assert "<del>1</del><ins>2</ins>" in page
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    )


def test_the_edit_summary_shows_as_text(client, plan):
    url = reverse("clauses:clause", kwargs={"plan": "hostile", "clause": "clause"})
    page = client.get(url).content.decode()
    assert "Because &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_hostile_address_shows_as_text_on_the_404_page(client, db):
    response = client.get("/plans/x/clauses/<script>alert(1)<%2Fscript>/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<script>alert" not in page
