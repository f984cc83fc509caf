"""What every API view shares: authentication order, pagination, the schema class, and the
write flow (If-Match, edit summary, input, service call, fresh representation + ETag)."""

from collections.abc import Callable

from django.db import transaction
from rest_framework import viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from clauses.tracking import EditConflict, TrackedModel

from .etag import IfMatch, etag_for, expected_version, parse_if_match, stale
from .inputs import EditInput, edit_summary
from .links import Links
from .pagination import ApiPagination
from .schema import ApiAutoSchema


class ApiViewSet(viewsets.GenericViewSet):
    # Token first: an anonymous write then gets 401 with "WWW-Authenticate: Token", which
    # tells a script what to send; with session first DRF can only answer 403.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    # JSON in, JSON out: the API documents (and tests) one body format.
    parser_classes = [JSONParser]
    pagination_class = ApiPagination
    schema = ApiAutoSchema()
    filter_backends: list = []

    def initial(self, request, *args, **kwargs):
        # A method the resource does not have is 405 for everyone; DRF would check the
        # model permissions first and answer an editor's DELETE with 403.
        if not hasattr(self, request.method.lower()):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def represent(self, instance) -> dict:
        serializer_class = self.get_serializer_class()
        return serializer_class.represent(instance, self.links())

    def links(self) -> Links:
        return Links(self.request)

    def paginated(self, queryset, serializer_class) -> Response:
        page = self.paginate_queryset(queryset)
        links = self.links()
        return self.get_paginated_response(
            [serializer_class.represent(item, links) for item in page]
        )

    def with_etag(self, record: TrackedModel, *, status: int = 200, headers=None) -> Response:
        return Response(
            self.represent(record),
            status=status,
            headers={"ETag": etag_for(record), **(headers or {})},
        )

    def edit(
        self,
        record: TrackedModel,
        *,
        input_class: type[EditInput],
        service: Callable,
        reload: Callable[[int], TrackedModel],
        input_context: dict | None = None,
    ) -> Response:
        """Apply a PATCH through ``service`` if the client's If-Match is still current.

        The order of refusals: no If-Match (428), no edit summary or a bad body (400), a
        stale If-Match (412, with the record as it is now). The service locks the row and
        compares versions again, so a write racing this one still cannot be lost.
        """
        if_match = parse_if_match(self.request)
        summary = edit_summary(self.request)
        inputs = input_class(data=self.request.data, context=input_context or {})
        inputs.is_valid(raise_exception=True)
        version = expected_version(if_match, record, current=lambda: self.represent(record))
        try:
            # The services write in one transaction of their own; this one also holds
            # whatever a service does before it, so a refused write leaves nothing behind.
            with transaction.atomic():
                service(
                    expected_version=version,
                    changes=inputs.changes(),
                    user=self.request.user,
                    summary=summary,
                )
        except EditConflict as conflict:
            raise self.conflict(if_match, reload(conflict.current.pk)) from None
        return self.with_etag(reload(record.pk))

    def conflict(self, if_match: IfMatch, current: TrackedModel):
        return stale(if_match, current, current=self.represent(current))

    @staticmethod
    def locked_version(record: TrackedModel, if_match: IfMatch, current) -> int:
        """Lock ``record`` and check the If-Match against it. Call it in a transaction:
        the lock holds until the transaction ends."""
        locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
        return expected_version(if_match, locked, current=current)
