"""Statements proposed from a report, over the API: a dry run. The text (or a stored
source's) goes in, the proposals come out; nothing is written. An editor records the ones
they accept as positions through the positions' API, citing the source."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from clauses import selectors as clause_selectors
from clauses.models import Plan
from clauses.vocabularies import Stance
from core.api.base import ApiViewSet
from core.api.exceptions import not_found
from core.api.inputs import NON_BLANK_PATTERN, ClosedInput
from sources.models import Source
from sources.text import MAX_TEXT, TOO_LONG, prepare_text
from sources.vocabularies import DatePrecision
from statements import language, selectors
from statements.clauses_match import WHOLE_PLAN
from statements.extract import DIRECT, REPORTED
from statements.forms import BOTH_GIVEN, EMPTY_TEXT

PROPOSE_PERMISSION = "clauses.add_position"
PLAN_NOT_FOUND = "There is no plan {plan!r}: /api/v1/plans/ lists them."
SOURCE_NOT_FOUND = "There is no source {source}: /api/v1/sources/ lists them."
SOURCE_WITHOUT_TEXT = "Source {source} has no text recorded: there is nothing to propose from."
HTML_STRIPPED_NOTICE = "The text looked like HTML: it was stripped to its text."


class TextTooLong(APIException):
    status_code = 413
    default_code = "text_too_long"


class MayPropose(permissions.BasePermission):
    """Editors who may record positions."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(PROPOSE_PERMISSION))


class StatementProposalsInput(ClosedInput):
    """A report to propose statements from: its text, or a stored source's id."""

    # A text that is not blank, or a source: one of them, never both (the schema says so).
    schema_one_of = (
        {"required": ["text"], "properties": {"text": {"pattern": NON_BLANK_PATTERN}}},
        {"required": ["source"]},
    )

    plan = serializers.SlugField(help_text="The plan whose current clauses are proposed.")
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text=f"The report, at most {MAX_TEXT:,} characters (413 beyond); HTML is "
        "stripped to its text.",
    )
    # A field named "source" shadows Field.source in the stubs; DRF declares fields this way.
    source = serializers.IntegerField(  # type: ignore[assignment]
        required=False, min_value=1, help_text="A stored source's id, instead of a text."
    )
    language = serializers.ChoiceField(
        choices=list(language.READS),
        required=False,
        help_text="The text's language; detected when left out.",
    )

    def validate(self, attrs):
        text, source = attrs.get("text", ""), attrs.get("source")
        if source is not None and text.strip():
            raise serializers.ValidationError({"text": BOTH_GIVEN})
        if source is None and not text.strip():
            raise serializers.ValidationError({"text": EMPTY_TEXT})
        return attrs


class StatementClauseOut(serializers.Serializer):
    """A clause of the plan's current revision a statement concerns."""

    clause = serializers.CharField(help_text="The clause's slug.")
    number = serializers.CharField(help_text="Its number in the plan's current revision.")
    title = serializers.CharField()


class StatementProposalOut(serializers.Serializer):
    """One statement proposed: its verbatim words, who said them and for which party, the
    clauses it concerns, a proposed stance and the date the text gives."""

    quote = serializers.CharField(
        help_text="Verbatim from the text; “ [...] ” joins the parts of an interrupted quote."
    )
    kind = serializers.ChoiceField(
        choices=[DIRECT, REPORTED], help_text="direct (a quote) or reported (reported speech)."
    )
    speaker = serializers.CharField(help_text="The speaker as written (a pronoun with its name).")
    party = serializers.CharField(help_text="The slug of the party the speaker stands for.")
    clauses = StatementClauseOut(
        many=True, help_text="The clauses of the current revision it concerns."
    )
    whole_plan = serializers.BooleanField(
        help_text="True when it speaks of the plan as a whole and of no clause."
    )
    stance = serializers.ChoiceField(
        choices=Stance.choices, help_text="Proposed; unknown when the wording does not decide."
    )
    stated_on = serializers.DateField(allow_null=True)
    stated_on_precision = serializers.ChoiceField(choices=DatePrecision.choices, allow_null=True)
    start = serializers.IntegerField(help_text="Where the quote starts in the text.")
    end = serializers.IntegerField(help_text="Where it ends.")


