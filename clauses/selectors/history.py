"""A clause's edit history: every recorded change to the clause, its versions and the
positions on them, with who made it, when, which fields and the edit summary.

The history rows of each model are read in one ordered query and neighbours (rows of the
same record) are diffed in Python, as simple-history's admin does in
``set_history_delta_changes``; ``prev_record`` would cost a query per row.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q

from ..models import Clause, ClauseVersion, Position

KIND_WORDS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class HistoryEntry:
    subject: str  # "clause", "text" (a clause version) or "position"
    revision_number: int | None  # for a version or a position; None if that revision is gone
    party: object | None  # for a position
    kind: str  # created / changed / deleted
    when: datetime.datetime
    user: object | None
    fields: tuple[str, ...]  # what a change touched, by verbose name
    summary: str  # the edit summary (history_change_reason)


def _changed_fields(current, previous) -> tuple[str, ...]:
    delta = current.diff_against(previous)
    meta = current.instance_type._meta
    return tuple(str(meta.get_field(name).verbose_name) for name in delta.changed_fields)


def _entries(rows: Iterable, describe: Callable[[object], dict]) -> list[HistoryEntry]:
    """Rows ordered by record, then time; each compared with the row before it of the same
    record. A change with no earlier row (history begun mid-life) lists no fields."""
    entries = []
    previous = None
    for row in rows:
        same_record = previous is not None and previous.id == row.id
        fields = _changed_fields(row, previous) if same_record and row.history_type == "~" else ()
        entries.append(
            HistoryEntry(
                kind=KIND_WORDS.get(row.history_type, row.history_type),
                when=row.history_date,
                user=row.history_user,
                fields=fields,
                summary=row.history_change_reason or "",
                **describe(row),
            )
        )
        previous = row
    return entries


ORDER = ("id", "history_date", "history_id")


def clause_edit_history(*, clause: Clause) -> list[HistoryEntry]:
    """Every recorded change to the clause, its versions and their positions, newest first
    (three queries, one per model, each with the editor joined)."""
    clause_rows = Clause.history.filter(id=clause.pk).select_related("history_user")
    version_rows = list(
        ClauseVersion.history.filter(clause_id=clause.pk)
        .select_related("history_user", "revision")
        .order_by(*ORDER)
    )
    # Positions on any version the clause has or had, including versions since deleted.
    version_ids = ClauseVersion.history.filter(clause_id=clause.pk).values("id")
    position_rows = (
        Position.history.filter(
            Q(clause_version_id__in=version_ids)
            | Q(clause_version_id__in=ClauseVersion.objects.filter(clause=clause).values("pk"))
        )
        .select_related("history_user", "party", "clause_version__revision")
        .order_by(*ORDER)
    )
    # A version's revision, from its history (the version may be gone since).
    revision_numbers = {
        row.id: row.revision.number for row in version_rows if row.revision is not None
    }

    def position_revision(row) -> int | None:
        if row.clause_version is not None:
            return row.clause_version.revision.number
        return revision_numbers.get(row.clause_version_id)

    entries = _entries(
        clause_rows.order_by(*ORDER),
        lambda row: {"subject": "clause", "revision_number": None, "party": None},
    )
    entries += _entries(
        version_rows,
        lambda row: {
            "subject": "text",
            "revision_number": revision_numbers.get(row.id),
            "party": None,
        },
    )
    entries += _entries(
        position_rows,
        lambda row: {
            "subject": "position",
            "revision_number": position_revision(row),
            "party": row.party,
        },
    )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
