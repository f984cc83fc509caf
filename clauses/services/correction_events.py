"""What every correction service shares (re-link, withdraw, restore, split, merge, delete,
rename): one transaction on the record as the editor read it, and the event it leaves in
the plan's record (``Correction``).

Each service writes its rows through the usual tracked saves, which keep each row's
history, recomputes the fingerprints it touches, and then writes one event here saying what
the correction was as a whole, in the same transaction.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from clauses.models import Clause, Correction, Plan, Revision
from core.saving import Record, locked
from core.tracking import EditConflict, require_summary


@contextmanager
def correcting(record: Record, expected_version: int | None) -> Iterator[Record]:
    """A transaction holding ``record`` as stored now, its row locked: what the ``with``
    block corrects. EditConflict, and nothing written, when it was saved since the editor
    read ``expected_version`` (None: the caller does not check)."""
    with transaction.atomic():
        current = locked(record)
        if expected_version is not None and current.version != expected_version:
            raise EditConflict(current, expected_version)
        yield current


def record_correction(
    *,
    plan: Plan,
    kind: str,
    summary: str,
    user,
    revision: Revision | None = None,
    clause: Clause | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> Correction:
    """Write the event of one correction; call it inside the correction's transaction."""
    require_summary(summary)
    recorded_by = user if getattr(user, "is_authenticated", False) else None
    return Correction.objects.create(
        plan=plan,
        revision=revision,
        clause=clause,
        kind=kind,
        summary=summary.strip(),
        recorded_by=recorded_by,
        before=before or {},
        after=after or {},
    )
