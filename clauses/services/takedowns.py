"""The one way to remove something from the record: a legal takedown, audited.

History is append-only (``core.append_only``); a takedown lifts the guard for its own
transaction only, removes the record and every history row of it, and writes an audit row
saying what was removed, by whom and why. Records that others depend on (a clause version
with positions, a revision with clause versions) are refused: take the dependents down
first, so that nothing is removed by cascade without being named.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from clauses.models import ClauseVersion, HistoryTakedown, Position
from clauses.services.fingerprints import fingerprints_refresh
from core.append_only import history_maintenance
from core.tracking import TrackedModel

REASON_REQUIRED = "Give the reason for the takedown (e.g. the court order it carries out)."
HAS_DEPENDENTS = "{record} has records that depend on it ({dependents}): take those down first."


def history_takedown(*, record: TrackedModel, reason: str, operator: str) -> HistoryTakedown:
    """Remove ``record`` and all its history; returns the audit row. One transaction."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    model = type(record)
    with transaction.atomic(), history_maintenance():
        history = model.history.filter(**{model._meta.pk.attname: record.pk})
        description = str(record)[:300]
        object_id = str(record.pk)
        # Found through the record, which is about to go: its plan's pages change too.
        type(record).records_touched([record.pk])
        try:
            # The delete writes a "-" history row, removed with the others below.
            record.delete()
        except ProtectedError as error:
            kinds = {str(type(o)._meta.verbose_name_plural) for o in error.protected_objects}
            dependents = ", ".join(sorted(kinds))
            raise ValidationError(
                HAS_DEPENDENTS.format(record=description, dependents=dependents)
            ) from None
        removed, _ = history.delete()
        # What the revision holds changed: its fingerprint follows.
        fingerprints_refresh(
            revision_ids=[record.revision_id] if isinstance(record, ClauseVersion) else [],
            clause_version_ids=[record.clause_version_id] if isinstance(record, Position) else [],
        )
        return HistoryTakedown.objects.create(
            operator=operator,
            reason=reason.strip(),
            model=model._meta.label_lower,
            object_id=object_id,
            description=description,
            history_rows_removed=removed,
        )
