"""API views: thin. Each finds its record through ``clauses.selectors``, renders it with a
serializer, and writes through the same services as the editor's forms."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import Resolver404, resolve
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from clauses import selectors, services
from clauses.api.base import (
    PlanApiViewSet,
    clause_found,
    found,
    revision_found,
    revision_reloaded,
    revision_stale,
)
from clauses.api.filters import PositionFilter, filter_positions, matched_page_reader
from clauses.api.inputs import (
    ClauseAdd,
    ClauseVersionEdit,
    PlanCreate,
    PlanEdit,
    PositionCreate,
    PositionEdit,
    PositionRecord,
    RevisionClone,
    RevisionEdit,
)
from clauses.api.renderers import ROWS_RENDERERS, CsvRenderer, positions_csv
from clauses.api.serializers import (
    ClauseDetailSerializer,
    ClauseSerializer,
    ClauseVersionSerializer,
    HistoryEntrySerializer,
    PlanSerializer,
    PositionSerializer,
    RevisionDetailSerializer,
    RevisionSerializer,
)
from clauses.api.text_languages import LANG_PARAMETER, text_language_asked
from clauses.models import Clause, ClauseVersion, Position, Revision
from clauses.representations import POSITION_FIELDS, positions_data
from clauses.selectors import api_reads as reads
from core.api.etag import etag_for, expected_version, parse_if_match
from core.api.exceptions import (
    API_PATH_NOT_FOUND,
    Conflict,
    PreconditionFailed,
    PreconditionRequired,
    not_found,
)
from core.api.idempotency import idempotent
from core.api.inputs import edit_summary
from core.api.schema import ErrorSerializer, PreconditionFailedSerializer
from core.tracking import EditConflict
from parties.selectors import party_get

CLONE_NUMBER_TAKEN = (
    "The next revision of plan {plan!r} is number {next}, not {number}: a revision was "
    "recorded since you read the plan (perhaps by this same request, sent twice; send an "
    "Idempotency-Key to retry safely). Read the plan's revisions, then clone again with the "
    "next number."
)

IF_NONE_MATCH_REQUIRED = (
    "To record a party's first position at its URL, send If-None-Match: * (record it only "
    "if there is none yet); to change a recorded position, PATCH it with If-Match."
)
IF_NONE_MATCH_ONLY_ANY = (
    "If-None-Match takes only * here (record the position only if there is none yet), not "
    "{value!r}."
)
POSITION_RECORDED_ALREADY = (
    "{party}'s position on clause {clause!r} in revision {number} is recorded already (its "
    "ETag is {etag}): change it with a PATCH of {url} and that ETag in If-Match."
)
NEW_CLAUSE_NOT_PERMITTED = (
    "You may add existing clauses to a revision but not create clauses: give the slug of "
    "an existing clause instead of a title and topic."
)
CREATE_POSITION_NOT_PERMITTED = "You may change positions but not record new ones."

# The If-None-Match of a PUT that records a first position: only "*".
IF_NONE_MATCH_ANY = OpenApiParameter(
    "If-None-Match",
    {"type": "string", "enum": ["*"]},
    OpenApiParameter.HEADER,
    required=True,
    description="`*`: record the position only if the party has none on this clause "
    "version yet. Required: without it the PUT is refused with 428; if a position is "
    "recorded already, 412 with it.",
)

EDIT_SUMMARY_EXAMPLE = "Reuters, 24 Nov 2025: first statement on this point"


def _request_example(name: str, value: dict, description: str = "") -> OpenApiExample:
    return OpenApiExample(name, value=value, request_only=True, description=description)


def _etag_response(serializer, description: str):
    return OpenApiResponse(
        response=serializer,
        description=f"{description} The ETag header holds the tag to send as If-Match.",
    )


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request, format=None):
    """The entry points of the API."""
    return Response(
        {
            "parties": reverse("api:party-list", request=request),
            "plans": reverse("api:plan-list", request=request),
            "positions": reverse("api:position-list", request=request),
            "schema": request.build_absolute_uri("/api/schema/"),
            "docs": request.build_absolute_uri("/api/docs/"),
        }
    )


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
def api_not_found(request, path=""):
    """Any other path under the API: a JSON 404 rather than the site's HTML page, or, for
    a resource's URL without its final slash, a redirect to it (308 keeps the method and
    the body of a write)."""
    if not request.path.endswith("/"):
        match = resolve_or_none(request.path + "/")
        if match is not None and match.url_name != "not-found":
            query = request.META.get("QUERY_STRING", "")
            location = request.path + "/" + (f"?{query}" if query else "")
            status = 301 if request.method in ("GET", "HEAD") else 308
            return Response(status=status, headers={"Location": location})
    raise not_found("path", API_PATH_NOT_FOUND.format(path=request.path))


def resolve_or_none(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


class PlanCreateMixin:
    """``POST /plans/``, on the plans' view set (whose queryset asks for "add plan")."""

    writes_without_if_match = ("create",)

    @extend_schema(
        summary="Create a plan (editors)",
        request=PlanCreate,
        responses={201: OpenApiResponse(PlanSerializer, "The plan; Location names it.")},
    )
    @idempotent
    def create(self, request):
        summary = edit_summary(request)
        inputs = PlanCreate(data=request.data)
        inputs.is_valid(raise_exception=True)
        plan = services.plan_create(user=request.user, summary=summary, **inputs.changes())
        plan = selectors.plan_get(plan.slug, selectors.api_reads.plans())
        location = self.links().plan(plan.slug)
        return Response(
            PlanSerializer.represent(plan, self.links()),
            status=201,
            headers={"Location": location, "ETag": etag_for(plan)},
        )


