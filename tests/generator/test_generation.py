"""The plan generator: deterministic for a seed, realistic in shape, cheap in queries."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from generator.plans import (
    GENERATOR_VERSION,
    draft_paste,
    evolve,
    generate_plan,
    plan_description,
)
from parties.models import Party


def content(slug: str) -> list[tuple]:
    """Everything a reader sees of a plan, without database ids."""
    return list(
        Position.objects.filter(clause_version__revision__plan__slug=slug)
        .order_by(
            "clause_version__revision__number", "clause_version__position_in_draft", "party__slug"
        )
        .values_list(
            "clause_version__revision__number",
            "clause_version__revision__label",
            "clause_version__clause__slug",
            "clause_version__number",
            "clause_version__text",
            "clause_version__status",
            "party__slug",
            "stance",
            "summary",
            "source_url",
            "carried_over",
        )
    )


def test_evolve_is_deterministic_for_a_seed():
    def run(seed):
        return [
            (d.label, [(v.key, v.number, v.text, v.status, v.positions) for v in d.versions])
            for d in evolve(clauses=40, parties=4, revisions=6, seed=seed)
        ]

    assert run(7) == run(7)
    assert run(7) != run(8)


@pytest.mark.django_db
def test_generate_plan_is_deterministic_in_the_database():
    generate_plan(clauses=15, parties=3, revisions=4, seed=3, slug="first")
    generate_plan(clauses=15, parties=3, revisions=4, seed=3, slug="second")
    first = content("first")
    assert first
    # The clause slugs hold no database id, so the two plans are equal value for value.
    assert first == content("second")


def test_texts_run_from_a_few_words_to_a_few_hundred():
    (first,) = evolve(clauses=300, parties=1, revisions=1, seed=1)
    lengths = sorted(len(v.text.split()) for v in first.versions)
    assert lengths[0] <= 12
    assert 100 <= lengths[-1] <= 400
    assert 10 <= lengths[len(lengths) // 2] <= 80


def test_each_revision_rewords_adds_drops_and_moves_a_few_percent():
    drafts = list(evolve(clauses=200, parties=5, revisions=6, seed=2))
    for before, after in zip(drafts, drafts[1:], strict=False):
        assert after.added and after.dropped and after.reworded
        assert after.stances_moved > 0
        assert len(after.reworded) <= 0.1 * len(before.versions)
        assert len(after.added) + len(after.dropped) <= 0.1 * len(before.versions)
        assert after.stances_moved <= 0.15 * len(before.versions) * 5
        old = {v.key: v for v in before.versions}
        new = {v.key: v for v in after.versions}
        # Each revision continues the previous: what it does not change, it keeps.
        assert set(after.dropped) == old.keys() - new.keys()
        assert set(after.added) == new.keys() - old.keys()
        kept = old.keys() & new.keys()
        reworded = {k for k in kept if old[k].text != new[k].text}
        assert reworded == set(after.reworded)
        # A position not moved is carried over unchanged except for the flag.
        carried = [
            (p, q)
            for k in kept
            for p, q in zip(old[k].positions, new[k].positions, strict=True)
            if q.carried_over
        ]
        assert carried and all(p._replace(carried_over=True) == q for p, q in carried)


def test_new_clauses_are_sub_points_until_a_clean_redraft():
    drafts = list(evolve(clauses=60, parties=1, revisions=11, seed=4))
    second = drafts[1]
    added = [v for v in second.versions if v.key in second.added]
    assert all(re.fullmatch(r"\d+[a-z]+", v.number) for v in added)
    assert any(not v.number.isdigit() for v in drafts[9].versions)
    clean = drafts[10]
    assert [v.number for v in clean.versions] == [str(i + 1) for i in range(len(clean.versions))]


@pytest.mark.django_db
def test_generated_plan_has_the_shape_asked_for():
    result = generate_plan(clauses=30, parties=4, revisions=5, seed=1)
    plan = result.plan
    assert plan.description == plan_description(
        clauses=30, parties=4, revisions=5, seed=1, history=True
    )
    assert f"generator {GENERATOR_VERSION}" in plan.description
    revisions = list(Revision.objects.filter(plan=plan).order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3, 4, 5]
    assert revisions[0].previous is None
    for before, after in zip(revisions, revisions[1:], strict=False):
        assert after.previous_id == before.pk
        old = set(before.clause_versions.values_list("clause_id", flat=True))
        new = set(after.clause_versions.values_list("clause_id", flat=True))
        assert len(old & new) >= 0.8 * len(old)
        assert old - new and new - old  # dropped and added
    versions = ClauseVersion.objects.filter(revision__plan=plan)
    assert versions.count() == result.clause_versions
    assert Position.objects.filter(clause_version__revision__plan=plan).count() == (
        result.positions
    )
    assert result.positions == result.clause_versions * 4
    assert Clause.objects.filter(plan=plan).count() == result.clauses
    for revision in revisions:
        assert 25 <= revision.clause_versions.count() <= 35


@pytest.mark.django_db
def test_every_record_it_writes_has_its_creation_in_history():
    result = generate_plan(clauses=10, parties=3, revisions=3, seed=1)
    positions = Position.objects.filter(clause_version__revision__plan=result.plan)
    history = Position.history.filter(id__in=positions.values("id"))
    assert history.count() == positions.count()
    position = positions.select_related("clause_version__revision").first()
    row = history.get(id=position.id)
    tracked = [f.attname for f in Position.history.model.tracked_fields]
    assert {n: getattr(row, n) for n in tracked} == {n: getattr(position, n) for n in tracked}
    assert row.history_type == "+"
    assert row.history_user is None
    assert row.history_date.date() == position.clause_version.revision.published_on
    assert row.history_change_reason == "Generated draft 1 (seed 1)"
    for model in (Plan, Revision, Clause, ClauseVersion, Party):
        assert model.history.count() == model.objects.count(), model.__name__
    # Every revision's fingerprint agrees with its rows and with its history.
    call_command("verify_fingerprints")


@pytest.mark.django_db
def test_no_history_writes_none():
    generate_plan(clauses=5, parties=2, revisions=2, seed=1, history=False)
    assert Position.history.count() == 0
    assert ClauseVersion.history.count() == 0


@pytest.mark.django_db
def test_the_generator_writes_in_bulk_not_row_by_row():
    with CaptureQueriesContext(connection) as small:
        generate_plan(clauses=5, parties=2, revisions=4, seed=1, slug="small")
    with CaptureQueriesContext(connection) as large:
        result = generate_plan(clauses=60, parties=6, revisions=4, seed=1, slug="large")
    rows = result.clause_versions + result.positions
    # A few statements per revision (a position batch holds dozens of rows even on
    # SQLite, whose 999 variables a statement fit fewer rows as a position gains columns);
    # the rows are counted in hundreds.
    assert len(large.captured_queries) <= 16 * 4 + 10
    assert len(large.captured_queries) < rows / 20
    assert len(large.captured_queries) <= len(small.captured_queries) + 4 * 6


@pytest.mark.django_db
def test_parties_are_reused_by_slug():
    Party.objects.create(slug="ukraine", name="Ukraine", short_name="UA")
    generate_plan(clauses=3, parties=2, revisions=1, seed=1, slug="one")
    generate_plan(clauses=3, parties=2, revisions=1, seed=1, slug="two")
    assert Party.objects.count() == 2
    assert Party.objects.get(slug="ukraine").short_name == "UA"


@pytest.mark.django_db
def test_command_builds_a_plan_and_refuses_a_taken_slug():
    call_command("generate_plan", clauses=4, parties=2, revisions=2, seed=5, verbosity=0)
    plan = Plan.objects.get(slug="generated-4x2x2-seed-5")
    assert plan.revisions.count() == 2
    with pytest.raises(CommandError, match="already exists"):
        call_command("generate_plan", clauses=4, parties=2, revisions=2, seed=5, verbosity=0)
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_plan", clauses=0, verbosity=0)


def test_draft_paste_is_a_numbered_wrapped_draft():
    (draft,) = evolve(clauses=120, parties=1, revisions=1, seed=1)
    versions = [(v.number, v.text) for v in draft.versions]
    text = draft_paste(versions, seed=2, points=150)
    assert text == draft_paste(versions, seed=2, points=150)
    starts = re.findall(r"^(?:Point (\d+):|(\d+)[.)]) ", text, flags=re.MULTILINE)
    numbers = [int(a or b) for a, b in starts]
    assert numbers == list(range(1, 151))
    assert "Point " in text and ") " in text
    assert max(len(line) for line in text.splitlines()) <= 88
    kept = sum(1 for _n, t in versions if " ".join(t.split()) in " ".join(text.split()))
    assert kept >= 0.8 * len(versions)
