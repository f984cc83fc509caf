"""Saving an edit without losing someone else's: optimistic concurrency on ``version``.

An edit form (or an API client, through its ETag) carries the version it was loaded from.
``save_edit`` locks the row, compares, applies the changes, validates and saves with the
editor and the edit summary in history, all in one transaction. A stale version raises
``EditConflict`` carrying the record as it is now, so the form can show it beside what the
editor typed; nothing is written.
"""

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from .tracking import TrackedModel

T = TypeVar("T", bound=TrackedModel)

SUMMARY_REQUIRED = "Say in a few words why you made this change (the edit summary)."


class EditConflict(Exception):
    """The record changed since the editor loaded it."""

    def __init__(self, current: TrackedModel, expected_version: int):
        self.current = current
        self.expected_version = expected_version
        super().__init__(
            f"{type(current).__name__} {current.pk} is at version {current.version}, "
            f"not {expected_version}: someone else saved it in the meantime."
        )


def save_edit(
    record: T,
    *,
    expected_version: int,
    changes: Mapping[str, Any],
    user,
    summary: str,
) -> T:
    """Apply ``changes`` to ``record`` if nobody saved it since ``expected_version``.

    Returns the saved record (a fresh instance). Raises EditConflict on a stale version
    and django.core.exceptions.ValidationError on invalid values; in both cases nothing is
    written. A change that alters nothing writes nothing and keeps the version.
    """
    if not summary or not summary.strip():
        raise ValidationError({"summary": SUMMARY_REQUIRED})
    with transaction.atomic():
        current = type(record)._default_manager.select_for_update().get(pk=record.pk)
        if current.version != expected_version:
            raise EditConflict(current, expected_version)
        for name, value in changes.items():
            setattr(current, name, value)
        if not current.changed_fields():
            return current
        current.full_clean()
        current._change_reason = summary
        current._history_user = user
        current.save()
        return current
