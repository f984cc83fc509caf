"""Plans and their revisions."""

from django.db.models import Count, Max, QuerySet

from ..models import Plan, Revision


def plan_list() -> QuerySet[Plan]:
    """Plans with their number of revisions and latest revision number (one query)."""
    return Plan.objects.annotate(
        revision_count=Count("revisions"), latest_revision_number=Max("revisions__number")
    ).order_by("title")


def revisions_of(*, plan: Plan) -> QuerySet[Revision]:
    """The plan's revisions by number, with what each continues, its author and its number
    of clauses (one query)."""
    return (
        plan.revisions.select_related("previous", "proposed_by")
        .annotate(clause_count=Count("clause_versions"))
        .order_by("number")
    )


def revision_get(*, plan_slug: str, number: int) -> Revision:
    """One revision with its plan, what it continues and its author (one query).
    Raises Revision.DoesNotExist for an unknown plan or number."""
    return Revision.objects.select_related("plan", "previous", "proposed_by").get(
        plan__slug=plan_slug, number=number
    )


def latest_revision(*, plan: Plan) -> Revision | None:
    """The plan's highest-numbered revision with what it continues, or None before its
    first (one query)."""
    return plan.revisions.select_related("previous").order_by("-number").first()
