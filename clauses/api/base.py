"""What every API view shares: authentication order, pagination, the schema class, and the
write flow (If-Match, edit summary, input, service call, fresh representation + ETag)."""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from clauses import selectors
from clauses.conditional import ConditionalRead
from clauses.links import Links
from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.selectors.stamps import Stamp, plan_stamp, site_stamp
from clauses.tracking import EditConflict, TrackedModel

from .authentication import BearerOrTokenAuthentication
from .etag import IfMatch, etag_for, expected_version, parse_if_match, stale
from .exceptions import (
    CLAUSE_NOT_FOUND,
    CLAUSE_VERSION_NOT_FOUND,
    PARAMETER_EMPTY,
    PARTY_NOT_FOUND,
    PLAN_NOT_FOUND,
    POSITION_NOT_FOUND,
    REVISION_NOT_FOUND,
    not_found,
)
from .inputs import EditInput, edit_summary
from .pagination import ApiPagination
from .parsers import JSONBodyParser
from .schema import ApiAutoSchema

T = TypeVar("T")

FORMAT_PARAMETER = api_settings.URL_FORMAT_OVERRIDE

READS = frozenset({"get", "head", "options"})


class Answered(Exception):
    """A read answered before its handler runs (a 304 or a cached response)."""

    def __init__(self, response):
        self.response = response
        super().__init__("answered early")


# What the 404 of each missing part of a URL says, and which parameter it names.
_NOT_FOUND = {
    Plan: ("plan", PLAN_NOT_FOUND),
    Clause: ("clause", CLAUSE_NOT_FOUND),
    Revision: ("number", REVISION_NOT_FOUND),
    ClauseVersion: ("number", CLAUSE_VERSION_NOT_FOUND),
    selectors.lookups.Party: ("party", PARTY_NOT_FOUND),
    Position: ("party", POSITION_NOT_FOUND),
}


def found(
    lookup: Callable[[], T],
    *,
    plan: str,
    clause: str | None = None,
    number: int | None = None,
    party: str | None = None,
) -> T:
    """What the selector ``lookup`` finds, or the JSON 404 naming the first part of the
    URL (``plan``, ``clause``, ``number``, ``party``) that names nothing."""
    try:
        return lookup()
    except ObjectDoesNotExist:
        model = selectors.missing_part(plan=plan, clause=clause, number=number, party=party)
        field, message = _NOT_FOUND[model]
        if number is not None and model is not Revision:
            number = min(number, selectors.MAX_NUMBER + 1)
        names = {"plan": plan, "clause": clause, "number": number, "party": party}
        raise not_found(field, message.format(**names)) from None


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
        # After authentication and throttling: a 304 or a cached answer still counts
        # against an anonymous client's rate.
        self.conditional_read = None
        if request.method not in ("GET", "HEAD"):
            return
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
        """The change stamp of what this read shows (one query): the plan its URL or its
        ``plan`` filter names, else every plan and party. None for a plan that does not
        exist, which the handler answers with its 404."""
        plan = self.kwargs.get("plan") or self.request.GET.get("plan")
        if plan:
            return plan_stamp(plan)
        return site_stamp()

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
