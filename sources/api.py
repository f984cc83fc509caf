"""The sources' side of the REST API: the list of sources, one source with its text, and a
new source recorded by an editor (with the same checks as the editor's form)."""

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import permissions, serializers
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from core.api.base import ApiViewSet
from core.api.declared import documents
from core.api.etag import etag_for
from core.api.exceptions import not_found
from core.api.idempotency import idempotent
from core.api.inputs import EditInput, edit_summary
from core.api.serializers import ReadSerializer
from core.conditional import Stamp
from sources import selectors, services
from sources.fields import SOURCE
from sources.models import Source
from sources.representations import source_data, source_detail_data
from sources.text import MAX_TEXT, TOO_LONG

SOURCE_NOT_FOUND = "There is no source {source}: /api/v1/sources/ lists them."
HTML_STRIPPED_HEADER = "X-Text-Notice"

# Who may record a source: whoever may record a position citing it.
RECORD_PERMISSION = "clauses.add_position"


class TextTooLong(APIException):
    status_code = 413
    default_code = "text_too_long"


class MayRecordSources(permissions.BasePermission):
    """Anyone reads; an editor who may record positions records the sources they cite."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(RECORD_PERMISSION))


@documents(SOURCE, after="version")
class SourceSerializer(ReadSerializer):
    """A document positions cite: a news report, an official text, a transcript or a
    statement. Its text is given when one source is read (`text`), and its SHA-256 here."""

    id = serializers.IntegerField(read_only=True)
    api_url = serializers.URLField(
        read_only=True, help_text="This source in the API (url is the source's own address)."
    )
    version = serializers.IntegerField(read_only=True)
    no_url_given = serializers.BooleanField(
        read_only=True, help_text="True when the source has no URL (url is blank)."
    )

    represent = staticmethod(source_data)


class SourceDetailSerializer(SourceSerializer):
    text = serializers.CharField(
        read_only=True,
        help_text="The full text as pasted; blank when not recorded (quotes citing it are "
        "then not checked).",
    )

    represent = staticmethod(source_detail_data)


class SourceCreate(EditInput, serializers.ModelSerializer):
    """A new source: its fields and its text, with an edit summary."""

    text = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text=f"The full text, at most {MAX_TEXT:,} characters (413 beyond). HTML is "
        f"stripped to its text, and the response then carries an {HTML_STRIPPED_HEADER} "
        "header saying so.",
    )

    class Meta:
        model = Source
        fields = ("edit_summary", *SOURCE.editable, "text")


@extend_schema_view(
    list=extend_schema(
        summary="Sources, by title",
        description="Every recorded source, without its text (read one source for it).",
    ),
    retrieve=extend_schema(
        summary="One source, with its text",
        description="The source named by its id; 404 names the id if there is none.",
        parameters=[
            OpenApiParameter("source", int, OpenApiParameter.PATH, description="The source's id.")
        ],
        responses=SourceDetailSerializer,
    ),
)
class SourceViewSet(ApiViewSet):
    serializer_class = SourceSerializer
    permission_classes = [MayRecordSources]
    writes_without_if_match = ("create",)

    def read_stamp(self) -> Stamp:
        return selectors.source_stamp()

    def get_queryset(self):
        return selectors.sources_in_order()

    def list(self, request):
        return self.paginated(self.get_queryset(), SourceSerializer)

    def retrieve(self, request, source: int):
        try:
            found = selectors.source_get(source)
        except Source.DoesNotExist:
            raise not_found("source", SOURCE_NOT_FOUND.format(source=source)) from None
        return Response(source_detail_data(found, self.links()), headers={"ETag": etag_for(found)})

    @extend_schema(
        summary="Record a source (editors)",
        description="A new source with its text, as the editor's form records it: HTML is "
        "stripped to its text (the X-Text-Notice header says so), a text beyond "
        f"{MAX_TEXT:,} characters is refused with 413. Positions then cite it by its id "
        "(their `source`), their quotes checked against its text.",
        request=SourceCreate,
        responses={
            201: OpenApiResponse(SourceDetailSerializer, "The source; Location names it."),
            413: OpenApiResponse(description="The text is longer than the limit."),
        },
    )
    @idempotent
    def create(self, request):
        summary = edit_summary(request)
        text = request.data.get("text") if hasattr(request.data, "get") else None
        if isinstance(text, str) and len(text) > MAX_TEXT:
            raise TextTooLong({"text": [TOO_LONG.format(length=len(text))]})
        inputs = SourceCreate(data=request.data)
        inputs.is_valid(raise_exception=True)
        source = services.source_create(values=inputs.changes(), user=request.user, summary=summary)
        headers = {"Location": self.links()("source-detail", source=source.pk)}
        headers["ETag"] = etag_for(source)
        if source.html_stripped:
            headers[HTML_STRIPPED_HEADER] = "html-stripped"
        return Response(source_detail_data(source, self.links()), status=201, headers=headers)