class PlanViewSet(PlanCreateMixin, PlanApiViewSet):
    serializer_class = PlanSerializer

    def get_queryset(self):
        return reads.plans()

    def get_object(self):
        plan = self.kwargs["plan"]
        return found(lambda: selectors.plan_get(plan, self.get_queryset()), plan=plan)

    @extend_schema(
        summary="Plans, by title",
        description="Every plan, with its number of revisions and links to its latest "
        "revision, its revisions, its clauses and its positions.",
    )
    def list(self, request):
        return self.paginated(self.get_queryset(), PlanSerializer)

    @extend_schema(
        summary="One plan",
        description="The plan named by its slug; 404 names the slug if there is none. The "
        "ETag (and `etag`) is the plan's own, for a PATCH.",
        responses=_etag_response(PlanSerializer, "The plan."),
    )
    def retrieve(self, request, plan: str):
        return self.with_etag(self.get_object())

    @extend_schema(
        summary="Edit a plan's title or description (editors)",
        description="Send only the fields that change, an edit summary, and the ETag you "
        "read in If-Match. The slug stays: the plan's URLs do not change.",
        request=PlanEdit,
        responses=_etag_response(PlanSerializer, "The plan as saved."),
        examples=[
            _request_example(
                "Retitle a plan",
                {
                    "title": "Peace framework for Ukraine (Geneva talks)",
                    "edit_summary": "Title as the negotiators now use it",
                },
            )
        ],
    )
    def partial_update(self, request, plan: str):
        record = self.get_object()
        return self.edit(
            record,
            input_class=PlanEdit,
            service=lambda **edit: services.plan_update(plan=record, **edit),
            reload=lambda pk: selectors.record_by_pk(self.get_queryset(), pk),
        )


