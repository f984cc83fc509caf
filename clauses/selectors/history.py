"""A clause's edit history: every recorded change to the clause, its versions and the
positions on them, with who made it, when, which fields and the edit summary.

The history rows of each model are read in one ordered query and neighbours (rows of the
same record) are diffed in Python, as simple-history's admin does in
``set_history_delta_changes``; ``prev_record`` would cost a query per row.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import Lag

from clauses.models import Clause, ClauseVersion, Position

KIND_WORDS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class HistoryEntry:
    history_id: int
    date: datetime.datetime
    user: str | None  # the editor's username; None when not recorded
    type: str  # created / changed / deleted
    object: str  # "clause", "clause_version" (its wording in a revision) or "position"
    revision: int | None  # the revision number, for a version or a position; None if gone
    party: str | None  # the party's slug, for a position
    party_name: str | None
    changed_fields: tuple[str, ...]  # field names a change touched; empty unless changed
    changed_labels: tuple[str, ...]  # the same, in words ("source title")
    summary: str  # the edit summary (history_change_reason); "" when none was given
    # Each changed field in words with its value before and after, as shown to a reader.
    changes: tuple[tuple[str, str, str], ...] = ()


def _shown(field, value) -> str:
    """A field's value as a reader sees it: a choice's label, or the value itself."""
    if value is None or value == "":
        return "(empty)"
    labels = dict(field.flatchoices) if field.choices else {}
    return str(labels.get(value, value))


def _changes(current, previous) -> tuple[tuple[str, str, str], ...]:
    meta = current.instance_type._meta
    changes = []
    for change in current.diff_against(previous).changes:
        field = meta.get_field(change.field)
        changes.append(
            (str(field.verbose_name), _shown(field, change.old), _shown(field, change.new))
        )
    return tuple(changes)


def _changed_fields(current, previous) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names = tuple(current.diff_against(previous).changed_fields)
    meta = current.instance_type._meta
    return names, tuple(str(meta.get_field(name).verbose_name) for name in names)


def _entries(rows: Iterable, describe: Callable[[Any], dict]) -> list[HistoryEntry]:
    """Rows ordered by record, then time; each compared with the row before it of the same
    record. A change with no earlier row (history begun mid-life) lists no fields."""
    entries = []
    previous = None
    for row in rows:
        same_record = previous is not None and previous.id == row.id
        changed = same_record and row.history_type == "~"
        names, labels = _changed_fields(row, previous) if changed else ((), ())
        entries.append(
            HistoryEntry(
                history_id=row.history_id,
                date=row.history_date,
                user=row.editor,
                type=KIND_WORDS.get(row.history_type, row.history_type),
                changed_fields=names,
                changed_labels=labels,
                summary=row.history_change_reason or "",
                changes=_changes(row, previous) if changed else (),
                **describe(row),
            )
        )
        previous = row
    return entries


ORDER = ("id", "history_date", "history_id")
# The editor's username read with each history row, and the revision, clause version and
# party a row names read as values: a long negotiation's clause has hundreds of history
# rows, and a model instance for each of those per row would cost most of the page.
EDITOR = F(f"history_user__{get_user_model().USERNAME_FIELD}")


def last_change(record) -> tuple[str | None, datetime.datetime | None]:
    """Who last saved ``record`` (a username, or None when not recorded) and when, from
    its newest history row (one query); (None, None) when it has none."""
    row = record.history.select_related("history_user").order_by("-history_date").first()
    if row is None:
        return None, None
    user = row.history_user
    return (user.get_username() if user is not None else None), row.history_date


def _in_revisions(low: int | None, high: int | None) -> Q:
    """Versions (or their history rows) in revisions numbered from ``low`` to ``high``
    (None: no bound)."""
    span = Q()
    if low is not None:
        span &= Q(revision__number__gte=low)
    if high is not None:
        span &= Q(revision__number__lte=high)
    return span


def clause_edit_history(
    *, clause: Clause, revisions: tuple[int | None, int | None] = (None, None)
) -> list[HistoryEntry]:
    """Every recorded change to the clause, its versions and their positions, newest first
    (three queries, one per model, each with the editor joined). ``revisions``, the lowest
    and highest revision numbers (None: no bound), keeps the changes to its versions and
    their positions in those revisions only (a page of a long negotiation's clause)."""
    span = _in_revisions(*revisions)
    clause_rows = Clause.history.filter(id=clause.pk).annotate(editor=EDITOR)
    version_rows = list(
        ClauseVersion.history.filter(span, clause_id=clause.pk)
        .annotate(editor=EDITOR, revision_number=F("revision__number"))
        .order_by(*ORDER)
    )
    # Positions on any version the clause has or had, including versions since deleted:
    # one set of ids (a UNION), since two IN lists joined by OR keep the database from
    # using the index on clause_version_id and make it read every position's history.
    version_ids = (
        ClauseVersion.history.filter(span, clause_id=clause.pk)
        .order_by()
        .values("id")
        .union(ClauseVersion.objects.filter(span, clause=clause).order_by().values("pk"))
    )
    position_rows = (
        Position.history.filter(clause_version_id__in=version_ids)
        .annotate(
            editor=EDITOR,
            revision_number=F("clause_version__revision__number"),
            party_slug=F("party__slug"),
            party_name=F("party__name"),
        )
        .order_by(*ORDER)
    )
    # A version's revision, from its history (the version may be gone since).
    revision_numbers = {
        row.id: row.revision_number for row in version_rows if row.revision_number is not None
    }

    def position_revision(row) -> int | None:
        if row.revision_number is not None:
            return row.revision_number
        return revision_numbers.get(row.clause_version_id)

    entries = _entries(
        clause_rows.order_by(*ORDER),
        lambda row: {"object": "clause", "revision": None, "party": None, "party_name": None},
    )
    entries += _entries(
        version_rows,
        lambda row: {
            "object": "clause_version",
            "revision": revision_numbers.get(row.id),
            "party": None,
            "party_name": None,
        },
    )
    entries += _entries(
        position_rows,
        lambda row: {
            "object": "position",
            "revision": position_revision(row),
            "party": row.party_slug,
            "party_name": row.party_name,
        },
    )
    entries.sort(key=lambda entry: (entry.date, entry.history_id), reverse=True)
    return entries


def with_stance_before(rows: QuerySet) -> QuerySet:
    """Position history ``rows`` (deletions left out), each with the stance and quote the
    same party held on the same clause in the row recorded before it (``stance_before``,
    ``quote_before``; None for the first): what every count of moves compares, by the
    rule of clauses.moves."""
    window = {
        "partition_by": [F("clause_version__clause_id"), F("party_id")],
        "order_by": [F("history_date").asc(), F("history_id").asc()],
    }
    return rows.exclude(history_type="-").annotate(
        stance_before=Window(Lag("stance"), **window),  # type: ignore[arg-type]
        quote_before=Window(Lag("quote"), **window),  # type: ignore[arg-type]
    )
