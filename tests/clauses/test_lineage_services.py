"""Re-link, split and merge: the correction services, their refusals, their events and
the fingerprints they keep true."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from clauses.models import Clause, ClauseLineage, ClauseVersion, Correction, Position, Revision
from clauses.services import lineage as services
from clauses.services import revision_clone
from clauses.services.fingerprints import fingerprints_refresh_all
from clauses.services.lineage import NewClausePoint
from clauses.vocabularies import CorrectionKind, LineageKind
from core.tracking import SUMMARY_REQUIRED, EditConflict
from tests.editing_helpers import make_plan
from tests.factories import ClauseFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(editor):
    """The four-clause plan with a second revision cloned from the first."""
    plan = make_plan()
    revision_clone(source=plan.revisions.get(number=1), user=editor, summary="Next draft")
    fingerprints_refresh_all()
    return plan


def remove(plan, slug: str, number: int) -> None:
    """Take a clause out of a revision behind the services' back (then refresh)."""
    gone = version(plan, slug, number)
    Position.objects.filter(clause_version=gone).delete()
    gone.delete()
    fingerprints_refresh_all()


def version(plan, slug: str, number: int) -> ClauseVersion:
    return ClauseVersion.objects.get(clause__plan=plan, clause__slug=slug, revision__number=number)


def revision(plan, number: int) -> Revision:
    return Revision.objects.get(plan=plan, number=number)


def fingerprint(plan, number: int) -> str:
    return revision(plan, number).fingerprint


# Re-link.


def test_relink_moves_a_point_and_its_positions_to_another_clause(plan, editor):
    amnesty = version(plan, "amnesty", 2)
    positions = set(amnesty.positions.values_list("pk", flat=True))
    before = fingerprint(plan, 2)

    moved = services.clause_version_relink(
        clause_version=amnesty,
        expected_version=amnesty.version,
        new_title="Amnesty and prisoner exchange",
        user=editor,
        summary="Point 4 belongs to a clause of its own",
    )

    new_clause = Clause.objects.get(plan=plan, title="Amnesty and prisoner exchange")
    assert moved.clause == new_clause
    assert new_clause.topic == Clause.objects.get(slug="amnesty").topic
    assert set(Position.objects.filter(clause_version=moved).values_list("pk", flat=True)) == (
        positions
    )
    assert not ClauseVersion.objects.filter(clause__slug="amnesty", revision__number=2).exists()
    event = Correction.objects.get(kind=CorrectionKind.RELINK)
    assert event.before["clause"] == "amnesty"
    assert event.after["clause"] == new_clause.slug
    assert event.recorded_by == editor
    assert moved.history.first().history_change_reason == "Point 4 belongs to a clause of its own"
    assert fingerprint(plan, 2) != before
    call_command("verify_fingerprints")


def test_relink_to_an_existing_clause_without_a_version_in_the_revision(plan, editor):
    spare = ClauseFactory(plan=plan, slug="prisoners", title="Prisoners")
    amnesty = version(plan, "amnesty", 2)

    services.clause_version_relink(
        clause_version=amnesty,
        expected_version=amnesty.version,
        clause=spare,
        user=editor,
        summary="Recorded against the wrong clause",
    )

    assert version(plan, "prisoners", 2).pk == amnesty.pk
    assert version(plan, "amnesty", 1)  # the first revision keeps its own point
    call_command("verify_fingerprints")


def test_relink_refuses_a_clause_that_has_a_version_in_the_revision(plan, editor):
    amnesty = version(plan, "amnesty", 2)
    sovereignty = Clause.objects.get(slug="sovereignty")

    with pytest.raises(ValidationError) as refused:
        services.clause_version_relink(
            clause_version=amnesty,
            expected_version=amnesty.version,
            clause=sovereignty,
            user=editor,
            summary="x",
        )

    message = refused.value.message_dict["clause"][0]
    assert "already has a version in revision 2 (point 1)" in message
    assert version(plan, "amnesty", 2).clause.slug == "amnesty"
    assert not Correction.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({}, "clause", "Choose the clause"),
        ({"new_title": "X", "clause": "other-plan"}, "clause", "not both"),
        ({"clause": "other-plan"}, "clause", "clause of another plan"),
        ({"clause": "amnesty"}, "clause", "already recorded against"),
    ],
)
def test_relink_refuses_bad_targets_by_name(plan, editor, arguments, field, words):
    other = ClauseFactory(plan=PlanFactory(slug="elsewhere"), slug="other-plan")
    amnesty = version(plan, "amnesty", 2)
    if "clause" in arguments:
        slug = arguments["clause"]
        arguments["clause"] = other if slug == "other-plan" else Clause.objects.get(slug=slug)

    with pytest.raises(ValidationError) as refused:
        services.clause_version_relink(
            clause_version=amnesty,
            expected_version=amnesty.version,
            user=editor,
            summary="x",
            **arguments,
        )

    assert words in refused.value.message_dict[field][0]


