"""A clause's edit history: every recorded change to the clause, its versions and the
positions on them, with who made it, when, which fields and the edit summary.

The history rows of each model are read in one ordered query and neighbours (rows of the
same record) are diffed in Python, as simple-history's admin does in
``set_history_delta_changes``; ``prev_record`` would cost a query per row.
"""

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import F, Manager, Q, QuerySet, Window
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


@functools.cache
def _history_rows(model) -> Manager:
    """The history rows of ``model``: what ``model.history`` reads, without the manager
    class that each read of ``model.history`` builds anew."""
    return model.history.model._default_manager


@functools.cache
def _compared(model) -> list:
    """The fields of ``model`` its history rows are compared by, as simple-history's
    ``diff_against`` compares them: every tracked field that is editable, by name."""
    history = _history_rows(model).model
    return sorted((f for f in history.tracked_fields if f.editable), key=lambda f: f.name)


# The columns every history row is read with, before those a reader adds and the
# compared fields' values.
_ROW = ("id", "history_id", "history_date", "history_type", "history_change_reason", "editor")


def _values(history: QuerySet, model, *extra: str) -> QuerySet:
    """``history`` (rows of ``model``'s history, with their editor) as plain rows: the
    columns of ``_ROW``, then ``extra``, then the values of the fields ``_compared``
    (read as values: a long negotiation's clause has hundreds of history rows, and a
    model instance each cost most of the page)."""
    return history.values_list(*_ROW, *extra, *(field.attname for field in _compared(model)))


def _entries(
    rows: Iterable[tuple], model, describe: Callable[[int, tuple], dict]
) -> list[HistoryEntry]:
    """Rows (``_rows``) ordered by record, then time; each compared with the row before it
    of the same record. A change with no earlier row (history begun mid-life) lists no
    fields. ``describe`` takes the record's id and the row's ``extra`` columns."""
    fields = _compared(model)
    # Each field's words and choices, from the model (not its history's copy of it).
    meta = model._meta
    labels = [str(meta.get_field(field.name).verbose_name) for field in fields]
    model_fields = [meta.get_field(field.name) for field in fields]
    start = len(_ROW)
    width = len(fields)
    entries = []
    previous: tuple | None = None
    for row in rows:
        record, history_id, date, kind, reason, editor = row[:start]
        values = row[len(row) - width :]
        names: tuple[str, ...] = ()
        changed_labels: tuple[str, ...] = ()
        changes: tuple[tuple[str, str, str], ...] = ()
        if previous is not None and previous[0] == record and kind == "~":
            before = previous[len(previous) - width :]
            changed = [i for i in range(width) if before[i] != values[i]]
            names = tuple(fields[i].name for i in changed)
            changed_labels = tuple(labels[i] for i in changed)
            changes = tuple(
                (labels[i], _shown(model_fields[i], before[i]), _shown(model_fields[i], values[i]))
                for i in changed
            )
        entries.append(
            HistoryEntry(
                history_id=history_id,
                date=date,
                user=editor,
                type=KIND_WORDS.get(kind, kind),
                changed_fields=names,
                changed_labels=changed_labels,
                summary=reason or "",
                changes=changes,
                **describe(record, row[start : len(row) - width]),
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


def _history_reads(low: bool, high: bool) -> tuple[Callable[..., QuerySet], ...]:
    """The three reads of ``clause_edit_history`` (the clause's history rows, its
    versions', their positions') for revisions bounded below (``low``) and above
    (``high``) or not: each takes the clause's id, then the bounds it has."""

    def span(bounds: tuple[int, ...]) -> Q:
        given = iter(bounds)
        return _in_revisions(next(given) if low else None, next(given) if high else None)

    def clause_rows(clause_id: int) -> QuerySet:
        rows = _history_rows(Clause).filter(id=clause_id).annotate(editor=EDITOR)
        return _values(rows.order_by(*ORDER), Clause)

    def version_rows(clause_id: int, *bounds: int) -> QuerySet:
        rows = _history_rows(ClauseVersion).filter(span(bounds), clause_id=clause_id)
        return _values(
            rows.annotate(editor=EDITOR).order_by(*ORDER), ClauseVersion, "revision__number"
        )

    def position_rows(clause_id: int, *bounds: int) -> QuerySet:
        # Positions on any version the clause has or had, including versions since
        # deleted: one set of ids (a UNION), since two IN lists joined by OR keep the
        # database from using the index on clause_version_id and make it read every
        # position's history.
        version_ids = (
            _history_rows(ClauseVersion)
            .filter(span(bounds), clause_id=clause_id)
            .order_by()
            .values("id")
            .union(
                ClauseVersion.objects.filter(span(bounds), clause_id=clause_id)
                .order_by()
                .values("pk")
            )
        )
        rows = _history_rows(Position).filter(clause_version_id__in=version_ids)
        return _values(
            rows.annotate(editor=EDITOR).order_by(*ORDER),
            Position,
            "clause_version_id",
            "clause_version__revision__number",
            "party__slug",
            "party__name",
        )

    return clause_rows, version_rows, position_rows


def clause_edit_history(
    *, clause: Clause, revisions: tuple[int | None, int | None] = (None, None)
) -> list[HistoryEntry]:
    """Every recorded change to the clause, its versions and their positions, newest first
    (three queries, one per model, each with the editor joined). ``revisions``, the lowest
    and highest revision numbers (None: no bound), keeps the changes to its versions and
    their positions in those revisions only (a page of a long negotiation's clause)."""
    read_clause, read_versions, read_positions = _history_reads(
        *(number is not None for number in revisions)
    )
    bounds = [number for number in revisions if number is not None]
    clause_rows = list(read_clause(clause.pk))
    version_rows = list(read_versions(clause.pk, *bounds))
    position_rows = list(read_positions(clause.pk, *bounds))
    # A version's revision, from its history (the version may be gone since).
    revision_numbers = {
        row[0]: row[len(_ROW)] for row in version_rows if row[len(_ROW)] is not None
    }

    def position_described(_record: int, extra: tuple) -> dict:
        version_id, number, party_slug, party_name = extra
        return {
            "object": "position",
            "revision": number if number is not None else revision_numbers.get(version_id),
            "party": party_slug,
            "party_name": party_name,
        }

    entries = _entries(
        clause_rows,
        Clause,
        lambda _record, _extra: {
            "object": "clause",
            "revision": None,
            "party": None,
            "party_name": None,
        },
    )
    entries += _entries(
        version_rows,
        ClauseVersion,
        lambda record, _extra: {
            "object": "clause_version",
            "revision": revision_numbers.get(record),
            "party": None,
            "party_name": None,
        },
    )
    entries += _entries(position_rows, Position, position_described)
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