@extend_schema_view(
    list=extend_schema(
        summary="A plan's revisions, by number",
        description="The plan's drafts, first to last, each with its status, provenance, "
        "source, the revision it continues and links to its diff and its clone action.",
    ),
    retrieve=extend_schema(
        summary="One revision, with its clause versions and their positions",
        description="The whole draft: its clause versions in draft order, each with every "
        "party's position. The ETag (and `etag`) is the revision's own, for a PATCH; each "
        "clause version and position carries its own.",
        parameters=[LANG_PARAMETER],
        responses=_etag_response(RevisionDetailSerializer, "The revision."),
    ),
    partial_update=extend_schema(
        summary="Edit a revision (editors)",
        description="Change a revision's label, date, status, provenance, author, source, "
        "notes or the revision it continues. Send only the fields that change, an edit "
        "summary, and the ETag you read in If-Match.",
        request=RevisionEdit,
        responses=_etag_response(RevisionDetailSerializer, "The revision as saved."),
    ),
)
class RevisionViewSet(PlanApiViewSet):
    queryset = selectors.nothing_of(Revision)  # for the model permissions of writes
    serializer_class = RevisionDetailSerializer
    # A revision holds thousands of positions; its data and its diff's hold no floats.
    renderer_classes = ROWS_RENDERERS
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return RevisionSerializer if self.action == "list" else RevisionDetailSerializer

    def get_object(self):
        return reads.with_contents(revision_found(self.kwargs["plan"], self.kwargs["number"]))

    def list(self, request, plan: str):
        return self.paginated(reads.revisions(_plan(plan)), RevisionSerializer)

    def retrieve(self, request, plan: str, number: int):
        language = text_language_asked(request)
        revision = self.get_object()
        revision.text_language = language  # read by revision_detail_data
        return self.with_etag(revision)

    def partial_update(self, request, plan: str, number: int):
        revision = self.get_object()
        return self.edit(
            revision,
            input_class=RevisionEdit,
            input_context={"plan": revision.plan},
            service=lambda **edit: services.revision_update(revision=revision, **edit),
            reload=lambda pk: revision_reloaded(revision.plan, pk),
        )

    @extend_schema(
        summary="Record the next revision as a copy of this one (editors)",
        description="If-Match names this revision as you read it: the copy is of what you "
        "saw. Copied positions are marked carried over until reconfirmed. A `number` that is "
        "no longer the plan's next one is 412, as when recording a draft.",
        request=RevisionClone,
        responses={
            201: _etag_response(RevisionDetailSerializer, "The new revision; Location names it.")
        },
    )
    @idempotent
    def clone(self, request, plan: str, number: int):
        source = self.get_object()
        if_match = parse_if_match(request)
        summary = edit_summary(request)
        inputs = RevisionClone(data=request.data, context={"plan": source.plan})
        inputs.is_valid(raise_exception=True)
        version = expected_version(if_match, source, current=lambda: self.represent(source))
        try:
            created = services.revision_clone(
                source=source,
                expected_source_version=version,
                user=request.user,
                summary=summary,
                **inputs.changes(),
            )
        except EditConflict as conflict:
            current = revision_reloaded(source.plan, conflict.current.pk)
            raise self.conflict(if_match, current) from None
        except DjangoValidationError as refused:
            if "number" in getattr(refused, "error_dict", {}):
                raise self._number_taken(source, inputs.validated_data["number"]) from None
            raise
        created = revision_reloaded(source.plan, created.pk)
        location = self.links().revision(source.plan.slug, created.number)
        return self.with_etag(created, status=201, headers={"Location": location})

    def _number_taken(self, source: Revision, number: int) -> PreconditionFailed:
        """412, as the drafts API answers a number taken since the dry run: the number the
        client expected is not the plan's next any more (checked under the plan's lock)."""
        current = revision_reloaded(source.plan, source.pk)
        message = CLONE_NUMBER_TAKEN.format(
            plan=source.plan.slug, next=selectors.next_revision_number(source.plan), number=number
        )
        return PreconditionFailed(
            {"number": message}, etag=etag_for(current), current=self.represent(current)
        )


