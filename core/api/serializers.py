"""The base of every resource's serializer: the data comes from one builder per resource
(``represent``), shared with exports and feeds; the declared fields document it in the
OpenAPI schema."""

from typing import Any

from rest_framework import serializers

from core.links import Links, links_for


# Read-only: fields for the schema, ``represent`` for the data. The schema describes each
# resource with its serializer's own docstring (written for the API's readers), so every
# subclass has one.
class ReadSerializer(serializers.Serializer):
    def to_representation(self, instance):
        return self.represent(instance, links_for(self.context))

    # Positional-only: each resource names its own first parameter (``party``, ``plan``...).
    @staticmethod
    def represent(instance: Any, links: Links, /) -> dict[str, Any]:
        raise NotImplementedError
