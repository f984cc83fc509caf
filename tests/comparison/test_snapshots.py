"""The snapshots the diff reads as plain rows agree with those built from model instances."""

import datetime
import gc

import pytest

from clauses.models import Position
from clauses.selectors.plans import clause_versions_of
from clauses.vocabularies import Stance
from comparison.selectors.diffs import (
    NothingToCompare,
    default_against,
    diff_of_versions,
    revision_diff,
    revision_snapshot,
    snapshot_of,
)
from tests.factories import PartyFactory, build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def revisions():
    plan = build_plan(clauses=6, parties=3, revisions=3)
    first, second, third = plan.revisions.order_by("number")
    # A party that ranks first but holds a position only on one clause, added last.
    early = PartyFactory(slug="early", name="Early", sort_order=0)
    version = third.clause_versions.order_by("position_in_draft").last()
    Position.objects.create(clause_version=version, party=early, stance=Stance.SUPPORTS)
    return first, second, third


def test_a_revision_snapshot_equals_the_one_built_from_its_clause_versions(revisions):
    for revision in revisions:
        expected = snapshot_of(revision, list(clause_versions_of([revision])))
        snapshot = revision_snapshot(revision)
        assert repr(snapshot) == repr(expected)  # positions in party order too
        stances = {p.stance for c in snapshot.clauses for p in c.positions.values()}
        assert all(isinstance(stance, Stance) for stance in stances)


@pytest.mark.parametrize("pair", [(0, 1), (1, 2), (2, 0), (1, 1)])
def test_a_revision_diff_equals_the_one_built_from_clause_versions(revisions, pair):
    old, new = revisions[pair[0]], revisions[pair[1]]
    expected = diff_of_versions(old, new, list(clause_versions_of([old, new])))
    assert repr(revision_diff(old=old, new=new)) == repr(expected)


def test_a_revision_is_diffed_by_default_against_the_one_it_continues(revisions):
    first, second, third = revisions
    assert third.previous == second
    assert default_against(third) == second


def test_a_first_revision_has_no_default_diff(revisions):
    first = revisions[0]
    with pytest.raises(NothingToCompare, match="Revision 1 is the first draft"):
        default_against(first)


def test_a_position_carried_over_unchanged_is_one_snapshot_and_diffs_as_unchanged(revisions):
    first, second, _ = revisions
    # A dated position and a demand, changed in the second draft only: the one read as
    # text and parsed once per day, the other no part of the fingerprint.
    dated = Position.objects.filter(clause_version__revision=first).order_by("pk").first()
    Position.objects.filter(clause_version__revision__in=[first, second]).update(
        stated_on=datetime.date(2025, 11, 24)
    )
    later = Position.objects.get(
        clause_version__revision=second,
        clause_version__clause_id=dated.clause_version.clause_id,
        party_id=dated.party_id,
    )
    Position.objects.filter(pk=later.pk).update(demand="A timetable first.")

    result = revision_diff(old=first, new=second)

    expected = diff_of_versions(first, second, list(clause_versions_of([first, second])))
    assert repr(result) == repr(expected)
    assert gc.isenabled()  # the collector paused for the diff runs again
    shared = [
        party
        for clause in result.clauses
        for party in clause.parties
        if party.before is not None and party.before is party.after
    ]
    assert shared, "an unchanged position carried over is one snapshot on both sides"
    assert not any(party.changed for party in shared)
    assert {party.after.stated_on for party in shared} == {datetime.date(2025, 11, 24)}
    demanded = next(
        party
        for clause in result.clauses
        if clause.clause_id == dated.clause_version.clause_id
        for party in clause.parties
        if party.party_slug == dated.party.slug
    )
    assert demanded.demand_changed and demanded.changed
    assert demanded.before is not demanded.after
