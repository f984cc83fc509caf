"""The API of the lineage corrections: re-link a point to another clause, split a clause,
merge clauses, in one revision; and the lineage a revision records.

Each write follows the API's conventions (core/api/base.py): If-Match (missing: 428,
stale: 412 with the record as it is now), an edit summary as ``edit_summary`` in the body
or the ``X-Edit-Summary`` header, a 400 naming the field for bad input, and the services
of the editor's forms (clauses/services/lineage.py). A re-link's If-Match is the ETag of
the point moved (its clause version, nested in the revision with its ``etag``); a split's
or a merge's, the revision's. Each answers with the revision as it is after.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from clauses.api.correction_writes import CorrectionViewSet
from clauses.api.serializers import ClauseVersionSerializer, RevisionDetailSerializer
from clauses.models import ClauseVersion, Revision
from clauses.selectors.lineage import clause_ids_in, lineage_of_revision
from clauses.services.lineage import (
    NewClausePoint,
    clause_merge,
    clause_split,
    clause_version_relink,
)
from core.api.etag import expected_version, stale
from core.api.inputs import ClosedInput, EditInput
from core.tracking import EditConflict
from parties.selectors import parties_in_order

NO_POINT = "Revision {number} holds no point of clause {clause!r}: name one of its clauses."
NO_SUCH_PARTY = "No party {party!r}: name parties by slug."

# A re-link's refusals name the service's fields; this API's input calls them otherwise.
RELINK_FIELDS = {"clause": "to_clause", "clause_version": "from_clause"}


class NewPointInput(ClosedInput):
    """A point to add to the revision as a new clause."""

    number = serializers.CharField(max_length=20, help_text='As in the draft: "5a".')
    title = serializers.CharField(max_length=200, help_text="The new clause's title.")
    text = serializers.CharField(max_length=20_000, help_text="Its wording in this revision.")


class RelinkInput(EditInput):
    """Which point moves (by the clause it is recorded against now) and where to."""

    from_clause = serializers.SlugField(
        help_text="The slug of the clause the point is recorded against now, in this revision."
    )
    to_clause = serializers.SlugField(
        required=False,
        help_text="The slug of the clause it belongs to (with no point in this revision yet).",
    )
    new_title = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Instead of `to_clause`: the title of a new clause made from the point.",
    )


class SplitInput(EditInput):
    """The clause split and what it became."""

    predecessor = serializers.SlugField(
        help_text="The slug of the clause split, a clause of the revision this one continues."
    )
    successors = serializers.ListField(
        child=serializers.SlugField(),
        required=False,
        help_text="Slugs of the clauses of this revision it became (new here, or itself).",
    )
    new_successors = NewPointInput(
        many=True, required=False, help_text="New points it became, each made a new clause."
    )
    copy_positions_of = serializers.ListField(
        child=serializers.SlugField(),
        required=False,
        help_text="Party slugs: their positions on the clause split are copied to the new "
        "successors, marked carried over.",
    )


class MergeInput(EditInput):
    """The clauses merged and the point they became."""

    predecessors = serializers.ListField(
        child=serializers.SlugField(),
        help_text="Slugs of two clauses or more of the revision this one continues.",
    )
    successor = serializers.SlugField(
        required=False,
        help_text="The slug of the clause of this revision they became (one of them, or new).",
    )
    new_successor = NewPointInput(required=False, help_text="Instead: a new point they became.")


class LineageStrandSerializer(serializers.Serializer):
    """One strand of a split or a merge recorded in the revision."""

    kind = serializers.ChoiceField(choices=["split", "merge"], read_only=True)
    predecessor = serializers.CharField(read_only=True, help_text="The clause's slug.")
    successor = serializers.CharField(read_only=True, help_text="The clause's slug.")


class LineageListSerializer(serializers.Serializer):
    """The strands of the splits and merges one revision records."""

    revision = serializers.IntegerField(read_only=True, help_text="The revision's number.")
    strands = LineageStrandSerializer(many=True, read_only=True)


def _example(name: str, value: dict) -> OpenApiExample:
    return OpenApiExample(name, value=value, request_only=True)


def _written_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(
        RevisionDetailSerializer,
        f"{description} The clause versions nested in it carry their own `etag`.",
    )


class LineageViewSet(CorrectionViewSet):
    """Re-link, split and merge in one revision; the strands it records."""

    resource_name = "revision"
    write_permissions = (
        "clauses.change_revision",
        "clauses.change_clauseversion",
        "clauses.add_clause",
        "clauses.add_clauseversion",
    )
    serializer_class = RevisionDetailSerializer
    http_method_names = ["get", "post", "head", "options"]

    @staticmethod
    def _points(revision: Revision, slugs, field: str) -> list[ClauseVersion]:
        by_slug = {v.clause.slug: v for v in clause_ids_in(revision).values()}
        missing = [slug for slug in slugs if slug not in by_slug]
        if missing:
            raise ValidationError(
                {field: NO_POINT.format(number=revision.number, clause=missing[0])}
            )
        return [by_slug[slug] for slug in slugs]

    @extend_schema(
        summary="The lineage a revision records: its splits and merges",
        description="Each strand says that `predecessor`, a clause of the revision this one "
        "continues, lives on as `successor` in this one. The revision's fingerprint covers "
        'them (docs/api.md, "Tamper-evident revisions").',
        responses=LineageListSerializer,
    )
    def strands(self, request, plan: str, number: int):
        revision = self.revision()
        return Response(
            {
                "revision": revision.number,
                "strands": [
                    {
                        "kind": strand.kind,
                        "predecessor": strand.predecessor.slug,
                        "successor": strand.successor.slug,
                    }
                    for strand in lineage_of_revision(revision)
                ],
            }
        )

    # Writes.

    @extend_schema(
        summary="Re-link a point to the clause it belongs to (editors)",
        description="Moves the point of this revision recorded against `from_clause`, with "
        "its positions, to `to_clause` (a clause of the plan with no point in this revision) "
        "or to a new clause titled `new_title`. If-Match is the ETag of that point (its "
        "clause version). A target that already has a point here is 400 (`to_clause`).",
        request=RelinkInput,
        responses=_written_response("The revision after the re-link."),
        examples=[
            _example(
                "Re-link point 4 to the clause it belongs to",
                {
                    "from_clause": "amnesty",
                    "to_clause": "prisoner-exchange",
                    "edit_summary": "Point 4 was recorded against the wrong clause",
                },
            ),
            _example(
                "Make a new clause from a point",
                {
                    "from_clause": "amnesty",
                    "new_title": "Amnesty for combatants",
                    "edit_summary": "Point 4 is a clause of its own",
                },
            ),
        ],
    )
    def relink(self, request, plan: str, number: int):
        revision = self.revision()
        if_match, summary, data = self.write_request(RelinkInput)
        (point,) = self._points(revision, [data["from_clause"]], "from_clause")
        target = self.clause_named(data["to_clause"], "to_clause") if "to_clause" in data else None
        version = expected_version(
            if_match, point, current=lambda: ClauseVersionSerializer.represent(point, self.links())
        )
        try:
            clause_version_relink(
                clause_version=point,
                expected_version=version,
                clause=target,
                new_title=data.get("new_title", ""),
                user=request.user,
                summary=summary,
            )
        except DjangoValidationError as error:
            raise _relink_refused(error) from None
        except EditConflict as conflict:
            raise stale(if_match, conflict.current) from None
        return self.revision_written(revision)

    @extend_schema(
        summary="Record that a clause was split into several points (editors)",
        description="In this revision, `predecessor` (a clause of the revision it continues) "
        "became the clauses `successors` (clauses new here, or the predecessor itself "
        "continuing) and the `new_successors` made here. Positions are copied, marked carried "
        "over, for the parties of `copy_positions_of` only. If-Match is the revision's ETag.",
        request=SplitInput,
        responses=_written_response("The revision after the split."),
        examples=[
            _example(
                "Point 2 split into 2a and 2b",
                {
                    "predecessor": "army-size",
                    "new_successors": [
                        {"number": "2a", "title": "Army in peacetime", "text": "Capped."},
                        {"number": "2b", "title": "Army reserves", "text": "Not limited."},
                    ],
                    "copy_positions_of": ["ukraine"],
                    "edit_summary": "The new draft splits point 2",
                },
            )
        ],
    )
    def split(self, request, plan: str, number: int):
        revision = self.revision()
        if_match, summary, data = self.write_request(SplitInput)
        predecessor = self.clause_named(data["predecessor"], "predecessor")
        successors = self._points(revision, data.get("successors", []), "successors")
        parties = _parties(data.get("copy_positions_of", []))
        version = self.revision_version(if_match, revision)
        try:
            clause_split(
                revision=revision,
                expected_version=version,
                predecessor=predecessor,
                successors=successors,
                new_successors=[NewClausePoint(**p) for p in data.get("new_successors", [])],
                copy_positions_of=parties,
                user=request.user,
                summary=summary,
            )
        except EditConflict as conflict:
            raise self.revision_conflict(if_match, conflict) from None
        return self.revision_written(revision)

    @extend_schema(
        summary="Record that several clauses were merged into one point (editors)",
        description="In this revision, the `predecessors` (two clauses or more of the revision "
        "it continues) became one point: the clause `successor` (one of them continuing, or "
        "a clause new here) or `new_successor` made here. If-Match is the revision's ETag.",
        request=MergeInput,
        responses=_written_response("The revision after the merge."),
        examples=[
            _example(
                "Points 2 and 4 merged into point 2",
                {
                    "predecessors": ["army-size", "amnesty"],
                    "successor": "army-size",
                    "edit_summary": "The new draft folds point 4 into point 2",
                },
            )
        ],
    )
    def merge(self, request, plan: str, number: int):
        revision = self.revision()
        if_match, summary, data = self.write_request(MergeInput)
        predecessors = [self.clause_named(slug, "predecessors") for slug in data["predecessors"]]
        successor = None
        if "successor" in data:
            (successor,) = self._points(revision, [data["successor"]], "successor")
        new = data.get("new_successor")
        version = self.revision_version(if_match, revision)
        try:
            clause_merge(
                revision=revision,
                expected_version=version,
                predecessors=predecessors,
                successor=successor,
                new_successor=NewClausePoint(**new) if new else None,
                user=request.user,
                summary=summary,
            )
        except EditConflict as conflict:
            raise self.revision_conflict(if_match, conflict) from None
        return self.revision_written(revision)


def _relink_refused(error: DjangoValidationError) -> ValidationError:
    """The service's refusal of a re-link, naming the fields of this API's input."""
    if not hasattr(error, "error_dict"):
        return ValidationError({"non_field_errors": error.messages})
    return ValidationError(
        {RELINK_FIELDS.get(name, name): messages for name, messages in error.message_dict.items()}
    )


def _parties(slugs) -> list[int]:
    by_slug = {party.slug: party.pk for party in parties_in_order()}
    missing = [slug for slug in slugs if slug not in by_slug]
    if missing:
        raise ValidationError({"copy_positions_of": NO_SUCH_PARTY.format(party=missing[0])})
    return [by_slug[slug] for slug in slugs]
