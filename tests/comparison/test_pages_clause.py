"""One clause: its text in every revision, each party's stance, its edit history; and the
clause as worded in one revision, with the positions' quotes and sources."""

import datetime

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


@pytest.fixture
def plan():
    """The army cap in r1 and r2 (reworded); r3 continues r2 without it; r4 brings it back."""
    plan = PlanFactory(slug="framework")
    ukraine = PartyFactory(slug="ukraine", name="Ukraine", sort_order=1)
    russia = PartyFactory(slug="russia", name="Russia", sort_order=2)
    army = ClauseFactory(plan=plan, slug="army", title="Army cap")
    r1 = RevisionFactory(plan=plan, number=1, label="US draft")
    r2 = RevisionFactory(plan=plan, number=2, label="Joint framework", previous=r1)
    r3 = RevisionFactory(plan=plan, number=3, label="Short draft", previous=r2)
    r4 = RevisionFactory(plan=plan, number=4, label="Long draft", previous=r3)
    first = ClauseVersionFactory(
        revision=r1, clause=army, number="6", text="The army is capped at 600,000."
    )
    PositionFactory(clause_version=first, party=ukraine, stance=Stance.OPPOSES)
    PositionFactory(clause_version=first, party=russia, stance=Stance.SUPPORTS)
    second = ClauseVersionFactory(
        revision=r2, clause=army, number="7", text="The army is capped at 800,000."
    )
    PositionFactory(
        clause_version=second,
        party=ukraine,
        stance=Stance.CONDITIONAL,
        summary="Accepts a higher cap.",
        quote="We can live with 800,000.",
        source_title="Interview",
        source_url="https://example.org/interview",
        stated_on=datetime.date(2025, 11, 30),
    )
    PositionFactory(clause_version=second, party=russia, stance=Stance.RED_LINE, carried_over=True)
    ClauseVersionFactory(revision=r4, clause=army, number="7", text="The army is capped.")
    return plan


def clause_page(client, slug="army"):
    response = client.get(reverse("clauses:clause", kwargs={"plan": "framework", "clause": slug}))
    assert response.status_code == 200
    return response


def test_the_clause_shows_its_text_in_every_revision_it_appears_in(client, plan):
    response = clause_page(client)
    steps = response.context["timeline"].steps
    assert [s.version.revision.number for s in steps] == [1, 2, 4]
    page = response.content.decode()
    assert "The army is capped at 600,000." in page
    assert "The army is capped." in page


def test_each_revision_says_what_changed_since_the_one_it_continues(client, plan):
    page = clause_page(client).content.decode()
    assert "first draft" in page
    assert "since r1: text, number, positions" in page
    assert "(point 6 → 7)" in page
    assert "<del>600,000.</del><ins>800,000.</ins>" in page
    assert "not in r3" in page  # back in r4 after r3 left it out


def test_each_party_s_stance_across_revisions(client, plan):
    response = clause_page(client)
    rows = {row.party.slug: row.cells for row in response.context["timeline"].stances}
    assert [p and p.stance for p in rows["ukraine"]] == ["opposes", "conditional", None]
    assert [p and p.stance for p in rows["russia"]] == ["supports", "red_line", None]
    page = response.content.decode()
    assert '<span class="stance stance-red_line">red line</span>' in page
    assert "no position" in page


def test_the_edit_history_says_who_changed_which_fields_when_and_why(client, plan, editor):
    position = Position.objects.get(clause_version__revision__number=2, party__slug="russia")
    position.stance = Stance.OPPOSES
    position.summary = "Softer now."
    position._history_user = editor
    position._change_reason = "Reported by the Kremlin on 2 December"
    position.save()

    response = clause_page(client)
    newest = response.context["history"][0]
    assert newest.user == "editor"
    assert newest.type == "changed"
    assert newest.object == "position"
    assert (newest.revision, newest.party, newest.party_name) == (2, "russia", "Russia")
    assert newest.changed_fields == ("stance", "summary")
    assert newest.summary == "Reported by the Kremlin on 2 December"
    page = response.content.decode()
    assert "Russia's position in r2" in page
    old_stance = newest.changes[0][1]
    assert newest.changes[0][0] == "stance" and newest.changes[0][2] == "opposes"
    assert newest.changes[1][0] == "summary" and newest.changes[1][2] == "Softer now."
    assert f"stance: <del>{old_stance}</del> → <ins>opposes</ins>" in page
    assert "<ins>Softer now.</ins>" in page
    assert "Reported by the Kremlin on 2 December" in page


def test_the_edit_history_covers_the_clause_its_versions_and_deleted_positions(client, plan):
    Position.objects.get(clause_version__revision__number=1, party__slug="russia").delete()
    history = clause_page(client).context["history"]
    kinds = {(entry.object, entry.type) for entry in history}
    assert kinds == {
        ("clause", "created"),
        ("clause_version", "created"),
        ("position", "created"),
        ("position", "deleted"),
    }
    deleted = next(entry for entry in history if entry.type == "deleted")
    assert (deleted.revision, deleted.party) == (1, "russia")


