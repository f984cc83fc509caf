"""The API of corrections: withdraw and restore a revision, strike a clause out of a
revision and take it back, rename a clause.

Each write follows the API's conventions (core/api/base.py): If-Match with the ETag of
the record it corrects (missing: 428, stale: 412 with the record as it is now), an edit
summary as ``edit_summary`` in the body or the ``X-Edit-Summary`` header, a 400 naming
the field for bad input, and the same services as the editor's forms.
"""

from typing import cast

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from clauses.api.base import clause_found
from clauses.api.correction_writes import NO_SUCH_CLAUSE, CorrectionViewSet
from clauses.api.serializers import ClauseDetailSerializer, RevisionDetailSerializer
from clauses.models import Clause, ClauseDeletion
from clauses.selectors.corrections import deletion_get, deletions_in
from clauses.services import corrections
from core import text_limits
from core.api.etag import etag_for, expected_version, parse_if_match, stale
from core.api.exceptions import not_found
from core.api.idempotency import idempotent
from core.api.inputs import (
    EDIT_SUMMARY_HEADER,
    SUMMARY_HEADER_PATTERN,
    EditInput,
    edit_summary,
)
from core.api.schema import IF_MATCH
from core.api.serializers import ReadSerializer
from core.links import Links
from core.tracking import SUMMARY_MAX_LENGTH, EditConflict

DELETION_NOT_FOUND = "Revision {number} of plan {plan!r} does not strike out a clause {clause!r}."
# A deletion names its clause as the lineage corrections do: one lookup, one message.
CLAUSE_OF_PLAN_NOT_FOUND = NO_SUCH_CLAUSE


# Inputs.


class WithdrawInput(EditInput):
    """Why the revision is withdrawn, with an edit summary."""

    reason = serializers.CharField(
        max_length=text_limits.NOTES,
        help_text="Why the revision is withdrawn; shown on its pages.",
    )


class RestoreInput(EditInput):
    """An edit summary: why the revision is restored."""


class DeletionInput(EditInput):
    """The clause the revision strikes out, a note, and an edit summary."""

    clause = serializers.SlugField(
        help_text="The slug of a clause of the revision this one continues, not worded in it."
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=text_limits.NOTES,
        help_text='What the draft or its source says, e.g. "point 4 deleted".',
    )


class RenameInput(EditInput):
    """The clause's new title, with an edit summary."""

    title = serializers.CharField(
        max_length=Clause._meta.get_field("title").max_length or 200,
        help_text="The clause's new title; its slug follows it, and the old slug redirects.",
    )


# Representations.


class ClauseDeletionSerializer(ReadSerializer):
    """A clause a revision explicitly strikes out: the diff calls it `deleted` there.
    Take it back with DELETE (send `etag` as If-Match)."""

    url = serializers.URLField(read_only=True)
    etag = serializers.CharField(read_only=True, help_text="Send it as If-Match to take it back.")
    version = serializers.IntegerField(read_only=True)
    revision = serializers.IntegerField(read_only=True, help_text="The revision's number.")
    revision_url = serializers.URLField(read_only=True)
    clause = serializers.CharField(read_only=True, help_text="The clause's slug.")
    clause_title = serializers.CharField(read_only=True)
    clause_url = serializers.URLField(read_only=True)
    note = serializers.CharField(read_only=True, allow_blank=True)

    @staticmethod
    def represent(deletion: ClauseDeletion, links: Links, /) -> dict:
        plan, number = deletion.revision.plan.slug, deletion.revision.number
        clause = deletion.clause.slug
        return {
            "url": links("clause-deletion-detail", plan=plan, number=number, clause=clause),
            "etag": etag_for(deletion),
            "version": deletion.version,
            "revision": number,
            "revision_url": links.revision(plan, number),
            "clause": clause,
            "clause_title": deletion.clause.title,
            "clause_url": links.clause(plan, clause),
            "note": deletion.note,
        }


