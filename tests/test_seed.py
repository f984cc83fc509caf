"""The seed holds the report's facts, cites its source, and leaves history."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from clauses.management.commands.seed import NOT_EMPTY, SEED_REASON
from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.vocabularies import Stance
from parties.models import Party

pytestmark = pytest.mark.django_db

REPORT_TITLE_WORDS = "US and Ukraine Approach Joint Peace Plan"


def latest_position(plan, clause_slug, party_slug):
    return Position.objects.select_related("clause_version__revision").get(
        clause_version__revision=plan.revisions.order_by("-number").first(),
        clause_version__clause__slug=clause_slug,
        party__slug=party_slug,
    )


def test_seed_has_the_parties_and_two_revisions(seeded):
    assert {"ukraine", "russia", "united-states", "european-partners"} <= set(
        Party.objects.values_list("slug", flat=True)
    )
    revisions = list(seeded.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[1].previous == revisions[0]


def test_seed_has_the_clauses_the_report_describes(seeded):
    slugs = set(seeded.clauses.values_list("slug", flat=True))
    assert {
        "demilitarized-zone",
        "nato-membership",
        "security-guarantees",
        "russian-withdrawal-named-regions",
        "international-monitoring",
        "de-facto-lines",
        "referendum-on-withdrawals",
        "zaporizhzhia-nuclear-plant",
        "ukrainian-troop-redeployment",
        "consequences-of-rejection",
        "donbas-territory-demand",
    } <= slugs


def test_ukraine_wants_joint_ukraine_us_administration_of_the_nuclear_plant(seeded):
    position = latest_position(seeded, "zaporizhzhia-nuclear-plant", "ukraine")
    assert "jointly administered by Ukraine and the US" in position.quote
    assert "Ukraine and the US" in position.summary


def test_russia_opposes_anything_short_of_full_control_of_donetsk(seeded):
    position = latest_position(seeded, "de-facto-lines", "russia")
    assert position.stance == Stance.OPPOSES
    assert "full control of Donetsk" in position.quote


def test_every_position_cites_the_report(seeded):
    positions = Position.objects.all()
    assert positions.count() > 10
    for position in positions:
        assert REPORT_TITLE_WORDS in position.source_title
        assert position.quote, f"{position} has no quote"


def test_every_quote_is_the_report_s_own_words(seeded, settings):
    from pathlib import Path

    report = next((Path(settings.BASE_DIR).parent / "shared" / "sources").glob("*.txt"), None)
    if report is None:
        pytest.skip("the source report is not beside this checkout")
    text = report.read_text(encoding="utf-8")
    for position in Position.objects.all():
        for fragment in position.quote.split("[...]"):
            assert fragment.strip() in text, f"not in the report: {fragment!r}"


def test_seed_leaves_a_history_row_for_everything_it_created(seeded):
    for model in (Party, Plan, Revision, Clause, ClauseVersion, Position):
        assert model.history.count() == model.objects.count() > 0
        assert set(model.history.values_list("history_change_reason", flat=True)) == {SEED_REASON}


def test_seed_refuses_to_load_over_existing_plans(seeded):
    with pytest.raises(CommandError, match=NOT_EMPTY):
        call_command("seed", verbosity=0)
    call_command("seed", "--if-empty", verbosity=0)  # quietly does nothing
    assert Plan.objects.count() == 1