@extend_schema_view(
    list=extend_schema(
        summary="A plan's clauses, by title, with their version in each revision",
        description="Every clause of the plan, with its number and status in each revision "
        "that holds it.",
    ),
    retrieve=extend_schema(
        summary="One clause, as worded in each revision, with the positions on it",
        description="The clause followed across the drafts: its wording in each revision "
        "that holds it, and every party's position there.",
        parameters=[LANG_PARAMETER],
    ),
)
class ClauseViewSet(PlanApiViewSet):
    queryset = selectors.nothing_of(Clause)  # for the model permissions (read-only here)
    serializer_class = ClauseDetailSerializer

    def get_serializer_class(self):
        if self.action == "list":
            return ClauseSerializer
        if self.action == "history":
            return HistoryEntrySerializer
        return ClauseDetailSerializer

    def list(self, request, plan: str):
        return self.paginated(reads.clauses(_plan(plan)), ClauseSerializer)

    def retrieve(self, request, plan: str, clause: str):
        language = text_language_asked(request)
        found_clause = clause_found(plan, clause)
        found_clause.text_language = language  # type: ignore[attr-defined]  # read by clause_detail_data
        return Response(self.represent(found_clause))

    @extend_schema(
        summary="A clause's edit history: who changed what, when and why, newest first",
        description="Every saved change to the clause, to its wording in any revision and "
        "to any position on it, with the editor's name and edit summary.",
        responses=HistoryEntrySerializer(many=True),
    )
    def history(self, request, plan: str, clause: str):
        entries = selectors.clause_edit_history(clause=_clause(plan, clause))
        return self.paginated(entries, HistoryEntrySerializer)


@extend_schema_view(
    retrieve=extend_schema(
        summary="A clause as worded in one revision, with the positions on it",
        description="`r{number}` names the revision. The ETag (and `etag`) is for a PATCH "
        "of this clause version.",
        parameters=[LANG_PARAMETER],
        responses=_etag_response(ClauseVersionSerializer, "The clause version."),
    ),
    partial_update=extend_schema(
        summary="Edit a clause's wording, number, status or place in one revision (editors)",
        description="Send only the fields that change, an edit summary, and the ETag you "
        "read in If-Match.",
        request=ClauseVersionEdit,
        responses=_etag_response(ClauseVersionSerializer, "The clause version as saved."),
    ),
)
class ClauseVersionViewSet(PlanApiViewSet):
    queryset = selectors.nothing_of(ClauseVersion)  # for the model permissions of writes
    serializer_class = ClauseVersionSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_object(self):
        plan, clause, number = (self.kwargs[name] for name in ("plan", "clause", "number"))
        return found(
            lambda: selectors.clause_version_lookup(
                plan_slug=plan,
                clause_slug=clause,
                number=number,
                queryset=reads.clause_versions(),
            ),
            plan=plan,
            clause=clause,
            number=number,
        )

    def retrieve(self, request, plan: str, clause: str, number: int):
        language = text_language_asked(request)
        version = self.get_object()
        version.text_language = language  # read by clause_version_data
        return self.with_etag(version)

    def partial_update(self, request, plan: str, clause: str, number: int):
        version = self.get_object()
        return self.edit(
            version,
            input_class=ClauseVersionEdit,
            service=lambda **edit: services.clause_version_update(clause_version=version, **edit),
            reload=lambda pk: selectors.record_by_pk(reads.clause_versions(), pk),
        )

    @extend_schema(
        summary="Add a clause to a revision (editors)",
        description="An existing clause of the plan that the revision does not hold yet "
        "(`clause`: its slug), or a new clause (`title` and `topic`; its slug is made from "
        "the title), with its `number`, `text` and `status` in this revision. Without a "
        "`number` or a `position_in_draft` it goes at the end of the draft, numbered after "
        "its last point; a number the revision holds already is a 400 naming `number`. "
        "If-Match names the revision as you read it (its ETag): a revision saved since is "
        "412, with the revision as it is now.",
        request=ClauseAdd,
        responses={
            201: _etag_response(
                ClauseVersionSerializer, "The clause as worded in the revision; Location names it."
            )
        },
        examples=[
            _request_example(
                "A new clause",
                {
                    "title": "Prisoner exchange",
                    "topic": "humanitarian",
                    "number": "12",
                    "text": "All prisoners of war will be exchanged on an all-for-all basis.",
                    "status": "agreed_in_principle",
                    "edit_summary": "Point 12 of the draft as published on 20 November",
                },
            ),
            _request_example(
                "An existing clause back in this draft",
                {
                    "clause": "de-facto-lines",
                    "text": "The line of contact will be frozen where it stands.",
                    "edit_summary": "Reinstated in the counter-draft",
                },
            ),
        ],
    )
    @idempotent
    def create(self, request, plan: str, number: int):
        revision = found(
            lambda: selectors.revision_get(plan_slug=plan, number=number), plan=plan, number=number
        )
        if_match = parse_if_match(request)
        summary = edit_summary(request)
        inputs = ClauseAdd(data=request.data, context={"revision": revision})
        inputs.is_valid(raise_exception=True)
        values = inputs.changes()
        if values.get("clause") is None and not request.user.has_perm("clauses.add_clause"):
            raise PermissionDenied(NEW_CLAUSE_NOT_PERMITTED)
        version = expected_version(
            if_match,
            revision,
            current=lambda: _revision_data(revision.plan, revision.pk, self.links()),
        )
        if "title" in values:
            values["title"] = values["title"].strip()
        try:
            added = services.clause_version_add(
                revision=revision,
                user=request.user,
                summary=summary,
                expected_revision_version=version,
                **values,
            )
        except EditConflict as conflict:
            raise revision_stale(
                if_match, revision.plan, conflict.current.pk, self.links()
            ) from None
        added = selectors.record_by_pk(reads.clause_versions(), added.pk)
        location = self.links().clause_version(plan, added.clause.slug, revision.number)
        return self.with_etag(added, status=201, headers={"Location": location})