SUMMARY_HEADER = OpenApiParameter(
    EDIT_SUMMARY_HEADER,
    # Stated as plain printable ASCII, which is always read as written; UTF-8 travels
    # percent-encoded or as RFC 8187's UTF-8''... (core.api.inputs.header_text).
    {"type": "string", "pattern": SUMMARY_HEADER_PATTERN, "maxLength": SUMMARY_MAX_LENGTH},
    OpenApiParameter.HEADER,
    required=True,
    description="Why you take the deletion back, kept in the history beside your name: "
    "printable ASCII, or UTF-8 percent-encoded.",
)
REVISION_EXAMPLE = OpenApiExample(
    "Withdraw a revision recorded twice",
    value={"reason": "Recorded twice: revision 3 is the same draft.", "edit_summary": "Duplicate"},
    request_only=True,
)


class RevisionCorrectionViewSet(CorrectionViewSet):
    """Withdraw or restore a revision."""

    resource_name = "revision"
    http_method_names = ["post", "options"]

    def _apply(self, input_class, service):
        revision = self.revision()
        if_match, summary, changes = self.write_request(input_class)
        version = self.revision_version(if_match, revision)
        try:
            service(revision=revision, expected_version=version, summary=summary, **changes)
        except EditConflict as conflict:
            raise self.revision_conflict(if_match, conflict) from None
        return self.revision_written(revision)

    @extend_schema(
        summary="Withdraw a revision recorded by mistake (editors)",
        description="Takes the revision off the main line: the plan's current revision falls "
        "back to the latest main-line revision left. The revision stays readable (its "
        "`withdrawn` and `withdrawal_reason` say so), with its diff; restore it with "
        "`restore/`. If-Match is the revision's ETag; `reason` is required.",
        request=WithdrawInput,
        responses=OpenApiResponse(RevisionDetailSerializer, "The revision as withdrawn."),
        examples=[REVISION_EXAMPLE],
    )
    def withdraw(self, request, plan: str, number: int):
        return self._apply(
            WithdrawInput,
            lambda **kwargs: corrections.revision_withdraw(user=request.user, **kwargs),
        )

    @extend_schema(
        summary="Restore a withdrawn revision (editors)",
        description="Brings the revision back where it was (on the main line, the current "
        "revision again if it is the latest there). If-Match is the revision's ETag.",
        request=RestoreInput,
        responses=OpenApiResponse(RevisionDetailSerializer, "The revision as restored."),
        examples=[
            OpenApiExample(
                "Restore", value={"edit_summary": "Withdrawn by mistake"}, request_only=True
            )
        ],
    )
    def restore(self, request, plan: str, number: int):
        return self._apply(
            RestoreInput,
            lambda **kwargs: corrections.revision_restore(user=request.user, **kwargs),
        )


