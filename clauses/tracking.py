"""What every model of the domain shares: history, and a version for safe concurrent edits.

simple-history writes a history row on every save, even one that changed nothing. Readers
of an edit history want one row per real change, so a save that changes no field is still
made but leaves no history row and keeps the version. A save that changes something bumps
``version``, which edit forms and API ETags carry to refuse a stale write.
"""

from django.db import models
from simple_history.models import HistoricalRecords


class TrackedModel(models.Model):
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by one on every save that changes something; refuses stale edits.",
    )

    history = HistoricalRecords(inherit=True)

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
