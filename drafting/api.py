"""Drafts over the API: create a plan, align a draft's text (a dry run), record it.

The same services as the editor's paste page (``drafting.services``): the text is
split and aligned by ``draft_align``, the confirmed points recorded by
``revision_from_paste``. Nothing is kept between the two calls: the dry run answers the
fingerprint of the points it parsed and the number the revision would take; the record
call sends the same text back with both, and with ``If-Match`` naming the revision it
continues as read (for a plan's first draft, the plan). A revision recorded in between
(the number is taken) or a change to the revision continued is 412: align again.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from clauses import selectors
from clauses.api.base import PlanApiViewSet, found, revision_reloaded
from clauses.api.serializers import PlanSerializer, RevisionDetailSerializer
from clauses.models import Plan, Revision, RevisionQuerySet
from clauses.vocabularies import Coverage, Provenance, RevisionStatus, Topic
from core.api.etag import etag_for, expected_version, parse_if_match
from core.api.exceptions import PreconditionFailed
from core.api.idempotency import idempotent
from core.api.inputs import UNREADABLE_CHARACTERS, ClosedInput, EditInput, edit_summary
from drafting.coverage import guess_coverage
from drafting.parse import DraftParseError
from drafting.services import (
    ConfirmedPoint,
    DraftProposal,
    clause_title_from_text,
    draft_align,
    new_point_topic,
    parsed_fingerprint,
    proposed_points,
    revision_from_paste,
)

FINGERPRINT_CHANGED = (
    "The text does not split into the points that were aligned (their fingerprint is "
    "{current}, not {sent}): align this text again and send the new fingerprint."
)
POINTS_COUNT = "The draft has {expected} point(s); send one entry per point, not {sent}."
CLAUSE_NOT_IN_PLAN = "Plan {plan!r} has no clause with the slug {clause!r}."
NUMBER_MOVED = (
    "Revision {number} was recorded by someone else since you aligned this draft: align "
    "it again (POST .../drafts/align/) and send the new number and If-Match."
)
PREVIOUS_NOT_FOUND = "Plan {plan!r} has no revision {number} for the draft to continue."


# Readable text (core.api.inputs) holding a line that starts with a point label.
_NOT = UNREADABLE_CHARACTERS
NUMBERED_POINT_PATTERN = f"^[^{_NOT}]*(?:^|\\n)[ \\t]*[1-9][.)][ \\t]+[^{_NOT}\\s][^{_NOT}]*$"


class DraftTextField(serializers.CharField):
    """A draft's text. Its schema states that it holds at least one numbered point (the
    simplest label, "1." to "9." at a line's start), as the parser refuses a text without one
    (core.api.schema reads ``schema_pattern``)."""

    schema_pattern = NUMBERED_POINT_PATTERN


class DraftText(EditInput):
    """A draft's text, to align with the revision it continues (a dry run: nothing is
    written)."""

    text = DraftTextField(
        trim_whitespace=False,
        help_text='The draft: each point on its own line, starting with its number ("1.", '
        '"2)", "Point 3:").',
    )
    previous = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=selectors.MAX_NUMBER,
        help_text="The number of the revision the draft continues; by default the plan's "
        "current revision. A draft that continues anything else is a branch.",
    )

    coverage = serializers.ChoiceField(
        choices=Coverage.choices,
        required=False,
        help_text="How much of the draft the text is: full_text (a clause of the revision it "
        "continues that no point matches is removed) or partial (a quote of some points: "
        "such a clause is only not described). By default full_text when the points are "
        "numbered 1 to N without a gap, else partial.",
    )

    def validate_previous(self, number):
        plan = self.context["plan"]
        try:
            return selectors.revision_get(plan_slug=plan.slug, number=number)
        except Revision.DoesNotExist:
            raise serializers.ValidationError(
                PREVIOUS_NOT_FOUND.format(plan=plan.slug, number=number)
            ) from None


class ConfirmedPointInput(ClosedInput):
    """How one point of the draft is recorded: the clause it keeps, or a new clause with
    its title and topic."""

    number = serializers.CharField(
        max_length=20,
        required=False,
        help_text="The point's number, to renumber it (a number appears once in a revision); "
        "by default as in the text.",
    )
    clause = serializers.SlugField(
        allow_null=True,
        help_text="The slug of the clause the point keeps, or null for a new clause.",
    )
    title = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="A new clause's title."
    )
    topic = serializers.ChoiceField(
        choices=Topic.choices, required=False, help_text="A new clause's topic."
    )


class DraftRecord(DraftText):
    """A draft to record as the plan's next revision: the text the dry run aligned, its
    fingerprint and number, the alignment as confirmed, and the revision's
    details."""

    fingerprint = serializers.RegexField(
        r"^[0-9a-f]{64}$", help_text="The fingerprint the dry run answered for this text."
    )
    number = serializers.IntegerField(
        min_value=1,
        max_value=selectors.MAX_NUMBER,
        help_text="The number the dry run said the revision would take.",
    )
    points = ConfirmedPointInput(
        many=True,
        required=False,
        help_text="The alignment as you confirm it, one entry per point in order; left out, "
        "the proposed alignment is recorded as it is (new clauses with their proposed "
        "title and topic).",
    )
    # A field named "label" shadows Field.label in the stubs; DRF declares fields this way.
    label = serializers.CharField(  # type: ignore[assignment]
        max_length=200, required=False, allow_blank=True, default=""
    )
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(
        choices=RevisionStatus.choices, required=False, default=RevisionStatus.DRAFT
    )
    provenance = serializers.ChoiceField(
        choices=Provenance.choices, required=False, default=Provenance.REPORTED
    )
    source_title = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    branch = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Record it as a branch (a counter-proposal) even though it continues the "
        "current revision.",
    )


class CandidateOut(serializers.Serializer):
    """A clause the point could be, with its similarity score."""

    clause = serializers.CharField()
    title = serializers.CharField()
    score = serializers.IntegerField()


class ProposedPointOut(serializers.Serializer):
    """One point of the draft as parsed, with the clause proposed for it (or a new
    clause's title and topic)."""

    number = serializers.CharField()
    heading = serializers.CharField()
    text = serializers.CharField()
    clause = serializers.CharField(allow_null=True, help_text="The proposed clause, or null.")
    score = serializers.IntegerField(help_text="0 to 100.")
    candidates = CandidateOut(many=True)
    embedded_labels = serializers.ListField(
        child=serializers.CharField(),
        help_text="Labels the point's text still holds that look like points of their own "
        '(e.g. "13" in "... 13. ..."): points run together. Put each on a line of its own '
        "after a blank line and align again.",
    )
    title = serializers.CharField(
        allow_blank=True, help_text="For a new clause: its proposed title; else empty."
    )
    topic = serializers.ChoiceField(
        choices=Topic.choices,
        allow_blank=True,
        help_text="For a new clause: its guessed topic; else empty.",
    )


class DroppedOut(serializers.Serializer):
    """A clause of the revision continued that no point of the draft matches."""

    clause = serializers.CharField()
    number = serializers.CharField()
    title = serializers.CharField()


class DraftProposalOut(serializers.Serializer):
    """The proposed alignment of a draft: each point with its proposed clause, the
    clauses dropped, and what to send to record it."""

    plan = serializers.CharField()
    previous = serializers.IntegerField(allow_null=True)
    previous_url = serializers.CharField(allow_null=True)
    branch = serializers.BooleanField(help_text="Whether the revision would be a branch.")
    number = serializers.IntegerField(help_text="The number the revision would take.")
    coverage = serializers.ChoiceField(
        choices=Coverage.choices,
        help_text="The revision's coverage: as sent, or guessed from the numbering.",
    )
    fingerprint = serializers.CharField(help_text="SHA-256 of the points parsed.")
    if_match = serializers.CharField(help_text="The If-Match to send when recording.")
    preamble = serializers.CharField()
    points = ProposedPointOut(many=True)
    dropped = DroppedOut(many=True)


class DraftViewSet(PlanApiViewSet):
    queryset = selectors.nothing_of(Revision)  # editors with "add revision"
    serializer_class = RevisionDetailSerializer
    writes_without_if_match = ("align",)
    # The dry run writes nothing, so there is no change to explain.
    writes_without_edit_summary = ("align",)

    def _plan(self) -> Plan:
        slug = self.kwargs["plan"]
        return found(lambda: selectors.plan_get(slug), plan=slug)

    @extend_schema(
        summary="Align a draft's text with the revision it continues (a dry run; editors)",
        description="Splits the text into points and proposes, for each, the clause it "
        "continues (or a new clause, with a title and a guessed topic), and the clauses no "
        "point keeps. Writes nothing. Send the answer's fingerprint, number and if_match "
        "back to record the draft.",
        request=DraftText,
        responses=DraftProposalOut,
    )
    def align(self, request, plan: str):
        found_plan = self._plan()
        inputs = DraftText(data=request.data, context={"plan": found_plan})
        inputs.is_valid(raise_exception=True)
        previous = self._previous(found_plan, inputs)
        proposal = _aligned(inputs.validated_data["text"], previous)
        clauses = {c.pk: c for c in selectors.plan_clauses(plan=found_plan)}
        current = selectors.current_revision(plan=found_plan)
        coverage = _coverage(inputs.validated_data, proposal)
        return Response(
            self._proposal_data(found_plan, previous, current, proposal, clauses, coverage)
        )

    @extend_schema(
        summary="Record a draft as the plan's next revision (editors)",
        description="Send the text, the fingerprint and number from the dry run and, if you "
        "correct it, the alignment (one entry per point). If-Match is the ETag of the "
        "revision the draft continues (as GET answers it, or the dry run's if_match); for a "
        "plan's first draft, the plan's ETag. 412 when that revision changed or another "
        "revision was recorded since the dry run.",
        request=DraftRecord,
        responses={
            201: OpenApiResponse(RevisionDetailSerializer, "The new revision; Location names it.")
        },
    )
    @idempotent
    def record(self, request, plan: str):
        found_plan = self._plan()
        if_match = parse_if_match(request)
        summary = edit_summary(request)
        inputs = DraftRecord(data=request.data, context={"plan": found_plan})
        inputs.is_valid(raise_exception=True)
        data = inputs.validated_data
        previous = self._previous(found_plan, inputs)
        guarded = previous if previous is not None else found_plan
        if data["number"] != selectors.next_revision_number(found_plan):
            raise self._number_moved(data["number"], guarded)
        expected_version(if_match, guarded, current=lambda: self._represent_guarded(guarded))
        proposal = _aligned(data["text"], previous)
        fingerprint = parsed_fingerprint(proposal.parsed)
        if fingerprint != data["fingerprint"]:
            raise serializers.ValidationError(
                {
                    "fingerprint": FINGERPRINT_CHANGED.format(
                        current=fingerprint, sent=data["fingerprint"]
                    )
                }
            )
        clauses = {c.pk: c for c in selectors.plan_clauses(plan=found_plan)}
        points = self._confirmed(found_plan, proposal, clauses, data.get("points"))
        try:
            revision = revision_from_paste(
                plan=found_plan,
                previous=previous,
                points=points,
                user=request.user,
                summary=summary,
                expected_number=data["number"],
                branch=data["branch"],
                label=data["label"],
                coverage=_coverage(data, proposal),
                **{
                    name: data[name]
                    for name in (
                        "published_on",
                        "status",
                        "provenance",
                        "source_title",
                        "source_url",
                    )
                },
            )
        except DjangoValidationError as refused:
            if "number" in getattr(refused, "error_dict", {}):
                raise self._number_moved(data["number"], guarded) from None
            raise
        created = revision_reloaded(found_plan, revision.pk)
        location = self.links().revision(found_plan.slug, created.number)
        return self.with_etag(created, status=201, headers={"Location": location})

    def _number_moved(self, number: int, guarded) -> PreconditionFailed:
        """412: a revision was recorded since the dry run (caught before writing, or by
        the service's check under the plan's lock when two records race)."""
        return PreconditionFailed(
            {"number": NUMBER_MOVED.format(number=number)},
            etag=etag_for(guarded),
            current=self._represent_guarded(guarded),
        )

    def _previous(self, plan: Plan, inputs) -> Revision | None:
        if "previous" in inputs.validated_data:
            return inputs.validated_data["previous"]
        return selectors.current_revision(plan=plan)

    def _represent_guarded(self, record) -> dict:
        if isinstance(record, Plan):
            return PlanSerializer.represent(
                selectors.plan_get(record.slug, selectors.api_reads.plans()), self.links()
            )
        return self.represent(revision_reloaded(record.plan, record.pk))

    def _confirmed(self, plan, proposal: DraftProposal, clauses, sent) -> list[ConfirmedPoint]:
        """The points as the client confirmed them (``sent``), or as proposed."""
        topics = {pk: clause.topic for pk, clause in clauses.items()}
        if sent is None:
            return proposed_points(proposal, topics)
        parsed = proposal.parsed.points
        if len(sent) != len(parsed):
            raise serializers.ValidationError(
                {"points": POINTS_COUNT.format(expected=len(parsed), sent=len(sent))}
            )
        by_slug = {clause.slug: pk for pk, clause in clauses.items()}
        errors, points = {}, []
        for index, (entry, point) in enumerate(zip(sent, parsed, strict=True)):
            slug = entry["clause"]
            number = entry.get("number", "").strip() or point.number
            if slug is None:
                match = proposal.alignment.matches[index]
                title = entry.get("title", "").strip() or clause_title_from_text(point.text)
                topic = entry.get("topic") or new_point_topic(point.text, match, topics)
                points.append(ConfirmedPoint(number, point.text, title=title, topic=topic))
            elif slug in by_slug:
                points.append(ConfirmedPoint(number, point.text, by_slug[slug]))
            else:
                errors[f"points.{index}.clause"] = CLAUSE_NOT_IN_PLAN.format(
                    plan=plan.slug, clause=slug
                )
        if errors:
            raise serializers.ValidationError(errors)
        return points

    def _proposal_data(self, plan, previous, current, proposal, clauses, coverage) -> dict:
        links = self.links()
        topics = {pk: clause.topic for pk, clause in clauses.items()}
        proposed = proposed_points(proposal, topics)
        points = []
        for point, match, default in zip(
            proposal.parsed.points, proposal.alignment.matches, proposed, strict=True
        ):
            chosen = clauses.get(match.clause_id)
            points.append(
                {
                    "number": point.number,
                    "heading": point.heading,
                    "text": point.text,
                    "clause": chosen.slug if chosen else None,
                    "score": round(match.score),
                    "candidates": [
                        {
                            "clause": clauses[c].slug,
                            "title": clauses[c].title,
                            "score": round(score),
                        }
                        for c, score in match.candidates
                        if c in clauses
                    ],
                    "embedded_labels": list(point.embedded),
                    "title": default.title,
                    "topic": default.topic,
                }
            )
        dropped = set(proposal.alignment.dropped)
        return {
            "plan": plan.slug,
            "previous": previous.number if previous else None,
            "previous_url": links.revision(plan.slug, previous.number) if previous else None,
            "branch": not RevisionQuerySet.continues_main_line(previous=previous, current=current),
            "number": selectors.next_revision_number(plan),
            "coverage": coverage,
            "fingerprint": parsed_fingerprint(proposal.parsed),
            "if_match": etag_for(previous if previous is not None else plan),
            "preamble": proposal.parsed.preamble,
            "points": points,
            "dropped": [
                {"clause": clauses[c.clause_id].slug, "number": c.number, "title": c.title}
                for c in proposal.clauses
                if c.clause_id in dropped and c.clause_id in clauses
            ],
        }


def _coverage(data: dict, proposal: DraftProposal) -> str:
    """The coverage the client sent, or the one the draft's numbering suggests."""
    return data.get("coverage") or guess_coverage(proposal.parsed)


def _aligned(text: str, previous: Revision | None) -> DraftProposal:
    try:
        return draft_align(text=text, previous=previous)
    except DraftParseError as error:
        raise serializers.ValidationError({"text": error.message}) from None
