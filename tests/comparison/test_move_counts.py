"""One counting rule for stance moves (clauses/moves.py): the revisions timeline, the diff,
compare, the feeds and the changes-since page count the same moves on the same plan.

The plan is generated (generator/plans.py) and continued by one more draft in which an
editor records the awkward cases by hand: a stance read anew from the same quote (a
reinterpretation, no move), a stance that becomes unknown (no move), and a real move."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from clauses.models import Position, Revision
from clauses.moves import AWAY, TOWARD, UNCHANGED, UNKNOWN, is_move, stance_direction
from clauses.selectors import revision_change_counts
from clauses.selectors.changes import plan_changes
from clauses.services import position_save, revision_clone
from clauses.vocabularies import ORDINAL, Stance
from comparison.selectors.diffs import revision_diff
from generator.plans import generate_plan
from parties.models import Party
from publishing.selectors.feeds import party_stance_moves, plan_revision_entries

# The rule itself, on plain strings.


@pytest.mark.parametrize(
    ("before", "after", "quotes", "expected"),
    [
        (Stance.OPPOSES, Stance.SUPPORTS, ("", ""), TOWARD),
        (Stance.SUPPORTS, Stance.RED_LINE, ("a", "b"), AWAY),
        (Stance.SUPPORTS, Stance.SUPPORTS, ("a", "a"), UNCHANGED),
        # One quote read two ways is a reinterpretation, not a move the source records.
        (Stance.OPPOSES, Stance.SUPPORTS, ("same words", "same words"), UNKNOWN),
        # Unknown (or no position) is never counted as 0: no move to or from it.
        (Stance.UNKNOWN, Stance.SUPPORTS, ("", ""), UNKNOWN),
        (Stance.SUPPORTS, Stance.UNKNOWN, ("", ""), UNKNOWN),
        (None, Stance.SUPPORTS, ("", ""), UNKNOWN),
        (Stance.SUPPORTS, None, ("", ""), UNKNOWN),
        ("not-a-stance", Stance.SUPPORTS, ("", ""), UNKNOWN),
    ],
)
def test_the_rule(before, after, quotes, expected):
    assert stance_direction(before, after, *quotes) == expected
    assert is_move(before, after, *quotes) == (expected in (TOWARD, AWAY))


# Every count of moves, on one plan.


@pytest.fixture
def counted(db, editor):
    """A generated plan (3 revisions), then r4 cloned from r3 with three edits."""
    plan = generate_plan(clauses=20, parties=3, revisions=3, seed=7, slug="counted").plan
    third = plan.revisions.get(number=3)
    fourth = revision_clone(source=third, user=editor, summary="Draft 4")
    known = [s for s, v in ORDINAL.items() if v is not None]
    positions = list(
        Position.objects.filter(clause_version__revision=fourth)
        .exclude(stance=Stance.UNKNOWN)
        .select_related("party", "clause_version")
        .order_by("pk")
    )
    quoted = next(p for p in positions if p.quote)
    plain = next(p for p in positions if p is not quoted and p.party_id != quoted.party_id)
    silenced = next(p for p in positions if p not in (quoted, plain))

    def other(stance):
        return next(s for s in known if s != stance)

    for position, stance, words in (
        (quoted, other(quoted.stance), "Reads the same statement anew."),
        (plain, other(plain.stance), "A new statement."),
        (silenced, Stance.UNKNOWN, "No longer says."),
    ):
        values = {"stance": stance}
        if position is plain:
            values["quote"] = "Fresh words from a new interview."
        position_save(
            clause_version=position.clause_version,
            party=position.party,
            expected_version=position.version,
            values=values,
            user=editor,
            summary=words,
        )
    return plan


def _diff_moves(plan) -> dict[int, dict[str, int]]:
    """Per revision number: each party's moves in the diff against what it continues."""
    found = {}
    for revision in plan.revisions.exclude(previous=None).select_related("previous"):
        totals = revision_diff(old=revision.previous, new=revision).totals
        found[revision.number] = {p.party_slug: p.moved for p in totals.parties if p.moved}
    return found


