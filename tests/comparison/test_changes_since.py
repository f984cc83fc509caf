"""What changed since a day: ``/plans/<plan>/changes/?since=``, the same over the API, and
``?since=`` on the feeds. Every revision, rewording and stance move recorded since the day,
grouped by clause, with who recorded it and why."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clauses.models import Position
from clauses.selectors.changes import MOVE, REWORDING, plan_changes
from clauses.services import clause_version_update, position_save, revision_clone
from clauses.since import BAD_SINCE, NO_SINCE, SinceError, parse_since
from clauses.vocabularies import Stance
from generator.plans import generate_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime.now(datetime.UTC).date()
LONG_AGO = "2000-01-01"


@pytest.fixture
def edited(editor):
    """A generated plan (drafts recorded in 2025), then today a fourth draft cloned from the
    third, one clause reworded in it and one stance moved, each with a reason."""
    plan = generate_plan(clauses=12, parties=3, revisions=3, seed=5, slug="edited").plan
    fourth = revision_clone(
        source=plan.revisions.get(number=3), user=editor, summary="The joint framework"
    )
    version = fourth.clause_versions.order_by("position_in_draft").first()
    clause_version_update(
        clause_version=version,
        expected_version=version.version,
        changes={"text": "A new wording <b>of</b> the point."},
        user=editor,
        summary="Text of 3 December",
    )
    position = (
        Position.objects.filter(clause_version__revision=fourth, stance=Stance.OPPOSES)
        .exclude(clause_version=version)
        .select_related("party", "clause_version__clause")
        .first()
    )
    position_save(
        clause_version=position.clause_version,
        party=position.party,
        expected_version=position.version,
        values={"stance": Stance.SUPPORTS, "quote": "We accept it now."},
        user=editor,
        summary="Interview of 4 December",
    )
    return plan, version.clause, position


def test_parse_since_takes_a_day_and_names_the_parameter():
    assert parse_since("2025-12-01") == datetime.date(2025, 12, 1)
    for bad in ("2025-13-01", "yesterday", "20251201", "2025-12-01T00:00", "<b>"):
        with pytest.raises(SinceError) as refused:
            parse_since(bad)
        assert str(refused.value).startswith("since: ")
    with pytest.raises(SinceError, match="since"):
        parse_since(None)
    assert NO_SINCE.startswith("since:") and BAD_SINCE.startswith("since:")


def test_only_what_was_recorded_since_the_day_grouped_by_clause(edited):
    plan, reworded, moved = edited
    today = plan_changes(plan=plan, since=TODAY)
    assert [r.revision for r in today.revisions] == [4]
    assert today.revisions[0].user == "editor"
    assert today.revisions[0].reason == "The joint framework"
    by_clause = {c.slug: c for c in today.clauses}
    assert set(by_clause) == {reworded.slug, moved.clause_version.clause.slug}
    (wording,) = [r for r in by_clause[reworded.slug].records if r.kind == REWORDING]
    assert wording.text == "A new wording <b>of</b> the point."
    assert (wording.user, wording.reason, wording.revision) == ("editor", "Text of 3 December", 4)
    (move,) = [r for r in by_clause[moved.clause_version.clause.slug].records if r.kind == MOVE]
    assert (move.stance_before, move.stance_after, move.direction) == (
        "opposes",
        "supports",
        "toward",
    )
    assert move.reason == "Interview of 4 December" and move.party == moved.party.slug
    assert (today.rewordings, today.moves) == (1, 1)

    everything = plan_changes(plan=plan, since=datetime.date(2000, 1, 1))
    assert [r.revision for r in everything.revisions] == [4, 3, 2, 1]
    assert everything.moves > today.moves and everything.rewordings > today.rewordings


def test_the_page_shows_who_and_why_escaped(client, edited):
    plan, reworded, moved = edited
    url = reverse("clauses:changes", kwargs={"plan": plan.slug})
    page = client.get(url, {"since": TODAY.isoformat()}).content.decode()
    assert "Changes since" in page
    assert "1 new revision · 1 rewording · 1 stance move on 2 clauses" in page
    assert "Text of 3 December" in page and "Interview of 4 December" in page
    assert "by editor" in page
    assert "A new wording &lt;b&gt;of&lt;/b&gt; the point." in page
    assert f'href="/plans/{plan.slug}/clauses/{reworded.slug}/r4/"' in page
    assert '<h2 id="new-revisions">New revisions</h2>' in page


def test_a_day_with_nothing_says_so_and_shows_no_empty_sections(client, edited):
    plan, _, _ = edited
    tomorrow = TODAY + datetime.timedelta(days=1)
    page = client.get(
        reverse("clauses:changes", kwargs={"plan": plan.slug}), {"since": tomorrow.isoformat()}
    ).content.decode()
    assert "Nothing was recorded in this plan since that day." in page
    assert "New revisions" not in page and "By clause" not in page


def test_without_a_day_the_page_goes_to_the_last_month(client, edited):
    plan, _, _ = edited
    response = client.get(reverse("clauses:changes", kwargs={"plan": plan.slug}))
    month_ago = (TODAY - datetime.timedelta(days=30)).isoformat()
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{plan.slug}/changes/?since={month_ago}"


def test_a_bad_day_is_a_400_naming_since(client, edited):
    plan, _, _ = edited
    for url in (
        reverse("clauses:changes", kwargs={"plan": plan.slug}),
        reverse("api:plan-changes", kwargs={"plan": plan.slug}),
        reverse("clauses:plan_feed", kwargs={"plan": plan.slug}),
    ):
        response = client.get(url, {"since": "1 December"})
        assert response.status_code == 400, url
        assert "since" in response.content.decode()


def test_the_api_gives_the_same_changes(client, edited):
    plan, reworded, moved = edited
    url = reverse("api:plan-changes", kwargs={"plan": plan.slug})
    assert client.get(url).status_code == 400  # since is required
    data = client.get(url, {"since": TODAY.isoformat()}).json()
    assert data["since"] == TODAY.isoformat()
    assert [r["number"] for r in data["revisions"]] == [4]
    assert (data["rewordings"], data["moves"], data["count"]) == (1, 1, 2)
    clauses = {c["clause"]: c for c in data["results"]}
    (move,) = clauses[moved.clause_version.clause.slug]["changes"]
    assert move["kind"] == "move" and move["reason"] == "Interview of 4 December"
    assert move["direction"] == "toward" and move["user"] == "editor"
    assert clauses[reworded.slug]["page_url"].endswith(
        f"/plans/{plan.slug}/clauses/{reworded.slug}/"
    )


def test_the_api_schema_declares_since(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/plans/{plan}/changes/"]["get"]
    since = next(p for p in operation["parameters"] if p["name"] == "since")
    assert since["required"] is True and since["schema"]["format"] == "date"


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feeds_keep_what_was_recorded_since(client, edited):
    plan, reworded, moved = edited
    clause = moved.clause_version.clause.slug
    for url in (
        reverse("clauses:plan_feed", kwargs={"plan": plan.slug}),
        reverse("clauses:clause_feed", kwargs={"plan": plan.slug, "clause": clause}),
        reverse("parties:feed", kwargs={"party": moved.party.slug}),
    ):
        every = ET.fromstring(client.get(url).content).findall(f"{ATOM}entry")
        since = ET.fromstring(client.get(url, {"since": TODAY.isoformat()}).content)
        recent = since.findall(f"{ATOM}entry")
        assert 0 < len(recent) < len(every), url
        for entry in recent:
            assert entry.find(f"{ATOM}updated").text[:10] >= TODAY.isoformat()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_and_the_api_cost_the_same_queries_whatever_the_size(client, editor):
    """Page: the plan's stamp, the plan, then the revisions, rewordings and moves since.
    API: the stamp, the plan, the same three reads."""
    small = generate_plan(clauses=4, parties=2, revisions=2, seed=1, slug="small").plan
    large = generate_plan(clauses=30, parties=5, revisions=5, seed=2, slug="large").plan
    for plan in (small, large):
        assert plan_changes(plan=plan, since=datetime.date(2000, 1, 1)).moves >= 0
    for name, budget in (("clauses:changes", 5), ("api:plan-changes", 5)):
        costs = [
            _queries(client, reverse(name, kwargs={"plan": p.slug}) + f"?since={LONG_AGO}&page=1")
            for p in (small, large)
        ]
        assert costs == [budget, budget], name