@extend_schema_view(
    list=extend_schema(
        summary="Positions, filterable; by default those in each plan's latest revision",
        description="Each party's position on each clause, by plan, clause order and party. "
        "Filters combine; an unknown value is a 400 naming the filter, never an empty "
        "list. `revision` as a number reads that revision of `plan`, or of each plan.\n\n"
        "The same positions as one CSV file: `GET /api/v1/positions.csv` (`positions_csv`) "
        "with the same filters; `?format=csv` here answers that file too.",
    ),
    retrieve=extend_schema(
        summary="One party's position on a clause in one revision",
        description="The ETag (and `etag`) is for a PATCH of this position.",
        responses=_etag_response(PositionSerializer, "The position."),
    ),
    partial_update=extend_schema(
        summary="Edit a party's position (editors); saving reconfirms a carried-over one",
        description="Send only the fields that change, an edit summary, and the ETag you "
        "read in If-Match. A 412 holds the position as it is now.",
        request=PositionEdit,
        responses=_etag_response(PositionSerializer, "The position as saved."),
    ),
)
class PositionViewSet(PlanApiViewSet):
    queryset = selectors.nothing_of(Position)  # for the model permissions of writes
    serializer_class = PositionSerializer
    # A page holds up to 500 positions; their data holds no floats.
    renderer_classes = ROWS_RENDERERS
    filterset_class = PositionFilter
    http_method_names = ["get", "put", "post", "patch", "head", "options"]
    # A first position has no ETag to match: PUT sends If-None-Match: * instead, and a
    # POST creates.
    writes_without_if_match = ("record", "create")

    # The schema documents the filters from here; the list applies them itself.
    filter_backends = [DjangoFilterBackend]

    def get_object(self):
        names = ("plan", "clause", "number", "party")
        plan, clause, number, party = (self.kwargs[name] for name in names)
        return found(
            lambda: selectors.position_get(
                plan_slug=plan,
                clause_slug=clause,
                number=number,
                party_slug=party,
                queryset=reads.positions(),
            ),
            plan=plan,
            clause=clause,
            number=number,
            party=party,
        )

    def get_renderers(self):
        renderers = super().get_renderers()
        return [*renderers, CsvRenderer()] if self._asks_for_csv() else renderers

    def _asks_for_csv(self) -> bool:
        """The list answers CSV when asked (``?format=csv`` or ``Accept: text/csv``), the
        same file as ``positions.csv``, and names it among its formats when a ``format`` is
        asked for; the schema, which asks for neither, states the list as JSON only and the
        CSV as its own operation (clauses/api/position_downloads.py)."""
        request = getattr(self, "request", None)
        if self.action != "list" or request is None:
            return False
        query = getattr(request, "query_params", request.GET)
        return "format" in query or "text/csv" in request.META.get("HTTP_ACCEPT", "")

    def list(self, request):
        # The filters and the paginator of every list, by faster paths that answer the
        # same. The page query matches plans and parties by slug: a page with rows is
        # answered at once. Anything else (a value to refuse, a page found from the count,
        # an empty page, which may mean a plan or party that does not exist) goes through
        # filter_positions and paginate_rows, which check and answer it as they always have.
        params = request.query_params
        csv = request.accepted_renderer.format == "csv"
        found = None
        read = None if csv else matched_page_reader(params)
        if read is not None:
            found = self.paginator.read_page(read, request)
            if found:
                page = self.paginator.found_page(found, request)
                return self.get_paginated_response(positions_data(page, self.links()))
        positions = filter_positions(params, reads.positions())
        if csv:
            named = [params.get(key, "") for key in ("plan", "revision", "party")]
            return positions_csv(positions, self.links(), name=("positions", *named))
        page = self.paginator.paginate_rows(positions, POSITION_FIELDS, request, found=found)
        return self.get_paginated_response(positions_data(page, self.links()))

    def retrieve(self, request, plan: str, clause: str, number: int, party: str):
        return self.with_etag(self.get_object())

    def partial_update(self, request, plan: str, clause: str, number: int, party: str):
        position = self.get_object()
        return self.edit(
            position,
            input_class=PositionEdit,
            service=lambda *, changes, **edit: services.position_save(
                clause_version=position.clause_version,
                party=position.party,
                values=changes,
                **edit,
            ),
            reload=lambda pk: selectors.record_by_pk(reads.positions(), pk),
        )

    @extend_schema(
        summary="Record a party's first position on a clause in one revision (editors)",
        description="At the position's own URL, with `If-None-Match: *`: the position is "
        "recorded only if the party has none there yet; if it has, 412 with the position as "
        "it is (change that one with a PATCH and its ETag in If-Match). Every field is "
        "optional (a stance left out is unknown); the edit summary is required. 201 with "
        "the position, its ETag and its URL in Location.",
        parameters=[IF_NONE_MATCH_ANY],
        request=PositionRecord,
        responses={
            201: _etag_response(PositionSerializer, "The position recorded; Location names it."),
            412: OpenApiResponse(
                PreconditionFailedSerializer,
                "The party has a position here already: the body holds it (`current`) and "
                "its ETag, to PATCH it with.",
            ),
            428: OpenApiResponse(ErrorSerializer, "If-None-Match: * is missing."),
        },
        examples=[
            _request_example(
                "A first position",
                {
                    "stance": "opposes",
                    "summary": "Rejects any limit on the size of its armed forces.",
                    "source_title": "Reuters, 24 November 2025",
                    "stated_on": "2025-11-24",
                    "edit_summary": EDIT_SUMMARY_EXAMPLE,
                },
            )
        ],
    )
    def record(self, request, plan: str, clause: str, number: int, party: str):
        clause_version, party_record = self._clause_version_and_party(plan, clause, number, party)
        _require_if_none_match_any(request)
        return self._record_first(
            request, clause_version, party_record, PositionRecord, refuse=self._recorded_412
        )

    @extend_schema(
        summary="Record a party's first position on a clause in one revision (editors)",
        description="The same as a PUT with `If-None-Match: *` at the position's URL, for "
        "clients that rather POST to a collection: `party` names the party. If the party has "
        "a position there already, 409 (change that one with a PATCH and its ETag in "
        "If-Match). 201 with the position, its ETag and its URL in Location.",
        request=PositionCreate,
        responses={
            201: _etag_response(PositionSerializer, "The position recorded; Location names it."),
            409: OpenApiResponse(
                ErrorSerializer,
                "The party has a position here already (the message names its URL and "
                "ETag); nothing was written. Or a request with this Idempotency-Key is "
                "still being answered.",
            ),
        },
        examples=[
            _request_example(
                "A first position",
                {
                    "party": "russia",
                    "stance": "red_line",
                    "summary": "Demands the whole of Donetsk region.",
                    "edit_summary": EDIT_SUMMARY_EXAMPLE,
                },
            )
        ],
    )
    @idempotent
    def create(self, request, plan: str, clause: str, number: int):
        clause_version = _clause_version(plan, clause, number)
        return self._record_first(
            request, clause_version, None, PositionCreate, refuse=self._recorded_409
        )

    def _clause_version_and_party(self, plan: str, clause: str, number: int, party: str):
        clause_version = _clause_version(plan, clause, number)
        party_record = found(
            lambda: party_get(party), plan=plan, clause=clause, number=number, party=party
        )
        return clause_version, party_record

    def _record_first(self, request, clause_version, party, input_class, *, refuse):
        """Record the party's first position on ``clause_version`` through the same service
        as the editor's form, as a position loaded when there was none (version 0): one
        recorded meanwhile, even by a request racing this one, is refused by ``refuse``."""
        if not request.user.has_perm("clauses.add_position"):
            raise PermissionDenied(CREATE_POSITION_NOT_PERMITTED)
        summary = edit_summary(request)
        inputs = input_class(data=request.data)
        inputs.is_valid(raise_exception=True)
        values = inputs.changes()
        party = values.pop("party", party)
        existing = selectors.position_of(clause_version=clause_version, party=party)
        if existing is not None:
            raise refuse(selectors.record_by_pk(reads.positions(), existing.pk))
        try:
            created = services.position_save(
                clause_version=clause_version,
                party=party,
                expected_version=0,
                values=values,
                user=request.user,
                summary=summary,
            )
        except EditConflict as conflict:
            raise refuse(selectors.record_by_pk(reads.positions(), conflict.current.pk)) from None
        created = selectors.record_by_pk(reads.positions(), created.pk)
        location = self.links().position(
            created.clause_version.revision.plan.slug,
            created.clause_version.clause.slug,
            created.clause_version.revision.number,
            created.party.slug,
        )
        return self.with_etag(created, status=201, headers={"Location": location})

    def _recorded_message(self, position: Position) -> str:
        version = position.clause_version
        url = self.links().position(
            version.revision.plan.slug,
            version.clause.slug,
            version.revision.number,
            position.party.slug,
        )
        return POSITION_RECORDED_ALREADY.format(
            party=position.party.name,
            clause=version.clause.slug,
            number=version.revision.number,
            etag=etag_for(position),
            url=url,
        )

    def _recorded_412(self, position: Position) -> PreconditionFailed:
        return PreconditionFailed(
            {"If-None-Match": self._recorded_message(position)},
            etag=etag_for(position),
            current=self.represent(position),
        )

    def _recorded_409(self, position: Position) -> Conflict:
        return Conflict({"party": self._recorded_message(position)})


def _require_if_none_match_any(request) -> None:
    """428 without If-None-Match, 400 for anything but ``*``: only "record it if there is
    none" is a precondition this URL can check for a position not recorded yet."""
    value = request.headers.get("If-None-Match")
    if value is None or not value.strip():
        raise PreconditionRequired({"If-None-Match": IF_NONE_MATCH_REQUIRED})
    if value.strip() != "*":
        raise ValidationError({"If-None-Match": IF_NONE_MATCH_ONLY_ANY.format(value=value)})


def _clause_version(plan: str, clause: str, number: int) -> ClauseVersion:
    return found(
        lambda: selectors.clause_version_lookup(plan_slug=plan, clause_slug=clause, number=number),
        plan=plan,
        clause=clause,
        number=number,
    )


def _revision_data(plan, pk: int, links) -> dict:
    return RevisionDetailSerializer.represent(revision_reloaded(plan, pk), links)


def _plan(slug: str):
    return found(lambda: selectors.plan_get(slug), plan=slug)


def _clause(plan: str, clause: str) -> Clause:
    return found(
        lambda: selectors.clause_get(plan_slug=plan, clause_slug=clause),
        plan=plan,
        clause=clause,
    )