class StatementProposalsOut(serializers.Serializer):
    """The statements proposed from a report (nothing was written)."""

    language = serializers.CharField(allow_null=True, help_text="en, uk or ru; null for none.")
    message = serializers.CharField(
        allow_blank=True, help_text="Why there are no proposals (empty when there are)."
    )
    notices = serializers.ListField(child=serializers.CharField())
    source = serializers.IntegerField(allow_null=True)  # type: ignore[assignment]
    proposals = StatementProposalOut(many=True)


class StatementProposalsViewSet(ApiViewSet):
    permission_classes = [MayPropose]
    writes_without_if_match = ("propose",)
    # A dry run writes nothing, so there is no change to explain.
    writes_without_edit_summary = ("propose",)

    @extend_schema(
        summary="Propose statements from a report (a dry run; editors)",
        description="Finds the direct quotes and reported speech of the report, each "
        "with its speaker, the party the speaker stands for (through the alias table), the "
        "clauses of the plan's current revision it concerns, a proposed stance and the date "
        "the text gives. Writes nothing: record the ones you accept as positions citing the "
        "source (store the report first with POST /api/v1/sources/).",
        request=StatementProposalsInput,
        responses={
            200: StatementProposalsOut,
            413: OpenApiResponse(description="The text is longer than the limit."),
        },
    )
    def propose(self, request):
        text = request.data.get("text") if hasattr(request.data, "get") else None
        if isinstance(text, str) and len(text) > MAX_TEXT:
            raise TextTooLong({"text": [TOO_LONG.format(length=len(text))]})
        inputs = StatementProposalsInput(data=request.data)
        inputs.is_valid(raise_exception=True)
        data = inputs.validated_data
        try:
            plan = clause_selectors.plan_get(data["plan"])
        except Plan.DoesNotExist:
            raise not_found("plan", PLAN_NOT_FOUND.format(plan=data["plan"])) from None
        notices, source_id = [], data.get("source")
        if source_id is not None:
            try:
                source = selectors.source_with_text(source_id)
            except Source.DoesNotExist:
                raise not_found("source", SOURCE_NOT_FOUND.format(source=source_id)) from None
            if not source.text:
                raise serializers.ValidationError(
                    {"source": SOURCE_WITHOUT_TEXT.format(source=source_id)}
                )
            text = source.text
            lang = data.get("language") or (
                source.language if source.language in language.READS else None
            )
        else:
            prepared = prepare_text(data["text"])
            text = prepared.text
            if prepared.html_stripped:
                notices.append(HTML_STRIPPED_NOTICE)
            lang = data.get("language")
        proposing = selectors.proposing_for(plan=plan)
        extraction = proposing.propose(text, lang)
        return Response(
            {
                "language": extraction.language,
                "message": extraction.message,
                "notices": notices,
                "source": source_id,
                "proposals": [_proposal_data(p, proposing) for p in extraction.proposals],
            }
        )


def _proposal_data(proposal, proposing) -> dict:
    versions = [proposing.clause_versions[k] for k in proposal.clauses if k != WHOLE_PLAN]
    return {
        "quote": proposal.quote,
        "kind": proposal.kind,
        "speaker": proposal.speaker,
        "party": proposal.party,
        "clauses": [
            {"clause": v.clause.slug, "number": v.number, "title": v.clause.title} for v in versions
        ],
        "whole_plan": WHOLE_PLAN in proposal.clauses,
        "stance": proposal.stance,
        "stated_on": proposal.stated_on,
        "stated_on_precision": proposal.date_precision,
        "start": proposal.start,
        "end": proposal.end,
    }
