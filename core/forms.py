"""What every editor's form shares: the edit summary, and the version it was loaded from."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext, gettext_lazy

from core.tracking import SUMMARY_MAX_LENGTH, SUMMARY_REQUIRED, TrackedModel

SUMMARY_FIELD = "edit_summary"
SUMMARY_HELP = gettext_lazy("Why you made this change, in a few words. It is shown in the history.")
CONFLICT = (
    "Someone else saved this while you were editing it, so your change was not saved. "
    "Their version is shown beside yours; what you typed is still in the form. "
    "Merge the two, then save again."
)
EMPTY = "—"


def summary_field() -> forms.CharField:
    # Named edit_summary, not summary: a position has a summary field of its own.
    return forms.CharField(
        label=gettext_lazy("Edit summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=SUMMARY_HELP,
        error_messages={"required": SUMMARY_REQUIRED},
    )


@dataclass(frozen=True)
class ConflictRow:
    """One field on which the saved record and the editor's form disagree."""

    label: str
    theirs: str
    yours: str


def display(field: forms.Field, value) -> str:
    """A value as the editor would read it: a choice's label, a date, a record's name."""
    if value in (None, ""):
        return EMPTY
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.ChoiceField):
        # Django keeps a field's choices as (value, label) pairs, whatever form they were
        # given in; the stubs type the getter like the setter.
        choices = cast("Iterable[tuple[Any, Any]]", field.choices)
        return str(dict(choices).get(value, value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def in_readers_words(form: forms.BaseForm) -> None:
    """The words a form takes from its model (a field's name, help and choices), which
    stay English for the API and the admin, in the reader's language."""
    for field in form.fields.values():
        if field.label:
            field.label = gettext(str(field.label))  # noqa: INT001 -- the catalogue holds them
        if field.help_text:
            field.help_text = gettext(str(field.help_text))  # noqa: INT001
        if isinstance(field, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
            field, forms.ModelChoiceField
        ):
            choices = cast("Iterable[tuple[Any, Any]]", field.choices)
            field.choices = [
                (value, gettext(label) if isinstance(label, str) and label else label)  # noqa: INT001
                for value, label in choices
            ]


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on top, if not a field)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        for item in errors:
            message = " ".join(item.messages)
            if message == SUMMARY_REQUIRED and SUMMARY_FIELD in form.fields:
                target = SUMMARY_FIELD
            elif name in form.fields and name != NON_FIELD_ERRORS:
                target = name
            else:
                target = None
            form.add_error(target, message)


class EditForm(forms.ModelForm):
    """Edits one tracked record: carries the version it was loaded from, asks for a summary.

    ``Meta.fields`` are the fields the editor may change; ``changes()`` gives them to the
    service. After an ``EditConflict``, ``show_conflict`` lays the saved values beside the
    typed ones and takes the saved version, so that saving again is a deliberate choice.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    edit_summary = summary_field()

    conflict: list[ConflictRow] | None = None
    # Who saved the record meanwhile (a username or None) and when.
    conflict_by: str | None = None
    conflict_at = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A record not yet saved has version 0: if someone creates it meanwhile, that
        # counts as a conflict too.
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        in_readers_words(self)

    def _editable_fields(self) -> Iterable[str]:
        """``Meta.fields``: the fields the editor may change."""
        return self._meta.fields or ()

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._editable_fields()}

    def show_conflict(self, current: TrackedModel, *, saved=(None, None)) -> None:
        self.conflict_by, self.conflict_at = saved
        self.conflict = [
            ConflictRow(
                label=str(self.fields[name].label),
                theirs=display(self.fields[name], getattr(current, name)),
                yours=display(self.fields[name], self.cleaned_data.get(name)),
            )
            for name in self._editable_fields()
            if getattr(current, name) != self.cleaned_data.get(name)
        ]
        # A bound form's data is the request's QueryDict or a dict (QueryDict is a dict too):
        # copy() keeps its kind, and the copy takes the saved version.
        data = cast(dict[str, Any], self.data).copy()
        data[self.add_prefix("version")] = current.version
        self.data = data
        self.add_error(None, CONFLICT)
