"""What every API view shares: authentication order, pagination, the schema class,
conditional reads, and the write flow (If-Match, edit summary, input, service call, fresh
representation + ETag)."""

import re
from collections.abc import Callable
from typing import cast

from django.core.exceptions import ImproperlyConfigured
from rest_framework import viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.api.authentication import BearerOrTokenAuthentication
from core.api.etag import (
    IF_NONE_MATCH_MALFORMED,
    IF_NONE_MATCH_PATTERN,
    IfMatch,
    etag_for,
    expected_version,
    parse_if_match,
    stale,
)
from core.api.exceptions import PARAMETER_EMPTY
from core.api.inputs import EditInput, edit_summary
from core.api.pagination import ApiPagination
from core.api.parsers import JSONBodyParser
from core.api.query import undeclared_query
from core.api.schema import ApiAutoSchema
from core.api.serializers import ReadSerializer
from core.conditional import ConditionalRead, Stamp
from core.links import Links
from core.tracking import EditConflict, TrackedModel

FORMAT_PARAMETER = api_settings.URL_FORMAT_OVERRIDE

READS = frozenset({"get", "head", "options"})
UNKNOWN_QUERY_PARAMETER = (
    "Unknown query parameter: {path} does not read it (the schema, /api/schema/, lists the "
    "parameters each operation reads)."
)


class Answered(Exception):
    """A read answered before its handler runs (a 304 or a cached response)."""

    def __init__(self, response):
        self.response = response
        super().__init__("answered early")


class ApiViewSet(viewsets.GenericViewSet):
    # Token first: an anonymous write then gets 401 with "WWW-Authenticate: Token", which
    # tells a script what to send; with session first DRF can only answer 403.
    authentication_classes = [BearerOrTokenAuthentication, SessionAuthentication]
    # JSON in, JSON out: the API documents (and tests) one body format.
    parser_classes = [JSONBodyParser]
    pagination_class = ApiPagination
    schema = ApiAutoSchema()
    filter_backends: list = []

    def initial(self, request, *args, **kwargs):
        # A method the resource does not have is 405 for everyone; DRF would check the
        # model permissions first and answer an editor's DELETE with 403.
        if not hasattr(self, request.method.lower()):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        unknown = undeclared_query(request)
        if unknown:
            raise ValidationError(
                {name: UNKNOWN_QUERY_PARAMETER.format(path=request.path) for name in unknown}
            )
        # After authentication and throttling: a 304 or a cached answer still counts
        # against an anonymous client's rate.
        self.conditional_read = None
        if request.method not in ("GET", "HEAD"):
            return
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None and not re.fullmatch(IF_NONE_MATCH_PATTERN, if_none_match):
            # Sent but no tag this API could have sent, as the schema states.
            raise ValidationError(
                {"If-None-Match": IF_NONE_MATCH_MALFORMED.format(value=if_none_match)}
            )
        stamp = self.read_stamp()
        if stamp is None:
            return
        read = ConditionalRead(
            request,
            stamp,
            # JSON and the browsable API are two representations of one URL.
            variant=request.META.get("HTTP_ACCEPT", ""),
            # A record a client may write keeps its own tag, for If-Match.
            record_tagged=self.action == "retrieve" and bool(set(self.action_map) - READS),
        )
        early = read.early_response()
        if early is not None:
            raise Answered(early)
        self.conditional_read = read

    def read_stamp(self) -> Stamp | None:
        """The change stamp of what this read shows (one query), or None to answer every
        read afresh: each resource's view set says which stamp names its state."""
        return None

    def handle_exception(self, exc):
        if isinstance(exc, Answered):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        read = getattr(self, "conditional_read", None)
        if read is not None:
            read.finish(response)
        return response

    def perform_content_negotiation(self, request, force=False):
        # An empty ?format= would fall back to JSON unnoticed; as with an empty filter, a
        # client that meant a format is told. (With force, DRF is choosing how to render
        # an error: any renderer will do.)
        if not force and request.query_params.get(FORMAT_PARAMETER) == "":
            raise ValidationError({FORMAT_PARAMETER: PARAMETER_EMPTY.format(name=FORMAT_PARAMETER)})
        return super().perform_content_negotiation(request, force)

    def represent(self, instance) -> dict:
        serializer_class = cast(type[ReadSerializer], self.get_serializer_class())
        return serializer_class.represent(instance, self.links())

    def links(self) -> Links:
        return Links(self.request)

    def paginated(self, queryset, serializer_class) -> Response:
        page = self.paginate_queryset(queryset)
        if page is None:
            raise ImproperlyConfigured(f"{type(self).__name__} has no pagination_class.")
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
