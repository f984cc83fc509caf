"""The diff endpoint: the diff module's output as JSON, against the revision a revision
continues by default, or against any other with ?against=."""

import pytest

from clauses.models import Revision
from clauses.vocabularies import Coverage, Stance
from comparison.selectors.diffs import revision_diff
from core.api.exceptions import AGAINST_NOT_FOUND
from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PlanFactory,
    PositionFactory,
    RevisionFactory,
)

DIFF = "/api/v1/plans/framework/revisions/{}/diff/"


@pytest.fixture
def plan(db):
    """r1; r2 continues r1 (rewords dmz, Russia moves toward, drops nato, adds znpp);
    r3 is a counter-proposal that continues r1, not r2."""
    plan = PlanFactory(slug="framework")
    russia = PartyFactory(slug="russia", name="Russia", sort_order=2)
    r1 = RevisionFactory(plan=plan, number=1, label="US draft")
    r2 = RevisionFactory(plan=plan, number=2, previous=r1, label="Joint framework")
    r3 = RevisionFactory(plan=plan, number=3, previous=r1, label="Counter-proposal")
    dmz = ClauseFactory(plan=plan, slug="dmz", title="DMZ")
    nato = ClauseFactory(plan=plan, slug="nato", title="NATO")
    znpp = ClauseFactory(plan=plan, slug="znpp", title="ZNPP")
    d1 = ClauseVersionFactory(
        revision=r1, clause=dmz, number="1", position_in_draft=1, text="A zone of 20 km."
    )
    ClauseVersionFactory(
        revision=r1, clause=nato, number="2", position_in_draft=2, text="No <b>NATO</b>."
    )
    d2 = ClauseVersionFactory(
        revision=r2, clause=dmz, number="1", position_in_draft=1, text="A zone of 30 km."
    )
    ClauseVersionFactory(revision=r2, clause=znpp, number="2", position_in_draft=2, text="Shared.")
    ClauseVersionFactory(
        revision=r3, clause=dmz, number="1", position_in_draft=1, text="A zone of 20 km."
    )
    PositionFactory(clause_version=d1, party=russia, stance=Stance.RED_LINE)
    PositionFactory(clause_version=d2, party=russia, stance=Stance.CONDITIONAL)
    return plan


def test_against_the_revision_it_continues(client, plan):
    response = client.get(DIFF.format(2))

    assert response.status_code == 200
    body = response.json()
    assert (body["old"]["number"], body["new"]["number"]) == (1, 2)
    assert body["old_url"] == "http://testserver/api/v1/plans/framework/revisions/1/"
    assert body["new_url"] == "http://testserver/api/v1/plans/framework/revisions/2/"
    assert [(c["slug"], c["change"]) for c in body["clauses"]] == [
        ("dmz", "changed"),
        ("nato", "removed"),  # where it stood in the old draft
        ("znpp", "added"),
    ]
    assert body["totals"]["added"] == 1 and body["totals"]["removed"] == 1
    assert body["summary"] == "1 added, 1 removed, 1 changed, 0 unchanged; Russia moved on 1"
    dmz = body["clauses"][0]
    assert dmz["changed_fields"] == ["text", "positions"]
    assert {"kind": "delete", "text": "20"} in dmz["text"]["ops"]
    assert {"kind": "insert", "text": "30"} in dmz["text"]["ops"]
    (russia,) = dmz["parties"]
    assert (russia["stance_before"], russia["stance_after"]) == ("red_line", "conditional")
    assert (russia["value_before"], russia["value_after"]) == (-2, 1)
    assert russia["direction"] == "toward"


def test_the_body_is_the_diff_modules_output(client, plan):
    old, new = Revision.objects.get(number=1), Revision.objects.get(number=2)
    expected = revision_diff(old=old, new=new).as_dict()
    body = client.get(DIFF.format(2)).json()
    assert {k: v for k, v in body.items() if not k.endswith("_url")} == expected


def test_clause_text_is_data_not_markup(client, plan):
    body = client.get(DIFF.format(2)).json()
    nato = next(c for c in body["clauses"] if c["slug"] == "nato")
    assert nato["text"]["ops"] == [{"kind": "delete", "text": "No <b>NATO</b>."}]


def test_a_counter_proposal_is_compared_with_the_draft_it_answers(client, plan):
    body = client.get(DIFF.format(3)).json()
    assert body["old"]["number"] == 1
    # The same text as in r1; Russia's position was not carried into the counter-proposal.
    assert body["clauses"][0]["changed_fields"] == ["positions"]


def test_against_any_other_revision(client, plan):
    body = client.get(DIFF.format(3), {"against": 2}).json()
    assert (body["old"]["number"], body["new"]["number"]) == (2, 3)
    assert body["old_url"].endswith("/revisions/2/")
    # Either direction.
    assert client.get(DIFF.format(1), {"against": 2}).json()["totals"]["added"] == 1


def test_against_itself_nothing_changed(client, plan):
    body = client.get(DIFF.format(2), {"against": 2}).json()
    assert {c["change"] for c in body["clauses"]} == {"unchanged"}


def test_a_first_revision_has_no_default_diff(client, plan):
    response = client.get(DIFF.format(1))
    assert response.status_code == 404
    (error,) = response.json()["errors"]
    assert error["field"] == "against"
    assert error["message"].startswith(
        "Revision 1 is the first draft: it continues no earlier revision, so there is "
        "nothing to compare it against."
    )


def test_a_first_revision_compares_with_a_revision_named(client, plan):
    body = client.get(DIFF.format(1), {"against": 2}).json()
    assert body["old"]["number"] == 2
    assert body["new"]["number"] == 1


def test_against_a_revision_the_plan_does_not_have_is_400(client, plan):
    other = PlanFactory(slug="other")
    RevisionFactory(plan=other, number=9)
    response = client.get(DIFF.format(2), {"against": 9})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "against",
            "code": "invalid",
            "message": AGAINST_NOT_FOUND.format(plan="framework", number=9),
        }
    ]


def test_the_diff_of_an_unknown_revision_is_404(client, plan):
    response = client.get(DIFF.format(8))
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "number"


def test_against_a_partial_revision_the_clauses_it_is_silent_on_are_first_described(client, plan):
    r1 = Revision.objects.get(number=1)
    r1.coverage = Coverage.PARTIAL
    r1.save()

    body = client.get(DIFF.format(2)).json()

    assert body["old"]["coverage"] == "partial" and body["new"]["coverage"] == "full_text"
    assert [(c["slug"], c["change"]) for c in body["clauses"]] == [
        ("dmz", "changed"),
        ("nato", "removed"),
        ("znpp", "first_described"),
    ]
    assert (body["totals"]["added"], body["totals"]["first_described"]) == (0, 1)
    assert body["summary"] == "1 removed, 1 changed, 1 first described; Russia moved on 1"
