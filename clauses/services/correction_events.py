"""The event a correction leaves in the plan's record (``Correction``).

Every correction service (re-link, withdraw, restore, split, merge, delete, rename) writes
its rows through the usual tracked saves, which keep each row's history, and then one
event here saying what the correction was as a whole, in the same transaction.
"""

from clauses.models import Clause, Correction, Plan, Revision
from core.tracking import require_summary


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