def test_relink_needs_a_summary_and_a_fresh_version(plan, editor):
    amnesty = version(plan, "amnesty", 2)
    with pytest.raises(ValidationError) as refused:
        services.clause_version_relink(
            clause_version=amnesty, expected_version=amnesty.version, new_title="A", user=editor,
            summary=" ",
        )  # fmt: skip
    assert refused.value.message_dict["summary"] == [SUMMARY_REQUIRED]
    with pytest.raises(EditConflict):
        services.clause_version_relink(
            clause_version=amnesty, expected_version=amnesty.version + 1, new_title="A",
            user=editor, summary="x",
        )  # fmt: skip
    assert not Clause.objects.filter(title="A").exists()


# Split.


def split_army(plan, editor, **extra):
    second = revision(plan, 2)
    return services.clause_split(
        revision=second,
        expected_version=second.version,
        predecessor=Clause.objects.get(slug="army-size"),
        user=editor,
        summary="Point 2 is two points in the new draft",
        **extra,
    )


def test_a_split_into_two_new_points_writes_lineage_and_copies_chosen_positions(plan, editor):
    ukraine = Position.objects.filter(party__slug="ukraine").first().party
    before = fingerprint(plan, 2)

    successors = split_army(
        plan,
        editor,
        new_successors=[
            NewClausePoint(number="2a", title="Army in peacetime", text="Capped at 800,000."),
            NewClausePoint(number="2b", title="Army reserves", text="Reserves unlimited."),
        ],
        copy_positions_of=[ukraine.pk],
    )

    # The clause continues in r2 (it was cloned): it is the first of its successors.
    assert [v.number for v in successors] == ["2", "2a", "2b"]
    strands = ClauseLineage.objects.filter(revision__number=2)
    assert {(s.predecessor.slug, s.successor.title, s.kind) for s in strands} == {
        ("army-size", "Army in peacetime", LineageKind.SPLIT),
        ("army-size", "Army reserves", LineageKind.SPLIT),
    }
    for new in successors[1:]:
        copied = list(new.positions.all())
        assert [(p.party.slug, p.carried_over) for p in copied] == [("ukraine", True)]
    assert Correction.objects.get(kind=CorrectionKind.SPLIT).after["positions_copied"] == [
        "ukraine"
    ]
    assert fingerprint(plan, 2) != before
    call_command("verify_fingerprints")


def test_a_split_of_a_clause_gone_from_the_revision_into_existing_points(plan, editor):
    second = revision(plan, 2)
    remove(plan, "army-size", 2)
    a = ClauseFactory(plan=plan, slug="army-a", title="Army A")
    b = ClauseFactory(plan=plan, slug="army-b", title="Army B")
    va = ClauseVersion.objects.create(revision=second, clause=a, number="7", position_in_draft=7)
    vb = ClauseVersion.objects.create(revision=second, clause=b, number="8", position_in_draft=8)

    successors = split_army(plan, editor, successors=[va, vb])

    assert [v.pk for v in successors] == [va.pk, vb.pk]
    assert not Position.objects.filter(clause_version__in=[va, vb]).exists()


