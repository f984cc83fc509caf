"""Cloning a revision: everything copied, positions carried over, history with the editor."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from clauses.models import ClauseVersion, Position, Revision
from clauses.services import revision_clone, revisions
from clauses.services.revisions import POSITION_COPIED
from clauses.vocabularies import ClauseStatus
from core.tracking import SUMMARY_REQUIRED
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

    monkeypatch.setattr(revisions, "clone_positions", fail)
    with pytest.raises(IntegrityError):
        revision_clone(source=plan.revisions.get(), user=editor, summary="Next draft")

    assert [m.objects.count() for m in tables] + [m.history.count() for m in tables] == before


def test_clone_copies_every_field_and_starts_each_copy_at_version_one(editor):
    plan = build_plan(clauses=3, parties=2, revisions=1)
    source = plan.revisions.get()
    edited = Position.objects.filter(clause_version__revision=source).first()
    edited.quote, edited.stated_on, edited.source_url = "In their words.", date(2025, 3, 1), ""
    edited.save()  # now at version 2, which the copy does not take over
    ClauseVersion.objects.filter(revision=source).update(version=3, status=ClauseStatus.AGREED)

    clone = revision_clone(source=source, user=editor, summary="Next draft")

    position_fields = ("party_id", *POSITION_COPIED)
    old = Position.objects.filter(clause_version__revision=source)
    new = Position.objects.filter(clause_version__revision=clone)
    assert sorted(new.values_list("clause_version__clause_id", *position_fields)) == sorted(
        old.values_list("clause_version__clause_id", *position_fields)
    )
    assert set(new.values_list("version", "carried_over")) == {(1, True)}
    assert set(clone.clause_versions.values_list("version", "status")) == {(1, ClauseStatus.AGREED)}
    # Each position sits on the clone's version of its own clause.
    assert not new.exclude(clause_version__revision=clone).exists()


def test_clone_history_rows_hold_every_field_of_their_row(editor):
    plan = build_plan(clauses=3, parties=2, revisions=1)
    before = timezone.now()
    clone = revision_clone(source=plan.revisions.get(), user=editor, summary="Draft 2 arrived")

    for model, rows in (
        (ClauseVersion, clone.clause_versions.all()),
        (Position, Position.objects.filter(clause_version__revision=clone)),
    ):
        names = [field.attname for field in model._meta.concrete_fields]
        live = {row[0]: row for row in rows.values_list(*names)}
        history = model.history.filter(id__in=live)
        assert {row[0]: row for row in history.values_list(*names)} == live
        assert all(before <= row.history_date <= timezone.now() for row in history)
