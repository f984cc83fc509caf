"""Writes of the parties app: each validates, runs in one transaction and records the
editor and the edit summary in history, as the clauses app's services do."""

from django.db import transaction

from clauses.selectors.fingerprints import revisions_with_positions_of
from clauses.services.fingerprints import fingerprints_refresh
from clauses.services.saving import only_editable, save_new
from clauses.tracking import require_summary, save_edit

from .models import Party

PARTY_EDITABLE = ("slug", "name", "short_name", "kind", "color", "sort_order", "description")


def party_create(*, values: dict, user, summary: str) -> Party:
    """A new party; ``values`` holds its fields by name."""
    require_summary(summary)
    only_editable(values, PARTY_EDITABLE)
    with transaction.atomic():
        return save_new(Party(**values), user=user, summary=summary)


def party_update(
    *, party: Party, expected_version: int, changes: dict, user, summary: str
) -> Party:
    """Change a party if nobody saved it since ``expected_version`` (else EditConflict)."""
    only_editable(changes, PARTY_EDITABLE)
    with transaction.atomic():
        saved = save_edit(
            party, expected_version=expected_version, changes=changes, user=user, summary=summary
        )
        if "slug" in changes:
            # Positions name their party by slug in every revision's fingerprint.
            fingerprints_refresh(revision_ids=revisions_with_positions_of(saved))
    return saved