@pytest.mark.parametrize(
    ("case", "field", "words"),
    [
        ("one successor", "successors", "two successors at least"),
        ("other plan", "predecessor", "clause of another plan"),
        ("not in previous", "predecessor", "is not a clause of revision 1"),
        ("successor of another revision", "successors", "is not a clause version of revision 2"),
        ("successor continues another", "successors", "continues a clause of revision 1"),
    ],
)
def test_a_split_is_refused_with_a_message_naming_the_field(plan, editor, case, field, words):
    second = revision(plan, 2)
    predecessor = Clause.objects.get(slug="army-size")
    successors = []
    if case == "other plan":
        predecessor = ClauseFactory(plan=PlanFactory(slug="elsewhere"))
    elif case == "not in previous":
        predecessor = ClauseFactory(plan=plan, slug="late")
    elif case == "successor of another revision":
        successors = [version(plan, "amnesty", 1)]
    elif case == "successor continues another":
        successors = [version(plan, "amnesty", 2)]

    with pytest.raises(ValidationError) as refused:
        services.clause_split(
            revision=second,
            expected_version=second.version,
            predecessor=predecessor,
            successors=successors,
            user=editor,
            summary="x",
        )

    assert words in refused.value.message_dict[field][0]
    assert not ClauseLineage.objects.exists()
    assert not Correction.objects.exists()


def test_a_first_revision_cannot_split_and_a_stale_revision_is_a_conflict(plan, editor):
    first = revision(plan, 1)
    with pytest.raises(ValidationError) as refused:
        services.clause_split(
            revision=first, expected_version=first.version,
            predecessor=Clause.objects.get(slug="army-size"), user=editor, summary="x",
        )  # fmt: skip
    assert "continues no earlier revision" in refused.value.message_dict["revision"][0]
    second = revision(plan, 2)
    with pytest.raises(EditConflict):
        services.clause_split(
            revision=second, expected_version=second.version + 1,
            predecessor=Clause.objects.get(slug="army-size"),
            new_successors=[NewClausePoint("2a", "A", "a")], user=editor, summary="x",
        )  # fmt: skip
    assert not Clause.objects.filter(title="A").exists()


def test_a_clause_splits_once_per_revision(plan, editor):
    split_army(plan, editor, new_successors=[NewClausePoint("2a", "A", "a")])
    with pytest.raises(ValidationError) as refused:
        split_army(plan, editor, new_successors=[NewClausePoint("2b", "B", "b")])
    assert "already split or merged in revision 2" in refused.value.message_dict["predecessor"][0]


def test_a_new_point_with_a_number_taken_is_refused_and_nothing_is_written(plan, editor):
    with pytest.raises(ValidationError) as refused:
        split_army(plan, editor, new_successors=[NewClausePoint("3", "A", "a")])
    assert "already numbered" in refused.value.message_dict["new_successors"][0]
    assert not Clause.objects.filter(title="A").exists()


# Merge.


def merge_into_army(plan, editor, slugs=("army-size", "amnesty"), **extra):
    second = revision(plan, 2)
    arguments = extra or {"successor": version(plan, "army-size", 2)}
    return services.clause_merge(
        revision=second,
        expected_version=second.version,
        predecessors=[Clause.objects.get(slug=slug) for slug in slugs],
        user=editor,
        summary="Points 2 and 4 are one point now",
        **arguments,
    )


def test_a_merge_into_a_continuing_clause(plan, editor):
    remove(plan, "amnesty", 2)
    before = fingerprint(plan, 2)

    merged = merge_into_army(plan, editor)

    assert merged.clause.slug == "army-size"
    strand = ClauseLineage.objects.get()
    assert (strand.predecessor.slug, strand.successor.slug, strand.kind) == (
        "amnesty",
        "army-size",
        LineageKind.MERGE,
    )
    assert Correction.objects.get(kind=CorrectionKind.MERGE).clause.slug == "army-size"
    assert fingerprint(plan, 2) != before
    call_command("verify_fingerprints")


def test_a_merge_into_a_new_point(plan, editor):
    for slug in ("army-size", "amnesty"):
        remove(plan, slug, 2)

    merged = merge_into_army(
        plan, editor, successor=None, new_successor=NewClausePoint("9", "Army and amnesty", "t")
    )

    assert merged.clause.title == "Army and amnesty"
    assert ClauseLineage.objects.count() == 2


@pytest.mark.parametrize(
    ("slugs", "field", "words"),
    [
        (("army-size",), "predecessors", "two clauses of revision 1 at least"),
        (("army-size", "army-size"), "predecessors", "two clauses of revision 1 at least"),
        (("army-size", "amnesty"), "predecessors", "still has a version in revision 2"),
    ],
)
def test_a_merge_is_refused_with_a_message_naming_the_field(plan, editor, slugs, field, words):
    with pytest.raises(ValidationError) as refused:
        merge_into_army(plan, editor, slugs=slugs)
    assert words in refused.value.message_dict[field][0]
    assert not ClauseLineage.objects.exists()
