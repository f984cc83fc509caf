"""Cloning a revision: everything copied, positions carried over, history with the editor."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from clauses.models import ClauseVersion, Position, Revision
from clauses.services import revision_clone, revisions
from clauses.versioning import SUMMARY_REQUIRED
from tests.factories import PositionFactory, RevisionFactory, build_plan

pytestmark = pytest.mark.django_db


def test_clone_copies_clause_versions_and_positions_carried_over(editor):
    plan = build_plan(clauses=4, parties=3, revisions=2)
    source = plan.revisions.get(number=2)

    clone = revision_clone(source=source, user=editor, summary="Draft 3 arrived", label="Draft 3")

    assert (clone.number, clone.previous, clone.label) == (3, source, "Draft 3")
    old = {
        (v.clause_id, v.number, v.position_in_draft, v.text, v.status)
        for v in source.clause_versions.all()
    }
    new = {
        (v.clause_id, v.number, v.position_in_draft, v.text, v.status)
        for v in clone.clause_versions.all()
    }
    assert new == old and len(new) == 4
    fields = ("clause_version__clause_id", "party_id", "stance", "summary", "source_title")
    old_positions = set(
        Position.objects.filter(clause_version__revision=source).values_list(*fields)
    )
    new_positions = Position.objects.filter(clause_version__revision=clone)
    assert set(new_positions.values_list(*fields)) == old_positions
    assert len(old_positions) == 12
    assert all(p.carried_over for p in new_positions)


def test_clone_writes_history_with_the_editor_and_summary(editor):
    plan = build_plan(clauses=3, parties=2, revisions=1)
    clone = revision_clone(source=plan.revisions.get(), user=editor, summary="Draft 2 arrived")

    new_versions = list(clone.clause_versions.values_list("pk", flat=True))
    for rows in (
        Revision.history.filter(id=clone.pk),
        ClauseVersion.history.filter(revision_id=clone.pk),
        Position.history.filter(clause_version_id__in=new_versions),
    ):
        assert rows.exists()
        assert {(r.history_user, r.history_change_reason, r.history_type) for r in rows} == {
            (editor, "Draft 2 arrived", "+")
        }
    assert ClauseVersion.history.filter(revision_id=clone.pk).count() == 3
    assert Position.history.count() == 6


def test_clone_continuing_an_earlier_revision(editor):
    plan = build_plan(clauses=2, parties=1, revisions=3)
    first, third = plan.revisions.get(number=1), plan.revisions.get(number=3)

    clone = revision_clone(source=third, previous=first, user=editor, summary="Counter-proposal")

    assert (clone.number, clone.previous) == (4, first)
    assert clone.clause_versions.count() == 2


def test_clone_refuses_a_previous_of_another_plan(editor):
    plan = build_plan(clauses=2, parties=1, revisions=1)
    other = RevisionFactory()

    with pytest.raises(ValidationError) as raised:
        revision_clone(source=plan.revisions.get(), previous=other, user=editor, summary="x")

    assert "previous" in raised.value.message_dict
    assert Revision.objects.count() == 2


def test_clone_without_summary_writes_nothing(editor):
    position = PositionFactory()

    with pytest.raises(ValidationError) as raised:
        revision_clone(source=position.clause_version.revision, user=editor, summary="  ")

    assert raised.value.message_dict == {"summary": [SUMMARY_REQUIRED]}
    assert Revision.objects.count() == 1


def test_a_clone_that_fails_midway_leaves_the_database_unchanged(editor, monkeypatch):
    plan = build_plan(clauses=3, parties=2, revisions=1)
    tables = (Revision, ClauseVersion, Position)
    before = [m.objects.count() for m in tables] + [m.history.count() for m in tables]

    def fail(**kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(revisions, "copy_positions", fail)
    with pytest.raises(IntegrityError):
        revision_clone(source=plan.revisions.get(), user=editor, summary="Next draft")

    assert [m.objects.count() for m in tables] + [m.history.count() for m in tables] == before
