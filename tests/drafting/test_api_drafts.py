"""Drafts over the API: create a plan, align a draft (a dry run), record it with If-Match;
412 when a revision was recorded in between, 428 without If-Match."""

import pytest
from rest_framework.test import APIClient

from clauses.models import Clause, Plan, Position, Revision
from core.api.etag import IF_MATCH_REQUIRED
from drafting.api import FINGERPRINT_CHANGED, NUMBER_MOVED, POINTS_COUNT
from drafting.parse import parse_draft
from drafting.services import NUMBER_TWICE, parsed_fingerprint
from tests.editing_helpers import NEXT_DRAFT, database_state, make_plan

pytestmark = pytest.mark.django_db

PLANS = "/api/v1/plans/"
ALIGN = "/api/v1/plans/framework/drafts/align/"
DRAFTS = "/api/v1/plans/framework/drafts/"


@pytest.fixture
def plan(db):
    return make_plan()


def aligned(editor_api, **body):
    response = editor_api.post(ALIGN, {"text": NEXT_DRAFT, **body}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def record(editor_api, proposal, *, if_match=None, **body):
    headers = {} if if_match is False else {"HTTP_IF_MATCH": if_match or proposal["if_match"]}
    data = {
        "text": NEXT_DRAFT,
        "fingerprint": proposal["fingerprint"],
        "number": proposal["number"],
        "edit_summary": "Joint framework",
        **body,
    }
    return editor_api.post(DRAFTS, data, format="json", **headers)


def test_an_editor_creates_a_plan(editor_api, db):
    response = editor_api.post(
        PLANS, {"title": "Юнікод план 🇺🇦 миру", "edit_summary": "New plan"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "iunikod-plan-miru"
    assert response["Location"].endswith("/api/v1/plans/iunikod-plan-miru/")
    plan = Plan.objects.get()
    assert plan.history.get().history_change_reason == "New plan"


def test_creating_a_plan_needs_an_editor_and_a_summary(editor_api, client, db):
    assert (
        APIClient().post(PLANS, {"title": "X", "edit_summary": "x"}, format="json").status_code
        == 401
    )
    refused = editor_api.post(PLANS, {"title": "X"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "edit_summary"
    assert not Plan.objects.exists()


def test_the_dry_run_proposes_the_alignment_and_writes_nothing(editor_api, plan):
    before = database_state()

    proposal = aligned(editor_api)

    assert database_state() == before
    assert proposal["previous"] == 1 and proposal["number"] == 2
    assert proposal["branch"] is False
    assert proposal["fingerprint"] == parsed_fingerprint(parse_draft(NEXT_DRAFT))
    assert proposal["if_match"] == f'"{plan.revisions.get().pk}-1"'
    assert [p["clause"] for p in proposal["points"]] == [
        "sovereignty",
        "zaporizhzhia",
        "army-size",
        None,
    ]
    new = proposal["points"][3]
    assert new["title"].startswith("Elections will be held")
    assert new["topic"] == "governance_elections"
    assert [d["clause"] for d in proposal["dropped"]] == ["amnesty"]
    assert proposal["points"][0]["candidates"][0]["clause"] == "sovereignty"


def test_the_proposal_is_recorded_as_it_stands(editor_api, plan):
    proposal = aligned(editor_api)

    response = record(editor_api, proposal, label="Joint framework")

    assert response.status_code == 201, response.json()
    assert response["Location"].endswith("/api/v1/plans/framework/revisions/2/")
    assert response.json()["number"] == 2 and response.json()["label"] == "Joint framework"
    revision = Revision.objects.get(number=2)
    assert revision.previous.number == 1 and not revision.branch
    slugs = list(revision.clause_versions.values_list("clause__slug", flat=True))
    assert slugs[:3] == ["sovereignty", "zaporizhzhia", "army-size"]
    assert Clause.objects.get(slug=slugs[3]).topic == "governance_elections"
    # Matched clauses keep every party's position, carried over.
    assert (
        Position.objects.filter(clause_version__revision=revision, carried_over=True).count() == 6
    )


def test_a_corrected_alignment_is_recorded(editor_api, plan):
    proposal = aligned(editor_api)
    points = [{"clause": p["clause"]} for p in proposal["points"]]
    points[3] = {"clause": "amnesty"}  # the editor knows point 4 continues the amnesty
    points[0] = {"clause": None, "title": "Sovereignty, restated", "topic": "territory"}

    response = record(editor_api, proposal, points=points)

    assert response.status_code == 201, response.json()
    revision = Revision.objects.get(number=2)
    kept = list(revision.clause_versions.values_list("clause__slug", flat=True))
    assert kept[1:] == ["zaporizhzhia", "army-size", "amnesty"]
    assert Clause.objects.get(slug=kept[0]).title == "Sovereignty, restated"


def test_a_revision_recorded_in_between_is_412(editor_api, plan, editor):
    proposal = aligned(editor_api)
    first = record(editor_api, proposal)
    assert first.status_code == 201
    before = database_state()

    again = record(editor_api, proposal)  # the same dry run, answered before r2 was recorded

    assert again.status_code == 412
    body = again.json()
    assert body["errors"][0]["message"] == NUMBER_MOVED.format(number=2)
    assert database_state() == before


def test_a_change_to_the_revision_it_continues_is_412(editor_api, plan):
    proposal = aligned(editor_api)
    revision = plan.revisions.get()
    editor_api.patch(
        "/api/v1/plans/framework/revisions/1/",
        {"label": "Renamed", "edit_summary": "Label"},
        format="json",
        HTTP_IF_MATCH=proposal["if_match"],
    )

    response = record(editor_api, proposal)

    assert response.status_code == 412
    assert response["ETag"] == f'"{revision.pk}-2"'
    assert not Revision.objects.filter(number=2).exists()


def test_recording_without_if_match_is_428(editor_api, plan):
    response = record(editor_api, aligned(editor_api), if_match=False)
    assert response.status_code == 428
    assert response.json()["errors"][0]["message"] == IF_MATCH_REQUIRED


def test_a_text_that_changed_since_the_dry_run_is_refused(editor_api, plan):
    proposal = aligned(editor_api)
    response = record(editor_api, proposal, text=NEXT_DRAFT + "5. A late point.\n")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "fingerprint"
    assert "align this text again" in response.json()["errors"][0]["message"]
    assert FINGERPRINT_CHANGED.split("{")[0] in response.json()["errors"][0]["message"]


def test_a_wrong_number_of_points_or_an_unknown_clause_is_refused(editor_api, plan):
    proposal = aligned(editor_api)
    short = record(editor_api, proposal, points=[{"clause": None}])
    assert short.status_code == 400
    assert short.json()["errors"][0]["message"] == POINTS_COUNT.format(expected=4, sent=1)
    unknown = record(editor_api, proposal, points=[{"clause": "nowhere"}] * 4)
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"].startswith("points.0")


def test_a_draft_continuing_an_earlier_revision_is_a_branch(editor_api, plan):
    record(editor_api, aligned(editor_api))
    proposal = aligned(editor_api, previous=1)
    assert proposal["branch"] is True and proposal["number"] == 3

    response = record(editor_api, proposal, previous=1)

    assert response.status_code == 201
    assert Revision.objects.get(number=3).branch
    assert editor_api.get("/api/v1/plans/framework/").json()["latest_revision"] == 2


def test_a_plans_first_draft_matches_the_plans_etag(editor_api, db):
    created = editor_api.post(PLANS, {"title": "Framework", "edit_summary": "New"}, format="json")
    etag = created["ETag"]
    proposal = editor_api.post(
        "/api/v1/plans/framework/drafts/align/", {"text": NEXT_DRAFT}, format="json"
    ).json()
    assert proposal["previous"] is None and proposal["if_match"] == etag
    assert all(p["clause"] is None for p in proposal["points"])

    response = record(editor_api, proposal)

    assert response.status_code == 201, response.json()
    assert Revision.objects.get().clause_versions.count() == 4


def test_an_unparseable_text_is_400_naming_the_text(editor_api, plan):
    response = editor_api.post(ALIGN, {"text": "no numbered points here"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "text"


def test_analysts_cannot_align_or_record(plan, analyst):
    client = APIClient()
    client.force_authenticate(analyst)
    assert client.post(ALIGN, {"text": NEXT_DRAFT}, format="json").status_code == 403
    assert client.post(DRAFTS, {"text": NEXT_DRAFT}, format="json").status_code == 403


def test_a_record_racing_another_is_412_from_the_lock(editor_api, plan, monkeypatch):
    """Both passed the early check; the plan's lock numbers one, refuses the other."""
    proposal = aligned(editor_api)
    assert record(editor_api, proposal).status_code == 201
    # The second request read the plan's next number before the first one committed.
    monkeypatch.setattr("drafting.api.selectors.next_revision_number", lambda plan: 2)
    before = database_state()

    response = record(editor_api, proposal, previous=1)

    assert response.status_code == 412
    assert response.json()["errors"][0]["message"] == NUMBER_MOVED.format(number=2)
    assert database_state() == before


def test_duplicate_numbers_are_refused_until_renumbered(editor_api, plan):
    text = "1. Ukraine's sovereignty is confirmed.\n2. A new point.\n2. Another new point.\n"
    proposal = editor_api.post(ALIGN, {"text": text}, format="json").json()

    refused = record(editor_api, proposal, text=text)

    assert refused.status_code == 400
    assert refused.json()["errors"][0]["message"] == NUMBER_TWICE.format(count=2, number="2")
    points = [{"clause": p["clause"]} for p in proposal["points"]]
    points[2]["number"] = "3"
    recorded = record(editor_api, proposal, text=text, points=points)
    assert recorded.status_code == 201, recorded.json()
    numbers = Revision.objects.get(number=2).clause_versions.values_list("number", flat=True)
    assert list(numbers) == ["1", "2", "3"]


EXCERPT = "Reported:\n2. The Zaporizhzhia plant is restarted\n3. The army is capped\n"


def test_the_coverage_is_guessed_from_the_numbering(editor_api, plan):
    assert aligned(editor_api)["coverage"] == "full_text"
    excerpt = editor_api.post(ALIGN, {"text": EXCERPT}, format="json").json()
    assert excerpt["coverage"] == "partial"


def test_the_coverage_sent_is_recorded(editor_api, plan):
    proposal = aligned(editor_api, coverage="partial")
    assert proposal["coverage"] == "partial"

    response = record(editor_api, proposal, coverage="partial")

    assert response.status_code == 201, response.json()
    assert response.json()["coverage"] == "partial"
    assert Revision.objects.get(number=2).coverage == "partial"


def test_a_partial_draft_is_recorded_partial_unless_said_otherwise(editor_api, plan):
    proposal = editor_api.post(ALIGN, {"text": EXCERPT}, format="json").json()
    body = {"text": EXCERPT, "fingerprint": proposal["fingerprint"]}
    assert record(editor_api, proposal, **body).json()["coverage"] == "partial"
    proposal = editor_api.post(ALIGN, {"text": EXCERPT}, format="json").json()
    body["fingerprint"] = proposal["fingerprint"]
    full = record(editor_api, proposal, coverage="full_text", **body)
    assert full.json()["coverage"] == "full_text"


@pytest.mark.parametrize("url", [ALIGN, DRAFTS])
def test_a_bad_coverage_is_400_naming_coverage(editor_api, plan, url):
    proposal = aligned(editor_api)
    before = database_state()
    body = {
        "text": NEXT_DRAFT,
        "fingerprint": proposal["fingerprint"],
        "number": 2,
        "edit_summary": "x",
        "coverage": "most",
    }

    response = editor_api.post(url, body, format="json", HTTP_IF_MATCH=proposal["if_match"])

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["coverage"]
    assert database_state() == before


def test_points_run_together_are_reported(editor_api, plan):
    text = "1. Sovereignty is confirmed. 2. The plant is restarted.\n4. Elections are held."
    proposal = editor_api.post(ALIGN, {"text": text}, format="json").json()
    assert [p["embedded_labels"] for p in proposal["points"]] == [["2"], []]
