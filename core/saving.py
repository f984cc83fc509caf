"""What every write shares: the edit summary, who made it, and slugs unique in a plan."""

from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history
from unidecode import unidecode

from core.tracking import TrackedModel

NOT_EDITABLE = "{field} cannot be changed here."

# Long enough to stay unique in a plan of hundreds of clauses, short enough for a URL.
SLUG_LENGTH = 60

Record = TypeVar("Record", bound=TrackedModel)


def only_editable(changes: Mapping[str, Any], editable: Collection[str]) -> None:
    """Refuse a change to a field this kind of edit does not own (e.g. ``plan``)."""
    refused = {name: NOT_EDITABLE.format(field=name) for name in changes if name not in editable}
    if refused:
        raise ValidationError(refused)


def locked(record: Record) -> Record:
    """The record as stored now, its row locked until the transaction ends (one query).
    Call it inside ``transaction.atomic``.

    PostgreSQL locks the row. SQLite has no row locks (``select_for_update`` does nothing
    there): a writing transaction holds the whole database instead, so two editors still
    take turns, the second reading what the first wrote."""
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


def save_new(record: Record, *, user, summary: str) -> Record:
    """Validate and insert one record with the editor and the summary in its history."""
    record.full_clean()
    record._history_user = user
    record._change_reason = summary
    record.save()
    type(record).records_touched([record.pk])
    return record


def unique_slug(text: str, taken: set[str], *, fallback: str) -> str:
    """A slug made from ``text`` that is not in ``taken``; adds it to ``taken``.

    "Security guarantees" twice gives security-guarantees and security-guarantees-2.
    Titles in other scripts are transliterated, so that every slug stays ASCII and a URL
    reads the same in any mail or document it is cited in: "Гарантії безпеки" gives
    garantiyi-bezpeki, "Юнікод план 🇺🇦" gives iunikod-plan
    (what has no Latin spelling, such as an emoji, is left out; a title of nothing else
    takes ``fallback``).
    """
    base = slugify(unidecode(text))[:SLUG_LENGTH].strip("-") or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
    taken.add(slug)
    return slug


def bulk_create_tracked(model, rows: list, *, user, summary: str) -> list:
    """Insert ``rows`` and their history rows in bulk (a few queries, not one per row).

    ``bulk_create`` alone writes no history; this leaves the editor and the summary on
    every row, as a save would. Returns the rows with their primary keys.
    """
    if not rows:
        return []
    created = bulk_create_with_history(
        rows, model, default_user=user, default_change_reason=summary
    )
    model.records_touched([row.pk for row in created])
    return created


# SQL text and its parameters, for the pieces of an INSERT ... SELECT.
Sql = tuple[str, list[Any]]

COPY_UNDECIDED = (
    "{model} has fields a copy does not say how to fill ({fields}): give each a value in "
    "the copy, so a new field is never silently left out of a cloned revision."
)


def insert_select(model, values: dict[str, Sql], source: Sql) -> None:
    """``INSERT INTO`` model's table ``SELECT`` the ``values`` of each field ``FROM source``.

    ``values`` gives, for every concrete field but the primary key (by attname), the SQL
    expression the new row takes and its parameters; ``source`` is the ``FROM ...`` clause
    with its parameters. One statement whatever the number of rows, on every database.
    Like ``bulk_create``, it sends no signals, writes no history and bumps no plan's
    change stamp (its caller does: see clauses/stamps.py).
    """
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    undecided = {field.attname for field in fields} ^ set(values)
    if undecided:
        raise ImproperlyConfigured(
            COPY_UNDECIDED.format(model=model.__name__, fields=", ".join(sorted(undecided)))
        )
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    expressions = ", ".join(values[field.attname][0] for field in fields)
    params = [param for field in fields for param in values[field.attname][1]]
    source_sql, source_params = source
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
            f"SELECT {expressions} {source_sql}",
            [*params, *source_params],
        )


def insert_history_select(model, alias: str, source: Sql, *, user, summary: str) -> None:
    """A creation history row ("+") for each row of ``model`` that ``source`` selects.

    ``source`` is a ``FROM ...`` clause naming the new rows' table ``alias``. Each history
    row takes every field of its row, the editor as ``history_user`` and the summary as
    change reason, as ``bulk_create_tracked`` leaves them.
    """
    history = model.history.model
    quote = connection.ops.quote_name
    live = {field.attname: field.column for field in model._meta.concrete_fields}
    now = history._meta.get_field("history_date").get_db_prep_value(timezone.now(), connection)
    values: dict[str, Sql] = {
        attname: (f"{quote(alias)}.{quote(column)}", []) for attname, column in live.items()
    }
    values |= {
        "history_date": ("%s", [now]),
        "history_change_reason": ("%s", [summary]),
        "history_type": ("%s", ["+"]),
        "history_user_id": ("%s", [getattr(user, "pk", None)]),
    }
    insert_select(history, values, source)
