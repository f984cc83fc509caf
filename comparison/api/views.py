"""The diff over the API: what changed between two revisions of a plan, as JSON.

``GET /api/v1/plans/<plan>/revisions/<n>/diff/`` (``?against=<m>`` for any other revision);
the body is ``comparison.diff.RevisionDiff.as_dict()``, the same data the diff page shows.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.response import Response

from clauses import selectors
from clauses.api.base import PlanApiViewSet, found
from clauses.api.renderers import ROWS_RENDERERS
from clauses.models import Revision
from clauses.selectors import api_reads as reads
from clauses.text_languages import LANG, LanguageRefused
from comparison.api.diff_schema import RevisionDiffSerializer
from comparison.selectors.diff_languages import revision_diff_in
from comparison.selectors.diffs import NothingToCompare, default_against
from core.api.exceptions import AGAINST_INVALID, AGAINST_NOT_FOUND, not_found
from translations.languages import LANGUAGES


class RevisionDiffViewSet(PlanApiViewSet):
    # Documented beside the revision it compares: "revision_diff" in the "revisions" tag.
    resource_name = "revision"
    queryset = selectors.nothing_of(Revision)  # for the model permissions of writes
    serializer_class = RevisionDiffSerializer
    renderer_classes = ROWS_RENDERERS

    @extend_schema(
        summary="What changed: this revision against the one it continues, or any other",
        description="Clause by clause (added, removed, changed, unchanged; the text change "
        "word by word) and party by party (stance before and after, toward or away from "
        "agreement), with the totals of the header. Any two revisions of the plan compare.",
        parameters=[
            OpenApiParameter(
                "against",
                {"type": "integer", "minimum": 1, "maximum": selectors.MAX_NUMBER},
                description="The number of the revision to compare with; by default the one "
                "this revision continues. A first revision continues none: without against, "
                "its diff is 404.",
            ),
            OpenApiParameter(
                LANG,
                {"type": "string", "enum": list(LANGUAGES)},
                description="The language to compare the clause texts in (ISO 639-1); by "
                "default the original. A side with no translation keeps its original text, "
                "marked in text_languages.",
            ),
        ],
        responses=RevisionDiffSerializer,
    )
    def diff(self, request, plan: str, number: int):
        found_plan = found(lambda: selectors.plan_get(plan), plan=plan)
        new = found(
            lambda: selectors.revision_get(
                plan_slug=plan, number=number, queryset=reads.revisions(found_plan)
            ),
            plan=plan,
            number=number,
        )
        raw = request.query_params.get("against")
        try:
            old = default_against(new) if raw is None else _named_against(found_plan, new, raw)
        except NothingToCompare as refused:
            raise not_found("against", str(refused)) from None
        try:
            result, language = revision_diff_in(
                old=old, new=new, lang=request.query_params.get(LANG, "")
            )
        except LanguageRefused as refused:
            raise drf_serializers.ValidationError({LANG: refused.message}) from None
        links = self.links()
        data = result.as_dict()
        if language is not None:
            # Only when asked: without ?lang= the body is the diff module's output as is.
            data["language"] = language.language
            data["text_languages"] = [
                {
                    "clause": change.slug,
                    "language_before": language.language_of(change.clause_id, 0),
                    "language_after": language.language_of(change.clause_id, 1),
                    "marks": language.marks(change.clause_id, old.number, new.number),
                }
                for change in result.clauses
                if language.translated
            ]
        data["old_url"] = links.revision(found_plan.slug, old.number)
        data["new_url"] = links.revision(found_plan.slug, new.number)
        return Response(data)


def _named_against(plan, new: Revision, raw: str) -> Revision:
    """The revision named by ``?against=``: a number of a revision of the same plan."""
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= selectors.MAX_NUMBER:
        raise drf_serializers.ValidationError({"against": AGAINST_INVALID.format(value=raw)})
    if int(raw) == new.number:
        return new
    try:
        return selectors.revision_get(plan_slug=plan.slug, number=int(raw))
    except Revision.DoesNotExist:
        raise drf_serializers.ValidationError(
            {"against": AGAINST_NOT_FOUND.format(plan=plan.slug, number=raw)}
        ) from None
