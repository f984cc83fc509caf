"""What the corrections' view sets share (clauses/api/corrections.py and lineage.py): who
may write, the revision the URL names, what a write reads from the request (If-Match, the
edit summary, the body), a clause named in the body, and the revision answered as written
or, when someone saved it meanwhile, as it is now (412)."""

from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from clauses import selectors
from clauses.api.base import PlanApiViewSet, revision_found, revision_reloaded, revision_stale
from clauses.api.serializers import RevisionDetailSerializer
from clauses.models import Clause, Revision
from clauses.selectors import api_reads as reads
from core.api.etag import IfMatch, etag_for, expected_version, parse_if_match
from core.api.exceptions import PreconditionFailed
from core.api.inputs import EditInput, edit_summary
from core.tracking import EditConflict

NO_SUCH_CLAUSE = "Plan {plan!r} has no clause {clause!r}: name a clause of this plan by slug."


class EditorsMay(BasePermission):
    """Reads for everyone; writes for users holding the view's ``write_permissions``."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(view.write_permissions))


class CorrectionViewSet(PlanApiViewSet):
    permission_classes = [EditorsMay]
    write_permissions: tuple[str, ...] = ("clauses.change_revision",)

    def revision(self) -> Revision:
        """The revision the URL names, or the 404 naming the plan or the number."""
        return revision_found(self.kwargs["plan"], self.kwargs["number"])

    def write_request(self, input_class: type[EditInput]) -> tuple[IfMatch, str, dict]:
        """The If-Match, the edit summary and the body's fields a write sends, refused in the
        API's order: no If-Match (428), then no summary or a bad body (400)."""
        if_match = parse_if_match(self.request)
        summary = edit_summary(self.request)
        inputs = input_class(data=self.request.data)
        inputs.is_valid(raise_exception=True)
        return if_match, summary, inputs.changes()

    def clause_named(self, slug: str, field: str) -> Clause:
        """The plan's clause ``slug`` names in the body's ``field``, or a 400 naming it."""
        plan = self.kwargs["plan"]
        try:
            return selectors.clause_get(plan_slug=plan, clause_slug=slug)
        except Clause.DoesNotExist:
            raise ValidationError({field: NO_SUCH_CLAUSE.format(plan=plan, clause=slug)}) from None

    def represent_revision(self, revision: Revision) -> dict:
        return RevisionDetailSerializer.represent(reads.with_contents(revision), self.links())

    def revision_version(self, if_match: IfMatch, revision: Revision) -> int:
        """The revision's version the client read, or the 412 holding the revision."""
        return expected_version(
            if_match, revision, current=lambda: self.represent_revision(revision)
        )

    def revision_conflict(self, if_match: IfMatch, conflict: EditConflict) -> PreconditionFailed:
        """The 412 of a write that met a save of the revision made meanwhile."""
        return revision_stale(if_match, None, conflict.current.pk, self.links())

    def revision_written(self, revision: Revision) -> Response:
        """The revision as the write left it, with its ETag."""
        current = revision_reloaded(revision.plan, revision.pk)
        return Response(
            RevisionDetailSerializer.represent(current, self.links()),
            headers={"ETag": etag_for(current)},
        )
