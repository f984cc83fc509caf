"""A resource's fields, declared once: what readers are shown and what editors may change.

Each app declares its records in its ``fields.py`` (clauses/fields.py, parties/fields.py)
with a ``Declaration``; the API's data and documentation, the downloads' columns, the
services' and forms' editable fields, the API's write inputs and the diff's snapshots all
take their field lists from it. Adding a field to a record is then the model, its
declaration and a migration: each reader and writer picks it up by name, with its type,
default and help text read from the model field.

A declaration lists the record's own fields in the order readers see them (the API's
JSON, the downloads' columns): a new field goes last, so that every client's and
spreadsheet's columns keep their places. Where a record stands (its id, version, parent
and party) is not declared: each reader writes it in its own way, as links or as columns.
"""

import dataclasses
import datetime
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models

UNKNOWN_FIELD = "{model} has no field {name!r} to declare."
NOT_EDITABLE_ANCHOR = "{model}.{name} is edited after {anchor!r}, which is not editable."

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Snapshot = TypeVar("Snapshot", bound="DataclassInstance")

# The Python type a snapshot holds for a model field of each kind (see ``extended``).
_PYTHON_TYPES: dict[type[models.Field], Any] = {
    models.BooleanField: bool,
    models.DateField: datetime.date,
    models.IntegerField: int,
    models.CharField: str,
    models.TextField: str,
}


@dataclass(frozen=True)
class Declared:
    """One field of a record: its name and what may be done with it.

    ``editable``: the services, the API's write inputs and (unless ``on_form`` is false)
    the editor's forms let an editor change it. ``edited_after`` places it in the form and
    the write body right after another editable field, where it reads best, while readers
    see it where it is declared. ``help_text`` documents it in the API where the model's
    help text says too little to a reader of the JSON.
    """

    name: str
    editable: bool = False
    on_form: bool = True
    edited_after: str | None = None
    help_text: str | None = None


class Declaration:
    """The declared fields of ``model``, in the order readers see them."""

    def __init__(self, model: type[models.Model], *fields: Declared):
        self.model = model
        self.fields = fields
        self._by_name = {declared.name: declared for declared in fields}
        for declared in fields:
            self.model_field(declared.name)
        # What readers see, in order.
        self.names: tuple[str, ...] = tuple(declared.name for declared in fields)
        # What editors may change, in the order they meet it.
        self.editable: tuple[str, ...] = self._editing_order()
        # What the editor's form for the record offers, in that order.
        self.form_fields: tuple[str, ...] = tuple(
            name for name in self.editable if self._by_name[name].on_form
        )
        # The date fields, which readers write in ISO 8601.
        self.dates: tuple[str, ...] = self.names_of(models.DateField)
        # Each field by the name an instance reads it by (a relation's by its key's,
        # ``source_id``), in order: what a row read in their place answers to.
        self.attnames: tuple[str, ...] = tuple(
            self.model_field(name).attname for name in self.names
        )

    def __repr__(self):
        return f"<Declaration of {self.model.__name__}: {', '.join(self.names)}>"

    def _editing_order(self) -> tuple[str, ...]:
        placed = [declared for declared in self.fields if declared.editable]
        order = [declared.name for declared in placed if declared.edited_after is None]
        for declared in placed:
            anchor = declared.edited_after
            if anchor is None:
                continue
            if anchor not in order:
                raise ImproperlyConfigured(
                    NOT_EDITABLE_ANCHOR.format(
                        model=self.model.__name__, name=declared.name, anchor=anchor
                    )
                )
            order.insert(order.index(anchor) + 1, declared.name)
        return tuple(order)

    def model_field(self, name: str) -> models.Field:
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if not isinstance(field, models.Field):
            raise ImproperlyConfigured(UNKNOWN_FIELD.format(model=self.model.__name__, name=name))
        return field

    def help_text(self, name: str) -> str:
        """What the API's documentation says of the field."""
        declared = self._by_name[name].help_text
        return declared if declared is not None else str(self.model_field(name).help_text)

    def names_of(self, kind: type[models.Field]) -> tuple[str, ...]:
        """The declared fields whose model field is a ``kind`` (e.g. ``DateField``)."""
        return tuple(name for name in self.names if isinstance(self.model_field(name), kind))

    def values_getter(self) -> Callable[[models.Model], tuple]:
        """A function from an instance to the tuple of its declared values, in order (a
        relation's value is its key, as ``values_list`` gives it)."""
        getter = operator.attrgetter(*self.attnames)
        return getter if len(self.names) > 1 else lambda instance: (getter(instance),)

    def absent(self) -> tuple:
        """The values of a record that is not there, in order: no choice, no date, empty
        text, false (a party's empty place in a table of positions)."""
        return tuple(_absent(self.model_field(name)) for name in self.names)

    def extended(self, snapshot: type[Snapshot], *, module: str) -> type[Snapshot]:
        """``snapshot``, a frozen dataclass that a pure computation takes (and that names
        the fields the computation reads), with every declared field it lacks appended:
        each defaults to the model's default, so the computation's own snapshots need not
        name it. ``snapshot`` itself when it lacks none.

        The extension is a class of ``module``, which binds it under ``snapshot``'s name
        (so that it pickles)."""
        has = {field.name for field in dataclasses.fields(snapshot)}
        missing = [
            (name, _python_type(model_field), model_field.get_default())
            for name in self.names
            if name not in has
            for model_field in [self.model_field(name)]
        ]
        if not missing:
            return snapshot
        extended: type[Snapshot] = dataclasses.make_dataclass(
            snapshot.__name__, missing, bases=(snapshot,), frozen=True
        )
        extended.__module__ = module
        return extended


def _python_type(model_field: models.Field) -> Any:
    for kind, python_type in _PYTHON_TYPES.items():
        if isinstance(model_field, kind):
            return python_type | None if model_field.null else python_type
    return Any


def _absent(model_field: models.Field):
    if model_field.choices or model_field.null:
        return None
    return model_field.get_default()