def test_the_clause_version_shows_its_positions_with_quote_and_source(client, plan):
    url = reverse(
        "clauses:clause_version", kwargs={"plan": "framework", "clause": "army", "number": 2}
    )
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="position-ukraine"' in page
    assert "<blockquote" in page and "We can live with 800,000." in page
    assert (
        '<a href="https://example.org/interview" rel="noopener noreferrer" dir="auto">Interview</a>'
        in page
    )
    assert "30 November 2025" in page
    assert "carried over" in page


def test_the_clause_version_shows_the_change_since_the_revision_it_continues(client, plan):
    url = reverse(
        "clauses:clause_version", kwargs={"plan": "framework", "clause": "army", "number": 2}
    )
    page = client.get(url).content.decode()
    assert "Changes since r1" in page
    assert "<del>600,000.</del><ins>800,000.</ins>" in page
    assert "toward agreement" in page  # Ukraine: opposes to conditional
    assert "away from agreement" in page  # Russia: supports to red line


def test_the_first_clause_version_has_nothing_to_compare_with(client, plan):
    url = reverse(
        "clauses:clause_version", kwargs={"plan": "framework", "clause": "army", "number": 1}
    )
    page = client.get(url).content.decode()
    assert "First draft: there is no earlier revision to compare with." in page


@pytest.mark.parametrize(
    "url",
    [
        "/plans/framework/clauses/nothing/",
        "/plans/elsewhere/clauses/army/",
        "/plans/framework/clauses/army/r3/",  # the clause is not in r3
        "/plans/framework/clauses/army/r9/",
        "/plans/framework/clauses/army/3/",
        "/plans/elsewhere/clauses/army/r1/",
    ],
)
def test_unknown_clauses_and_clause_versions_are_404(client, plan, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Nothing at this address" in response.content.decode()


def test_a_clause_in_no_revision_says_so(client, plan):
    ClauseFactory(plan=plan, slug="later", title="Later")
    page = clause_page(client, "later").content.decode()
    assert "This clause is not in any revision yet." in page


def test_the_clause_page_puts_the_latest_first(client, plan):
    page = clause_page(client).content.decode()
    assert page.index("The army is capped.") < page.index("The army is capped at 600,000.")
    assert page.index('id="r4"') < page.index('id="r2"') < page.index('id="r1"')


def test_a_wording_kept_across_revisions_is_shown_once_with_the_range_collapsed(client, plan):
    army = plan.clauses.get(slug="army")
    r4 = plan.revisions.get(number=4)
    for number in (5, 6, 7):
        r4 = RevisionFactory(plan=plan, number=number, previous=r4)
        ClauseVersionFactory(revision=r4, clause=army, number="7", text="The army is capped.")
    page = clause_page(client).content.decode()
    assert page.count("The army is capped.") == 1
    assert "<summary>Unchanged in r5–r7 (3 revisions)</summary>" in page


def test_each_party_s_stance_is_a_row_of_cells_latest_first_with_changes_marked(client, plan):
    page = clause_page(client).content.decode()
    ukraine = page.split('aria-label="Ukraine\'s stance in each revision, latest first">')[1]
    cells = ukraine.split("</ol>")[0]
    # r4: no position (a change from conditional), r2: conditional (changed), r1: opposes.
    assert cells.index("r4: ") < cells.index("r2: ") < cells.index("r1: ")
    assert cells.count('class="step step-changed"') == 2
    assert '<span class="stance stance-opposes">opposes</span>' in cells


def test_each_party_s_latest_statement_shows_its_quote_and_source(client, plan):
    page = clause_page(client).content.decode()
    assert (
        '<blockquote class="position-quote" dir="auto">We can live with 800,000.</blockquote>'
        in page
    )
    assert (
        '<a href="https://example.org/interview" rel="noopener noreferrer" dir="auto">Interview</a>'
        in page
    )


def test_the_edit_history_escapes_and_shortens_what_it_shows(client, plan):
    """Names and values are shown as text, long values cut at 120 characters."""
    hostile = "<script>alert(1)</script>"
    position = Position.objects.get(clause_version__revision__number=2, party__slug="ukraine")
    position.party.name = f"O'Brien {hostile}"
    position.party.save()
    position.summary = hostile + "x" * 200
    position._change_reason = ""
    position.save()

    page = clause_page(client).content.decode()
    assert hostile not in page
    assert "O&#x27;Brien &lt;script&gt;alert(1)&lt;/script&gt;'s position in r2" in page
    shortened = "&lt;script&gt;alert(1)&lt;/script&gt;" + "x" * 94 + "…"
    assert f"<ins>{shortened}</ins>" in page
