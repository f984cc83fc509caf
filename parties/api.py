"""The parties' side of the REST API: the list of parties and one party."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response

from core.api.base import ApiViewSet
from core.api.declared import documents
from core.api.exceptions import PARTY_NOT_FOUND, not_found
from core.api.serializers import ReadSerializer
from core.conditional import Stamp
from parties import selectors
from parties.fields import PARTY
from parties.models import Party
from parties.representations import party_data


@documents(PARTY, after="version")
class PartySerializer(ReadSerializer):
    """A state, bloc, organization or mediator that takes positions on the clauses, in the
    matrix's column order."""

    url = serializers.URLField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    positions_url = serializers.URLField(
        read_only=True, help_text="The party's positions in each plan's latest revision."
    )

    represent = staticmethod(party_data)


@extend_schema_view(
    list=extend_schema(
        summary="Parties, in the order of the matrix's columns",
        description="Every party that takes positions, in the order the overview shows "
        "them; each links to its positions in every plan's latest revision.",
    ),
    retrieve=extend_schema(
        summary="One party",
        description="The party named by its slug; 404 names the slug if there is none.",
    ),
)
class PartyViewSet(ApiViewSet):
    serializer_class = PartySerializer

    def read_stamp(self) -> Stamp:
        return selectors.party_stamp()

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