def test_timeline_diff_compare_feeds_and_changes_count_the_same_moves(counted, client):
    plan = counted
    by_diff = _diff_moves(plan)
    assert by_diff[4] and all(by_diff[n] for n in (2, 3))  # moves in every draft

    # The timeline (clauses/selectors/plans.py), per revision.
    numbers = dict(plan.revisions.values_list("pk", "number"))
    timeline = {numbers[pk]: c.moved for pk, c in revision_change_counts(plan=plan).items()}
    assert timeline == {n: sum(moves.values()) for n, moves in by_diff.items()}

    # The timeline page says so, and the diff page's header agrees.
    page = client.get(reverse("clauses:revisions", kwargs={"plan": plan.slug})).content.decode()
    assert f"{timeline[4]} stance{'s' if timeline[4] != 1 else ''} moved" in page

    # Compare, any two revisions (here the neighbours, by URL).
    for number, moves in by_diff.items():
        response = client.get(
            reverse("clauses:compare", kwargs={"plan": plan.slug, "a": number - 1, "b": number})
        )
        totals = response.context["diff"].totals
        assert {p.party_slug: p.moved for p in totals.parties if p.moved} == moves

    # The convergence chart's download, per main-line revision.
    rows = client.get(reverse("clauses:convergence_csv", kwargs={"plan": plan.slug}))
    convergence = {
        int(row["revision"]): int(row["moved"])
        for row in csv.DictReader(io.StringIO(b"".join(rows.streaming_content).decode("utf-8-sig")))
    }
    assert convergence == {1: 0} | {n: sum(m.values()) for n, m in by_diff.items()}

    # The plan feed's entries carry the diff's totals.
    for entry in plan_revision_entries(plan=plan):
        if entry.totals is not None:
            moved = {p.party_slug: p.moved for p in entry.totals.parties if p.moved}
            assert moved == by_diff[entry.revision.number]

    # The party feeds: each move recorded in a revision's history, by the same rule.
    for party in Party.objects.filter(positions__clause_version__revision__plan=plan).distinct():
        per_revision: dict[int, int] = {}
        for move in party_stance_moves(party=party):
            if move.moved:
                per_revision[move.revision] = per_revision.get(move.revision, 0) + 1
        expected = {n: m[party.slug] for n, m in by_diff.items() if m.get(party.slug)}
        assert per_revision == expected, party.slug

    # Changes since the first day: the same moves, per revision.
    changes = plan_changes(plan=plan, since=datetime.date(2000, 1, 1))
    per_revision = {}
    for clause in changes.clauses:
        for record in clause.records:
            if record.kind == "move":
                per_revision[record.revision] = per_revision.get(record.revision, 0) + 1
    assert per_revision == {n: sum(m.values()) for n, m in by_diff.items() if m}

    # Since r3's day: r3's moves still compare with r2's stances, recorded before that day.
    third_day = plan.revisions.get(number=3).published_on
    changes = plan_changes(plan=plan, since=third_day)
    per_revision = {}
    for clause in changes.clauses:
        for record in clause.records:
            if record.kind == "move":
                per_revision[record.revision] = per_revision.get(record.revision, 0) + 1
    assert per_revision == {n: sum(m.values()) for n, m in by_diff.items() if m and n >= 3}


def test_a_reinterpretation_and_a_stance_gone_unknown_are_no_moves(counted):
    plan = counted
    fourth = plan.revisions.get(number=4)
    totals = revision_diff(old=fourth.previous, new=fourth).totals
    assert sum(p.moved for p in totals.parties) == 1
    (changes,) = [c for pk, c in revision_change_counts(plan=plan).items() if pk == fourth.pk]
    assert changes.moved == 1


def test_a_diff_where_nothing_changed_shows_no_empty_sections(counted, client, editor):
    plan = counted
    fifth = revision_clone(
        source=plan.revisions.get(number=4), user=editor, summary="Draft 5, unchanged"
    )
    page = client.get(
        reverse("clauses:revision_diff", kwargs={"plan": plan.slug, "number": fifth.number})
    ).content.decode()
    assert "Changed, by topic" not in page
    assert Revision.objects.get(pk=fifth.pk).previous.number == 4
