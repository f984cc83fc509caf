"""Every write leaves history: who, when, what and why; a save that changes nothing, none."""

import pytest

from clauses.models import Position
from clauses.vocabularies import Stance
from core.tracking import SUMMARY_REQUIRED, EditConflict, save_edit
from tests.factories import PartyFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_history_records_the_user_and_the_edit_summary(editor):
    position = PositionFactory(stance=Stance.OPPOSES)
    position.stance = Stance.CONDITIONAL
    position._change_reason = "Kyiv softened its position in the briefing"
    position._history_user = editor
    position.save()

    latest = position.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Kyiv softened its position in the briefing"
    assert latest.stance == Stance.CONDITIONAL
    assert latest.history_type == "~"


def test_a_save_that_changes_nothing_writes_no_history_row():
    position = PositionFactory()
    reloaded = Position.objects.get(pk=position.pk)
    before = reloaded.history.count()
    reloaded.save()
    reloaded.save()
    assert reloaded.history.count() == before
    assert Position.objects.get(pk=position.pk).version == 1


def test_a_real_change_bumps_the_version_once_per_save():
    position = Position.objects.get(pk=PositionFactory().pk)
    position.summary = "Changed."
    position.save()
    position.save()  # nothing new
    assert Position.objects.get(pk=position.pk).version == 2
    assert position.history.count() == 2  # created, changed


def test_party_edits_leave_history_too():
    party = PartyFactory(name="European partners")
    party.short_name = "EU"
    party.save()
    assert [h.history_type for h in party.history.all()] == ["~", "+"]


def test_save_edit_records_user_and_summary(editor):
    position = PositionFactory(stance=Stance.OPPOSES)
    saved = save_edit(
        position,
        expected_version=1,
        changes={"stance": Stance.SUPPORTS},
        user=editor,
        summary="Reconfirmed in the joint statement",
    )
    assert saved.version == 2
    latest = saved.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        editor,
        "Reconfirmed in the joint statement",
    )


def test_save_edit_refuses_a_stale_version_and_writes_nothing(editor, second_editor):
    position = PositionFactory(summary="Original.")
    save_edit(position, expected_version=1, changes={"summary": "First."}, user=editor, summary="a")
    with pytest.raises(EditConflict) as conflict:
        save_edit(
            position,
            expected_version=1,
            changes={"summary": "Second."},
            user=second_editor,
            summary="b",
        )
    assert conflict.value.current.summary == "First."
    assert Position.objects.get(pk=position.pk).summary == "First."


def test_save_edit_requires_a_summary(editor):
    from django.core.exceptions import ValidationError

    position = PositionFactory()
    with pytest.raises(ValidationError) as error:
        save_edit(position, expected_version=1, changes={"summary": "x"}, user=editor, summary=" ")
    assert error.value.message_dict["summary"] == [SUMMARY_REQUIRED]


def test_save_edit_validates_and_writes_nothing_on_bad_values(editor):
    from django.core.exceptions import ValidationError

    position = PositionFactory()
    with pytest.raises(ValidationError) as error:
        save_edit(
            position, expected_version=1, changes={"stance": "elated"}, user=editor, summary="x"
        )
    assert "stance" in error.value.message_dict
    assert Position.objects.get(pk=position.pk).stance == Stance.SUPPORTS


def test_a_partial_save_still_bumps_the_version():
    position = Position.objects.get(pk=PositionFactory().pk)
    position.summary = "Only the summary."
    position.save(update_fields=["summary"])
    stored = Position.objects.get(pk=position.pk)
    assert (stored.summary, stored.version) == ("Only the summary.", 2)
