"""What every model of the domain shares: history, and a version for safe concurrent edits.

simple-history writes a history row on every save, even one that changed nothing. Readers
of an edit history want one row per real change, so a save that changes no field is still
made but leaves no history row and keeps the version. A save that changes something bumps
``version``, which edit forms and API ETags carry to refuse a stale write.

Saving an edit without losing someone else's: optimistic concurrency on ``version``.

An edit form (or an API client, through its ETag) carries the version it was loaded from.
``save_edit`` locks the row, compares, applies the changes, validates and saves with the
editor and the edit summary in history, all in one transaction. A stale version raises
``EditConflict`` carrying the record as it is now, so the form can show it beside what the
editor typed; nothing is written.
"""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


class TrackedModel(models.Model):
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by one on every save that changes something; refuses stale edits.",
    )

    # A revision's fingerprint is derived from the rest of the record and recomputed after
    # every write: history keeps the facts it is computed from, not the derived value. A
    # plan's change stamp (clauses.stamps) only names the moment of its latest write.
    history = HistoricalRecords(
        inherit=True,
        excluded_fields=["fingerprint", "previous_fingerprint", "change_stamp", "changed_at"],
    )

    # Set before a save, read by simple-history into the history row it writes (no field).
    _change_reason: str
    _history_user: "AbstractBaseUser | None"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        is_update = not self._state.adding and getattr(self, "_stored_values", None) is not None
        if is_update and not self.changed_fields():
            # Nothing changed: keep the version and write no history row.
            self.skip_history_when_saving = True
        elif is_update:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        try:
            super().save(*args, **kwargs)
        finally:
            if hasattr(self, "skip_history_when_saving"):
                del self.skip_history_when_saving
        self._remember_stored_values()

    @classmethod
    def records_touched(cls, pks: Iterable[int]) -> None:
        """Called in the writer's transaction once rows of this model with these keys were
        written, so that a model whose pages are cached under a change stamp bumps it with
        the data (clauses.models.PlanRecord does). Nothing to do by default."""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_stored_values()
        return instance

    def _remember_stored_values(self) -> None:
        self._stored_values = {
            field.attname: getattr(self, field.attname)
            for field in self._meta.concrete_fields
            if field.attname in self.__dict__
        }

    def changed_fields(self) -> list[str]:
        """Names of the fields whose value differs from what was last loaded or saved."""
        stored = getattr(self, "_stored_values", None)
        if stored is None or self._state.adding:
            return [field.attname for field in self._meta.concrete_fields]
        return [
            name
            for name, value in stored.items()
            if name != "version" and self.__dict__.get(name, value) != value
        ]


def etag_of(pk: int, version: int) -> str:
    """A record's entity tag as the API sends it (``"<pk>-<version>"``): any saved change
    bumps the version, so the tag names exactly the state a client read."""
    return f'"{pk}-{version}"'


T = TypeVar("T", bound=TrackedModel)

SUMMARY_REQUIRED = "Say in a few words why you made this change (the edit summary)."
SUMMARY_MAX_LENGTH = 300
SUMMARY_TOO_LONG = (
    f"Keep the edit summary to {SUMMARY_MAX_LENGTH} characters or fewer (it has {{length}})."
)
SUMMARY_CONTROL_CHARACTER = (
    "The edit summary holds a control character (such as a null byte): write it as plain text."
)


def require_summary(summary: str) -> None:
    """Every write records why it was made: refuse one without an edit summary."""
    if not summary or not summary.strip():
        raise ValidationError({"summary": SUMMARY_REQUIRED})


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
    require_summary(summary)
    with transaction.atomic():
        current = type(record)._default_manager.select_for_update().get(pk=record.pk)
        if current.version != expected_version:
            raise EditConflict(current, expected_version)
        return apply_edit(current, changes=changes, user=user, summary=summary)


def apply_edit(current: T, *, changes: Mapping[str, Any], user, summary: str) -> T:
    """Apply ``changes`` to ``current``, a row the caller holds locked and has checked
    against the version the editor read (``save_edit`` does both; a correction holds its
    row for more than one write, see clauses.services.correction_events). Validates, and
    saves with the editor and the summary in history; a change that alters nothing writes
    nothing and keeps the version."""
    require_summary(summary)
    for name, value in changes.items():
        setattr(current, name, value)
    if not current.changed_fields():
        return current
    current.full_clean()
    current._change_reason = summary
    current._history_user = user
    current.save()
    type(current).records_touched([current.pk])
    return current
