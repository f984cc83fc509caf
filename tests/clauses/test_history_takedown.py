"""A legal takedown is the one way to remove a record with history: it names the reason,
removes the record's history with it, and leaves an append-only audit row."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from clauses.models import ClauseVersion, HistoryTakedown, Plan, Position, Revision
from clauses.services.takedowns import REASON_REQUIRED
from core.append_only import GUARD_MESSAGE
from tests.factories import PositionFactory

pytestmark = pytest.mark.django_db


def test_takedown_removes_the_record_and_its_history_and_audits_it():
    position = PositionFactory(summary="A name that a court ordered removed")
    position.summary = "Still the name"
    position.save()
    kept = PositionFactory(clause_version=position.clause_version)

    call_command(
        "history_takedown",
        "clauses.position",
        str(position.pk),
        reason="Court order 2026/118",
        operator="records officer",
    )

    assert not Position.objects.filter(pk=position.pk).exists()
    assert not Position.history.filter(id=position.pk).exists()
    assert Position.history.filter(id=kept.pk).count() == 1
    audit = HistoryTakedown.objects.get()
    assert (audit.model, audit.object_id, audit.reason, audit.operator) == (
        "clauses.position",
        str(position.pk),
        "Court order 2026/118",
        "records officer",
    )
    assert audit.history_rows_removed == 3  # created, changed, and the delete's own row


def test_takedown_needs_a_reason(monkeypatch):
    position = PositionFactory()
    monkeypatch.setattr("builtins.input", lambda prompt: "  ")

    with pytest.raises(CommandError, match=re.escape(REASON_REQUIRED)):
        call_command("history_takedown", "clauses.position", str(position.pk))

    assert Position.history.filter(id=position.pk).count() == 1


def test_takedown_refuses_a_record_others_depend_on():
    position = PositionFactory()

    with pytest.raises(CommandError, match="take those down first"):
        call_command(
            "history_takedown",
            "clauses.clauseversion",
            str(position.clause_version_id),
            reason="x",
        )
    assert ClauseVersion.objects.filter(pk=position.clause_version_id).exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["clauses.nothing", "1"], "No tracked model"),
        (["clauses.position", "x"], "No clauses.position"),
    ],
)
def test_takedown_names_what_it_cannot_find(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("history_takedown", *args, reason="x")


def test_the_audit_rows_are_append_only():
    position = PositionFactory()
    call_command("history_takedown", "clauses.position", str(position.pk), reason="x")

    with (
        pytest.raises(DatabaseError, match=GUARD_MESSAGE),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE clauses_historytakedown SET reason = 'nothing happened'")


def test_nothing_with_history_is_deleted_by_cascade():
    position = PositionFactory()
    version = position.clause_version
    revision = version.revision

    for record in (revision.plan, revision, version.clause, version):
        with pytest.raises(ProtectedError), transaction.atomic():
            record.delete()

    assert Plan.objects.count() == Revision.objects.count() == Position.objects.count() == 1


def test_staff_read_the_audit_in_the_admin_and_cannot_change_it(staff_client):
    position = PositionFactory()
    call_command("history_takedown", "clauses.position", str(position.pk), reason="Court order")
    audit = HistoryTakedown.objects.get()

    listing = staff_client.get("/admin/clauses/historytakedown/")
    delete = staff_client.post(
        f"/admin/clauses/historytakedown/{audit.pk}/delete/", {"post": "yes"}
    )

    assert "Court order" in listing.content.decode()
    assert delete.status_code == 403
    assert HistoryTakedown.objects.filter(pk=audit.pk).exists()
