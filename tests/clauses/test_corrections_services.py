"""Corrections as services: withdraw and restore a revision, strike a clause out of a
revision and take it back, rename a clause. Each writes history and one event with who,
when, why, before and after, and keeps every fingerprint true (verify_fingerprints)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from clauses import selectors
from clauses.models import Clause, ClauseDeletion, Correction, FormerClauseSlug, Revision
from clauses.services import clause_version_add, revision_clone, revision_create
from clauses.services.corrections import (
    ALREADY_DELETED,
    NOT_IN_CONTINUED,
    NOTHING_CONTINUED,
    TITLE_REQUIRED,
    WITHDRAWAL_REASON_REQUIRED,
    WORDED_IN_REVISION,
    clause_deletion_add,
    clause_deletion_remove,
    clause_rename,
    revision_restore,
    revision_withdraw,
)
from clauses.services.fingerprints import fingerprints_refresh_all
from clauses.vocabularies import CorrectionKind, Coverage
from core.tracking import EditConflict
from tests.editing_helpers import make_plan

pytestmark = pytest.mark.django_db


def verified() -> None:
    """``manage.py verify_fingerprints`` passes (it raises CommandError otherwise)."""
    call_command("verify_fingerprints", verbosity=0)


@pytest.fixture
def chain(editor):
    """r1; r2 a copy of r1 (main line, current)."""
    plan = make_plan()
    fingerprints_refresh_all()  # the helper writes rows directly
    first = plan.revisions.get()
    second = revision_clone(source=first, user=editor, summary="Joint framework")
    return plan, first, second


@pytest.fixture
def partial(editor):
    """r1; r2 a partial report continuing r1 that words only the sovereignty clause."""
    plan = make_plan()
    fingerprints_refresh_all()  # the helper writes rows directly
    first = plan.revisions.get()
    second = revision_create(
        plan=plan, previous=first, user=editor, summary="Report", coverage=Coverage.PARTIAL
    )
    clause_version_add(
        revision=second,
        clause=plan.clauses.get(slug="sovereignty"),
        text="Sovereignty confirmed.",
        user=editor,
        summary="Point 1 as reported",
    )
    return plan, first, Revision.objects.get(pk=second.pk)


def fresh(record):
    return type(record).objects.get(pk=record.pk)


def test_withdrawing_the_current_revision_makes_the_main_line_fall_back(chain, editor):
    plan, first, second = chain
    before = fresh(second).fingerprint

    revision_withdraw(
        revision=second,
        expected_version=second.version,
        reason="Recorded twice",
        user=editor,
        summary="Duplicate of r1",
    )

    second = fresh(second)
    assert (second.withdrawn, second.withdrawal_reason) == (True, "Recorded twice")
    assert selectors.current_revision(plan=plan) == first
    assert selectors.current_among(list(selectors.revisions_of(plan=plan))) == first
    assert second.fingerprint != before
    event = Correction.objects.get()
    assert (event.kind, event.revision, event.recorded_by, event.summary) == (
        CorrectionKind.WITHDRAW,
        second,
        editor,
        "Duplicate of r1",
    )
    assert event.before == {"withdrawn": False, "current_revision": 2}
    assert event.after == {"withdrawn": True, "reason": "Recorded twice", "current_revision": 1}
    latest = second.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (editor, "Duplicate of r1")
    verified()


def test_restoring_brings_it_back_with_its_fingerprint(chain, editor):
    plan, first, second = chain
    original = fresh(second).fingerprint
    revision_withdraw(
        revision=second, expected_version=second.version, reason="Wrong", user=editor, summary="x"
    )
    second = fresh(second)

    revision_restore(revision=second, expected_version=second.version, user=editor, summary="ok")

    second = fresh(second)
    assert not second.withdrawn and second.withdrawal_reason == ""
    assert selectors.current_revision(plan=plan) == second
    assert second.fingerprint == original
    kinds = list(Correction.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [CorrectionKind.WITHDRAW, CorrectionKind.RESTORE]
    verified()


def test_a_withdrawal_needs_a_reason_and_a_fresh_version(chain, editor):
    _plan, _first, second = chain
    with pytest.raises(ValidationError) as refused:
        revision_withdraw(
            revision=second, expected_version=second.version, reason="  ", user=editor, summary="x"
        )
    assert refused.value.message_dict == {"reason": [WITHDRAWAL_REASON_REQUIRED]}
    with pytest.raises(EditConflict):
        revision_withdraw(
            revision=second,
            expected_version=second.version - 1 or 99,
            reason="r",
            user=editor,
            summary="x",
        )
    assert not fresh(second).withdrawn
    assert not Correction.objects.exists()


def test_a_revision_continuing_a_withdrawn_one_keeps_continuing_it(chain, editor):
    plan, first, second = chain
    third = revision_clone(source=second, user=editor, summary="Third draft")
    revision_withdraw(
        revision=second, expected_version=second.version, reason="Wrong", user=editor, summary="x"
    )
    third = fresh(third)
    assert third.previous == second and not third.branch
    assert selectors.current_revision(plan=plan) == third
    # A draft recorded now that continues the withdrawn revision is a branch.
    counter = revision_clone(source=fresh(second), user=editor, summary="Answer to r2")
    assert counter.branch
    verified()


def test_a_clause_of_the_previous_revision_is_struck_out(partial, editor):
    plan, _first, second = partial
    amnesty = plan.clauses.get(slug="amnesty")
    before = fresh(second).fingerprint

    deletion = clause_deletion_add(
        revision=second,
        clause=amnesty,
        note="Point 4 deleted",
        user=editor,
        summary="The report says point 4 was struck",
        expected_version=second.version,
    )

    assert (deletion.revision, deletion.clause, deletion.note) == (
        second,
        amnesty,
        "Point 4 deleted",
    )
    assert fresh(second).fingerprint != before
    event = Correction.objects.get()
    assert (event.kind, event.clause, event.revision) == (CorrectionKind.DELETE, amnesty, second)
    assert deletion.history.latest().history_user == editor
    verified()

    deletion = fresh(deletion)
    clause_deletion_remove(
        deletion=deletion, expected_version=deletion.version, user=editor, summary="Misread"
    )
    assert not ClauseDeletion.objects.exists()
    assert fresh(second).fingerprint == before
    assert Correction.objects.order_by("-pk").first().kind == CorrectionKind.UNDELETE
    verified()


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("sovereignty", WORDED_IN_REVISION),  # worded in r2
    ],
)
def test_a_clause_worded_in_the_revision_cannot_be_deleted_in_it(partial, editor, slug, message):
    plan, _first, second = partial
    clause = plan.clauses.get(slug=slug)
    with pytest.raises(ValidationError) as refused:
        clause_deletion_add(revision=second, clause=clause, user=editor, summary="x")
    assert refused.value.message_dict["clause"] == [
        message.format(title=clause.title, number=2, point="1")
    ]
    assert not ClauseDeletion.objects.exists() and not Correction.objects.exists()


def test_only_a_clause_of_the_continued_revision_and_only_once(partial, editor):
    plan, first, second = partial
    amnesty = plan.clauses.get(slug="amnesty")
    with pytest.raises(ValidationError) as refused:
        clause_deletion_add(revision=first, clause=amnesty, user=editor, summary="x")
    assert refused.value.message_dict["clause"] == [
        NOTHING_CONTINUED.format(title=amnesty.title, number=1)
    ]
    stranger = Clause.objects.create(plan=plan, slug="new", title="New", topic="military")
    with pytest.raises(ValidationError) as refused:
        clause_deletion_add(revision=second, clause=stranger, user=editor, summary="x")
    assert refused.value.message_dict["clause"] == [
        NOT_IN_CONTINUED.format(title="New", number=2, previous=1)
    ]
    clause_deletion_add(revision=second, clause=amnesty, user=editor, summary="x")
    with pytest.raises(ValidationError) as refused:
        clause_deletion_add(revision=second, clause=amnesty, user=editor, summary="x")
    assert refused.value.message_dict["clause"] == [
        ALREADY_DELETED.format(title=amnesty.title, number=2)
    ]


def test_renaming_moves_the_slug_and_keeps_the_old_one(chain, editor):
    plan, first, second = chain
    clause = plan.clauses.get(slug="amnesty")
    fingerprints = dict(plan.revisions.values_list("pk", "fingerprint"))

    renamed = clause_rename(
        clause=clause,
        expected_version=clause.version,
        title="General amnesty",
        user=editor,
        summary="The drafts call it a general amnesty",
    )

    assert (renamed.title, renamed.slug) == ("General amnesty", "general-amnesty")
    assert list(FormerClauseSlug.objects.values_list("slug", "clause")) == [("amnesty", clause.pk)]
    assert all(
        fingerprints[pk] != value for pk, value in plan.revisions.values_list("pk", "fingerprint")
    )
    event = Correction.objects.get()
    assert (event.kind, event.before, event.after) == (
        CorrectionKind.RENAME,
        {"title": "Amnesty", "slug": "amnesty"},
        {"title": "General amnesty", "slug": "general-amnesty"},
    )
    verified()

    # Renamed to a title whose slug another clause holds: the slug stays unique.
    renamed = clause_rename(
        clause=renamed,
        expected_version=renamed.version,
        title="Sovereignty",
        user=editor,
        summary="x",
    )
    assert renamed.slug == "sovereignty-2"
    assert set(FormerClauseSlug.objects.values_list("slug", flat=True)) == {
        "amnesty",
        "general-amnesty",
    }
    verified()


def test_a_new_clause_never_takes_a_renamed_clauses_former_slug(chain, editor, client):
    """A citation of the old address keeps leading to the renamed clause, however a new
    clause of the same name is added later (here by hand; paste and split make theirs the
    same way)."""
    plan, first, second = chain
    clause = plan.clauses.get(slug="amnesty")
    clause_rename(
        clause=clause,
        expected_version=clause.version,
        title="General amnesty",
        user=editor,
        summary="The drafts call it a general amnesty",
    )

    added = clause_version_add(
        revision=second,
        title="Amnesty",
        topic=clause.topic,
        text="An amnesty for the other side's soldiers.",
        user=editor,
        summary="A new point of its own",
    )

    assert added.clause.slug == "amnesty-2"
    response = client.get("/plans/framework/clauses/amnesty/")
    assert response.status_code == 301
    assert response["Location"] == "/plans/framework/clauses/general-amnesty/"


def test_renaming_back_takes_the_old_slug_back(chain, editor):
    plan, *_ = chain
    clause = plan.clauses.get(slug="amnesty")
    clause = clause_rename(
        clause=clause, expected_version=clause.version, title="Pardon", user=editor, summary="x"
    )
    clause = clause_rename(
        clause=clause, expected_version=clause.version, title="Amnesty", user=editor, summary="y"
    )
    assert clause.slug == "amnesty"
    assert list(FormerClauseSlug.objects.values_list("slug", flat=True)) == ["pardon"]
    verified()


def test_renaming_to_an_empty_title_is_refused(chain, editor):
    plan, *_ = chain
    clause = plan.clauses.get(slug="amnesty")
    with pytest.raises(ValidationError) as refused:
        clause_rename(
            clause=clause, expected_version=clause.version, title=" ", user=editor, summary="x"
        )
    assert refused.value.message_dict == {"title": [TITLE_REQUIRED]}
    assert fresh(clause).slug == "amnesty" and not FormerClauseSlug.objects.exists()
