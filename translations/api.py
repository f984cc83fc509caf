"""The API of the parallel texts: ``/api/v1/translations/``.

GET lists translations, filtered by plan, revision and language; POST records one point's
text in a language (editors), with the checks of the paste form: a language the site
knows and not the originals', a point of the revision, one text per point and language,
an edit summary (``edit_summary`` in the body or the ``X-Edit-Summary`` header). Reads are
keyed by the plan's change stamp like every read of a plan (clauses/api/base.py).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from clauses import selectors as clause_selectors
from clauses.api.base import PlanApiViewSet
from core import text_limits
from core.api.etag import etag_for
from core.api.idempotency import idempotent
from core.api.inputs import EditInput, edit_summary
from core.api.serializers import ReadSerializer
from core.links import Links
from sources.selectors import source_get
from translations import selectors
from translations.languages import CHOICES, LANGUAGES, direction, unknown_language
from translations.models import ClauseVersionTranslation
from translations.services import translation_create

REVISION_WITHOUT_PLAN = "A revision number means nothing without its plan: add plan=<slug>."
REVISION_NOT_A_NUMBER = "Give a revision's number, e.g. 2."
NO_SUCH_SOURCE = "No recorded source has the id {pk}: see /api/v1/sources/."
NO_SUCH_POINT = "Revision {number} of plan {plan!r} has no point of clause {clause!r}."


PLAN_EMPTY = "Name a plan by its slug, or leave the filter out."


class TranslationSerializer(ReadSerializer):
    """One clause version's text in a language other than the original's: official or
    not, its source, and "stale" when the original's wording changed after it was made."""

    id = serializers.IntegerField(read_only=True)
    plan = serializers.SlugField(read_only=True)
    revision = serializers.IntegerField(read_only=True, help_text="The revision's number.")
    clause = serializers.SlugField(read_only=True, help_text="The clause's slug.")
    number = serializers.CharField(read_only=True, help_text="The point's label in the draft.")
    language = serializers.ChoiceField(choices=CHOICES, read_only=True)
    language_name = serializers.CharField(read_only=True, help_text="In its own script.")
    direction = serializers.ChoiceField(choices=["ltr", "rtl"], read_only=True)
    text = serializers.CharField(read_only=True)
    official = serializers.BooleanField(read_only=True)
    stale = serializers.BooleanField(
        read_only=True, help_text="Made before the original's wording last changed."
    )
    source_title = serializers.CharField(read_only=True)
    source_url = serializers.CharField(read_only=True)
    source_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The stored source's id, if any."
    )
    etag = serializers.CharField(read_only=True)
    clause_version_url = serializers.URLField(read_only=True)

    @staticmethod
    def represent(translation: ClauseVersionTranslation, links: Links, /) -> dict:
        version = translation.clause_version
        revision = version.revision
        return {
            "id": translation.pk,
            "plan": revision.plan.slug,
            "revision": revision.number,
            "clause": version.clause.slug,
            "number": version.number,
            "language": translation.language,
            "language_name": LANGUAGES[translation.language].name,
            "direction": direction(translation.language),
            "text": translation.text,
            "official": translation.official,
            "stale": translation.stale,
            "source_title": translation.source_title,
            "source_url": translation.source_url,
            "source_id": translation.source_id,
            "etag": etag_for(translation),
            "clause_version_url": links(
                "clauseversion-detail",
                plan=revision.plan.slug,
                clause=version.clause.slug,
                number=revision.number,
            ),
        }


class TranslationCreate(EditInput):
    """A point's text in one language: the point by plan, revision number and clause."""

    plan = serializers.SlugField(help_text="The plan's slug.")
    revision = serializers.IntegerField(min_value=1, help_text="The revision's number.")
    clause = serializers.SlugField(help_text="The slug of the clause the point belongs to.")
    language = serializers.ChoiceField(
        choices=CHOICES, help_text="ISO 639-1 code; not the originals' language."
    )
    text = serializers.CharField(max_length=text_limits.CLAUSE_TEXT)
    official = serializers.BooleanField(default=False)
    source_id = serializers.IntegerField(
        required=False, allow_null=True, help_text="A recorded source's id, if there is one."
    )
    source_title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True)


FILTERS = [
    OpenApiParameter("plan", OpenApiTypes.STR, description="A plan's slug."),
    OpenApiParameter(
        "revision", OpenApiTypes.INT, description="A revision's number (with `plan`)."
    ),
    OpenApiParameter(
        "language",
        OpenApiTypes.STR,
        enum=list(LANGUAGES),
        description="The translations in this language (an ISO 639-1 code).",
    ),
    OpenApiParameter("page", OpenApiTypes.INT, description="The page of the list."),
]


class TranslationViewSet(PlanApiViewSet):
    queryset = clause_selectors.nothing_of(ClauseVersionTranslation)  # model permissions of writes
    serializer_class = TranslationSerializer
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(
        summary="Translations of clause texts",
        description="Every translation, by plan, revision, draft order and language. "
        "`stale` marks one made before the original's wording last changed.",
        parameters=FILTERS,
    )
    def list(self, request):
        params = request.query_params
        plan = params.get("plan")
        if plan == "":
            raise ValidationError({"plan": PLAN_EMPTY})
        # Sent empty, a filter is refused, not read as no filter (the schema's enum says so).
        language = params.get("language")
        if language is not None and language not in LANGUAGES:
            raise ValidationError({"language": unknown_language(language).removeprefix("lang: ")})
        revision = None
        if "revision" in params:
            if plan is None:
                raise ValidationError({"revision": REVISION_WITHOUT_PLAN})
            try:
                revision = int(params["revision"])
            except ValueError:
                raise ValidationError({"revision": REVISION_NOT_A_NUMBER}) from None
        rows = selectors.translations(plan=plan, revision=revision, language=language)
        return self.paginated(rows, TranslationSerializer)

    @extend_schema(
        summary="Record a point's text in a language (editors)",
        description="The text of one point (a clause version, named by plan, revision "
        "number and clause) in a language other than the originals'. Refused (400, naming "
        "the field) for an unknown language or the originals', a point the revision lacks, "
        "an empty text, or a point that already has a text in that language. To record a "
        "whole translation at once, editors paste it on the revision's page.",
        request=TranslationCreate,
        responses={201: OpenApiResponse(TranslationSerializer, "The translation recorded.")},
    )
    @idempotent
    def create(self, request):
        summary = edit_summary(request)
        inputs = TranslationCreate(data=request.data)
        inputs.is_valid(raise_exception=True)
        values = inputs.changes()
        try:
            version = clause_selectors.clause_version_lookup(
                plan_slug=values["plan"], clause_slug=values["clause"], number=values["revision"]
            )
        except ObjectDoesNotExist:
            raise ValidationError(
                {
                    "clause": NO_SUCH_POINT.format(
                        number=values["revision"], plan=values["plan"], clause=values["clause"]
                    )
                }
            ) from None
        source = None
        if values.get("source_id") is not None:
            try:
                source = source_get(values["source_id"])
            except ObjectDoesNotExist:
                raise ValidationError(
                    {"source_id": NO_SUCH_SOURCE.format(pk=values["source_id"])}
                ) from None
        try:
            created = translation_create(
                clause_version=version,
                language=values["language"],
                text=values["text"],
                official=values["official"],
                source=source,
                source_title=values.get("source_title", ""),
                source_url=values.get("source_url", ""),
                user=request.user,
                summary=summary,
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from None
        created = selectors.translation_get(created.pk)
        return Response(
            TranslationSerializer.represent(created, self.links()),
            status=201,
            headers={"ETag": etag_for(created)},
        )
