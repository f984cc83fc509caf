"""The schema's fields for a resource's declared fields (core/fields.py): each documented
as its model field says (type, choices, nullability, help text), so the schema gains a
field when the declaration does.

A read serializer (core/api/serializers.py) declares what its builder writes around the
declared fields (links, where the resource stands) and takes the declared fields, in their
order, from ``documents``.
"""

from collections.abc import Callable, Mapping

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from rest_framework import serializers

from core.fields import Declaration

NO_PLACE = "{serializer} has no field {after!r} for the declared fields to follow."

_TEXTS = (models.CharField, models.TextField)

# The field documenting each kind of model field, most specific first. A URL is
# documented as text: a blank one is "", which is no URI.
_READ_FIELDS: tuple[tuple[type[models.Field], type[serializers.Field]], ...] = (
    (models.BooleanField, serializers.BooleanField),
    (models.DateTimeField, serializers.DateTimeField),
    (models.DateField, serializers.DateField),
    (models.IntegerField, serializers.IntegerField),
    (models.SlugField, serializers.SlugField),
    # A relation is read as its key (e.g. a position's source, by id).
    (models.ForeignKey, serializers.IntegerField),
)


def read_field(declaration: Declaration, name: str, *, read_only: bool = True) -> serializers.Field:
    """A field documenting the declared field ``name`` in a response: read-only, as a
    resource's serializer has it; or, with ``read_only`` false, as a plain value (a choice
    then refers to its vocabulary bare, where read-only wraps the reference), blank where
    the model allows it."""
    model_field = declaration.model_field(name)
    options: dict = {"read_only": True} if read_only else {}
    if not read_only and model_field.blank and isinstance(model_field, _TEXTS):
        options["allow_blank"] = True
    help_text = declaration.help_text(name)
    if help_text:
        options["help_text"] = help_text
    if model_field.null:
        options["allow_null"] = True
    if model_field.choices:
        return serializers.ChoiceField(choices=model_field.choices, **options)
    for kind, field_class in _READ_FIELDS:
        if isinstance(model_field, kind):
            return field_class(**options)
    return serializers.CharField(**options)


def documents(
    declaration: Declaration,
    *,
    after: str,
    special: Mapping[str, Callable[[], Mapping[str, serializers.Field]]] | None = None,
    read_only: bool = True,
):
    """A class decorator: the serializer's fields gain the declared fields of
    ``declaration``, in order, right after its field ``after`` (see ``read_field`` for
    ``read_only``). A field of ``special`` is documented by the fields its function gives
    instead (e.g. a stance as an object, or a record pointed to and its link)."""
    special = special or {}

    def declared() -> dict[str, serializers.Field]:
        fields: dict[str, serializers.Field] = {}
        for name in declaration.names:
            if name in special:
                fields.update(special[name]())
            else:
                fields[name] = read_field(declaration, name, read_only=read_only)
        return fields

    def decorate(serializer: type[serializers.Serializer]) -> type[serializers.Serializer]:
        if after not in serializer._declared_fields:
            raise ImproperlyConfigured(NO_PLACE.format(serializer=serializer.__name__, after=after))
        fields: dict[str, serializers.Field] = {}
        for name, field in serializer._declared_fields.items():
            fields[name] = field
            if name == after:
                fields.update(declared())
        serializer._declared_fields = fields
        return serializer

    return decorate
