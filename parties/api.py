"""The parties' side of the REST API: the list of parties and one party."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from clauses.api.base import ApiViewSet
from clauses.api.exceptions import PARTY_NOT_FOUND, not_found
from clauses.api.links import Links
from clauses.api.serializers import ReadSerializer

from . import selectors
from .models import Party, PartyKind


class PartySerializer(ReadSerializer):
    url = serializers.URLField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=PartyKind.choices, read_only=True)
    color = serializers.CharField(read_only=True, help_text="#rrggbb")
    sort_order = serializers.IntegerField(read_only=True)
    description = serializers.CharField(read_only=True)
    positions_url = serializers.URLField(
        read_only=True, help_text="The party's positions in each plan's latest revision."
    )

    @staticmethod
    def represent(party, links: Links) -> dict:
        return {
            "url": links.party(party.slug),
            "version": party.version,
            "slug": party.slug,
            "name": party.name,
            "short_name": party.short_name,
            "kind": party.kind,
            "color": party.color,
            "sort_order": party.sort_order,
            "description": party.description,
            "positions_url": f"{links('position-list')}?party={party.slug}",
        }


@extend_schema_view(
    list=extend_schema(summary="Parties, in the order of the matrix's columns"),
    retrieve=extend_schema(summary="One party"),
)
class PartyViewSet(ApiViewSet):
    serializer_class = PartySerializer

    def get_queryset(self):
        return selectors.parties_in_order()

    def list(self, request):
        return self.paginated(self.get_queryset(), PartySerializer)

    def retrieve(self, request, party: str):
        try:
            found = selectors.party_get(party)
        except Party.DoesNotExist:
            raise not_found("party", PARTY_NOT_FOUND.format(party=party)) from None
        return Response(self.represent(found))
