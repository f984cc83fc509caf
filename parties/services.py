"""Writes of the parties app: each validates, runs in one transaction and records the
editor and the edit summary in history, as the clauses app's services do."""

from django.db import transaction

from core.saving import only_editable, save_new
from core.tracking import require_summary, save_edit
from parties.fields import PARTY
from parties.models import Party
from parties.signals import party_slug_changed


def party_create(*, values: dict, user, summary: str) -> Party:
    """A new party; ``values`` holds its fields by name."""
    require_summary(summary)
    only_editable(values, PARTY.editable)
    with transaction.atomic():
        return save_new(Party(**values), user=user, summary=summary)


def party_update(
    *, party: Party, expected_version: int, changes: dict, user, summary: str
) -> Party:
    """Change a party if nobody saved it since ``expected_version`` (else EditConflict)."""
    only_editable(changes, PARTY.editable)
    with transaction.atomic():
        saved = save_edit(
            party, expected_version=expected_version, changes=changes, user=user, summary=summary
        )
        if "slug" in changes:
            party_slug_changed.send(sender=Party, party=saved)
    return saved
