"""API views: thin. Each finds its record through ``clauses.selectors``, renders it with a
serializer, and writes through the same services as the editor's forms."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import Resolver404, resolve
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from clauses import selectors, services
from clauses.api.base import PlanApiViewSet, found
from clauses.api.filters import PositionFilter, filter_positions, positions_matched_by_slug
from clauses.api.inputs import (
    ClauseVersionEdit,
    PlanCreate,
    PositionEdit,
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
from clauses.models import Clause, ClauseVersion, Position, Revision
from clauses.representations import POSITION_FIELDS, positions_data
from clauses.selectors import api_reads as reads
from core.api.etag import etag_for, expected_version, parse_if_match
from core.api.exceptions import API_PATH_NOT_FOUND, PreconditionFailed, not_found
from core.api.idempotency import idempotent
from core.api.inputs import edit_summary
from core.tracking import EditConflict

CLONE_NUMBER_TAKEN = (
    "The next revision of plan {plan!r} is number {next}, not {number}: a revision was "
    "recorded since you read the plan (perhaps by this same request, sent twice; send an "
    "Idempotency-Key to retry safely). Read the plan's revisions, then clone again with the "
    "next number."
)


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

    @extend_schema(
        summary="Plans, by title",
        description="Every plan, with its number of revisions and links to its latest "
        "revision, its revisions, its clauses and its positions.",
    )
    def list(self, request):
        return self.paginated(self.get_queryset(), PlanSerializer)

    @extend_schema(
        summary="One plan",
        description="The plan named by its slug; 404 names the slug if there is none.",
    )
    def retrieve(self, request, plan: str):
        return Response(
            self.represent(found(lambda: selectors.plan_get(plan, self.get_queryset()), plan=plan))
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
        plan, number = self.kwargs["plan"], self.kwargs["number"]
        revision = found(
            lambda: selectors.revision_get(
                plan_slug=plan, number=number, queryset=reads.revision_detail()
            ),
            plan=plan,
            number=number,
        )
        return reads.with_contents(revision)

    def list(self, request, plan: str):
        return self.paginated(reads.revisions(_plan(plan)), RevisionSerializer)

    def retrieve(self, request, plan: str, number: int):
        return self.with_etag(self.get_object())

    def partial_update(self, request, plan: str, number: int):
        revision = self.get_object()
        return self.edit(
            revision,
            input_class=RevisionEdit,
            input_context={"plan": revision.plan},
            service=lambda **edit: services.revision_update(revision=revision, **edit),
            reload=lambda pk: _reload_revision(revision.plan, pk),
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
            current = _reload_revision(source.plan, conflict.current.pk)
            raise self.conflict(if_match, current) from None
        except DjangoValidationError as refused:
            if "number" in getattr(refused, "error_dict", {}):
                raise self._number_taken(source, inputs.validated_data["number"]) from None
            raise
        created = _reload_revision(source.plan, created.pk)
        location = self.links().revision(source.plan.slug, created.number)
        return self.with_etag(created, status=201, headers={"Location": location})

    def _number_taken(self, source: Revision, number: int) -> PreconditionFailed:
        """412, as the drafts API answers a number taken since the dry run: the number the
        client expected is not the plan's next any more (checked under the plan's lock)."""
        current = _reload_revision(source.plan, source.pk)
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
        queryset = reads.clause_detail(_plan(plan))
        return Response(self.represent(_clause(plan, clause, queryset)))

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
    http_method_names = ["get", "patch", "head", "options"]

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
        return self.with_etag(self.get_object())

    def partial_update(self, request, plan: str, clause: str, number: int):
        version = self.get_object()
        return self.edit(
            version,
            input_class=ClauseVersionEdit,
            service=lambda **edit: services.clause_version_update(clause_version=version, **edit),
            reload=lambda pk: selectors.record_by_pk(reads.clause_versions(), pk),
        )


@extend_schema_view(
    list=extend_schema(
        summary="Positions, filterable; by default those in each plan's latest revision",
        description="Each party's position on each clause, by plan, clause order and party. "
        "Filters combine; an unknown value is a 400 naming the filter, never an empty "
        "list. `revision` takes a number only with `plan`.\n\n"
        "With format=csv (or Accept: text/csv) every position the filters "
        "select comes as one streamed CSV file, unpaginated: revision=all exports every "
        "revision in bulk. Columns: the JSON's fields, the stance as stance, stance_label "
        "and stance_value. UTF-8 with a byte order mark; a text cell that would start a "
        "spreadsheet formula begins with an apostrophe.\n\n"
        "    curl -o positions.csv 'https://HOST/api/v1/positions/?plan=PLAN&revision=all"
        "&format=csv'",
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "csv"],
                description="json (the default) or csv: all matching rows, streamed.",
            )
        ],
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
    http_method_names = ["get", "patch", "head", "options"]

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
        return [*renderers, CsvRenderer()] if self.action == "list" else renderers

    def list(self, request):
        # The filters and the paginator of every list, by faster paths that answer the
        # same. The page query matches plans and parties by slug: a page with rows is
        # answered at once. Anything else (a value to refuse, a page found from the count,
        # an empty page, which may mean a plan or party that does not exist) goes through
        # filter_positions and paginate_rows, which check and answer it as they always have.
        params = request.query_params
        csv = request.accepted_renderer.format == "csv"
        found = None
        matched = None if csv else positions_matched_by_slug(params)
        if matched is not None:
            found = self.paginator.read_page(matched, POSITION_FIELDS, request)
            if found:
                page = self.paginator.paginate_rows(matched, POSITION_FIELDS, request, found=found)
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


def _plan(slug: str):
    return found(lambda: selectors.plan_get(slug), plan=slug)


def _clause(plan: str, clause: str, queryset=None) -> Clause:
    return found(
        lambda: selectors.clause_get(plan_slug=plan, clause_slug=clause, queryset=queryset),
        plan=plan,
        clause=clause,
    )


def _reload_revision(plan, pk: int) -> Revision:
    return reads.with_contents(selectors.record_by_pk(reads.revision_detail(plan), pk))