class ClauseDeletionViewSet(CorrectionViewSet):
    """The clauses a revision strikes out."""

    resource_name = "clause_deletion"
    serializer_class = ClauseDeletionSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]

    def _deletion(self) -> ClauseDeletion:
        plan, number, clause = (self.kwargs[name] for name in ("plan", "number", "clause"))
        self.revision()  # 404 naming the plan or the revision first
        try:
            return deletion_get(plan_slug=plan, number=number, clause_slug=clause)
        except ClauseDeletion.DoesNotExist:
            raise not_found(
                "clause", DELETION_NOT_FOUND.format(plan=plan, number=number, clause=clause)
            ) from None

    @extend_schema(
        summary="The clauses a revision explicitly strikes out",
        description="Each is `deleted` in the revision's diff, apart from a clause merely "
        "absent (removed) or not described (a partial revision).",
    )
    def list(self, request, plan: str, number: int):
        return self.paginated(deletions_in(revision=self.revision()), ClauseDeletionSerializer)

    @extend_schema(
        summary="One clause a revision strikes out",
        description="Its ETag (and `etag`) is for a DELETE that takes the deletion back.",
        responses=OpenApiResponse(ClauseDeletionSerializer, "The deletion; ETag for a DELETE."),
    )
    def retrieve(self, request, plan: str, number: int, clause: str):
        deletion = self._deletion()
        return Response(self.represent(deletion), headers={"ETag": etag_for(deletion)})

    @extend_schema(
        summary="Mark a clause deleted in a revision (editors)",
        description="Records that the revision strikes out `clause`, a clause of the revision "
        "it continues that it does not word: the diff then calls it `deleted`. If-Match is "
        "the revision's ETag. A clause worded in the revision is refused (400, `clause`).",
        request=DeletionInput,
        responses={
            201: OpenApiResponse(ClauseDeletionSerializer, "The deletion; Location names it.")
        },
        examples=[
            OpenApiExample(
                "Point 4 struck out",
                value={
                    "clause": "amnesty",
                    "note": "Point 4 deleted",
                    "edit_summary": "The report says point 4 was struck",
                },
                request_only=True,
            )
        ],
    )
    @idempotent
    def create(self, request, plan: str, number: int):
        revision = self.revision()
        if_match, summary, data = self.write_request(DeletionInput)
        version = self.revision_version(if_match, revision)
        clause = self.clause_named(data["clause"], "clause")
        try:
            deletion = corrections.clause_deletion_add(
                revision=revision,
                clause=clause,
                note=data.get("note", ""),
                expected_version=version,
                user=request.user,
                summary=summary,
            )
        except EditConflict as conflict:
            raise self.revision_conflict(if_match, conflict) from None
        deletion = deletion_get(plan_slug=plan, number=number, clause_slug=clause.slug)
        body = self.represent(deletion)
        return Response(
            body, status=201, headers={"Location": body["url"], "ETag": etag_for(deletion)}
        )

    @extend_schema(
        summary="Take back a clause's deletion in a revision (editors)",
        description="If-Match is the deletion's ETag; the edit summary comes in the "
        f"{EDIT_SUMMARY_HEADER} header (or as `edit_summary` in a JSON body).",
        parameters=[IF_MATCH, SUMMARY_HEADER],
        request=None,
        responses={204: OpenApiResponse(description="Taken back; nothing in the body.")},
    )
    def destroy(self, request, plan: str, number: int, clause: str):
        deletion = self._deletion()
        if_match = parse_if_match(request)
        summary = edit_summary(request)
        version = expected_version(if_match, deletion, current=lambda: self.represent(deletion))
        try:
            corrections.clause_deletion_remove(
                deletion=deletion, expected_version=version, user=request.user, summary=summary
            )
        except EditConflict:
            current = deletion_get(plan_slug=plan, number=number, clause_slug=clause)
            raise self.conflict(if_match, current) from None
        return Response(status=204)


class ClauseRenameViewSet(CorrectionViewSet):
    """Rename a clause."""

    resource_name = "clause"
    write_permissions = ("clauses.change_clause",)
    http_method_names = ["post", "options"]

    @extend_schema(
        summary="Rename a clause (editors)",
        description="The title changes and the slug follows it (unique in the plan); every "
        "URL with the old slug answers 301 to the new one, so citations never break. "
        "If-Match is the clause's ETag (`\"<id>-<version>\"`, as a clause's `etag`). The "
        "Location header names the clause's new URL.",
        request=RenameInput,
        responses=OpenApiResponse(ClauseDetailSerializer, "The clause as renamed."),
        examples=[
            OpenApiExample(
                "Rename",
                value={"title": "General amnesty", "edit_summary": "As the drafts call it"},
                request_only=True,
            )
        ],
    )
    def rename(self, request, plan: str, clause: str):
        record = clause_found(plan, clause)
        if_match, summary, data = self.write_request(RenameInput)
        version = expected_version(if_match, record, current=lambda: self._represent(record))
        try:
            renamed = corrections.clause_rename(
                clause=record,
                expected_version=version,
                title=data["title"],
                user=request.user,
                summary=summary,
            )
        except EditConflict as conflict:
            current = clause_found(plan, cast(Clause, conflict.current).slug)
            raise stale(if_match, current, current=self._represent(current)) from None
        current = clause_found(plan, renamed.slug)
        return Response(
            self._represent(current),
            headers={
                "ETag": etag_for(current),
                "Location": self.links().clause(plan, current.slug),
            },
        )

    def _represent(self, clause: Clause) -> dict:
        return ClauseDetailSerializer.represent(clause, self.links())
