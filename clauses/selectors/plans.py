"""Plans and their revisions, and which revision of a plan is current."""

from django.db.models import Count, OuterRef, QuerySet

from ..models import Clause, Plan, Revision


def plan_list() -> QuerySet[Plan]:
    """Plans with their number of revisions and their current revision's number (one
    query)."""
    return Plan.objects.annotate(
        revision_count=Count("revisions"),
        latest_revision_number=Revision.objects.current_numbers(OuterRef("pk")),
    ).order_by("title")


def plans_exist() -> bool:
    """Whether the database holds any plan (one query)."""
    return Plan.objects.exists()


def revisions_of(*, plan: Plan) -> QuerySet[Revision]:
    """The plan's revisions by number, with what each continues, its author and its number
    of clauses (one query)."""
    return (
        plan.revisions.select_related("previous", "proposed_by")
        .annotate(clause_count=Count("clause_versions"))
        .order_by("number")
    )


def revisions_newest_first(*, plan_id: int, below: int | None = None) -> QuerySet[Revision]:
    """The plan's revisions, highest number first; only those numbered below ``below``
    when given (one query, when evaluated)."""
    revisions = Revision.objects.filter(plan_id=plan_id).order_by("-number")
    return revisions if below is None else revisions.filter(number__lt=below)


def current_revision(*, plan: Plan) -> Revision | None:
    """The plan's current revision with what it continues, or None before its first (one
    query). The rule is ``Revision.objects.current_for``: every page, form and API default
    that speaks of the current revision asks here."""
    return Revision.objects.select_related("previous").current_for(plan)


def current_among(revisions) -> Revision | None:
    """The current revision among one plan's revisions already read (no query)."""
    return Revision.objects.current_among(revisions)


def current_revisions() -> QuerySet[Revision]:
    """The current revision of every plan that has one, with its plan and what it
    continues, by plan title (one query)."""
    return (
        Revision.objects.current_of_each_plan()
        .select_related("plan", "previous")
        .order_by("plan__title", "plan__slug")
    )


def next_revision_number(plan: Plan) -> int:
    """The number the plan's next revision will take, as a form announces it (one query).
    The highest number plus one, whichever revision is current: numbers never repeat."""
    highest = Revision.objects.filter(plan=plan).order_by("-number").values("number").first()
    return (highest["number"] if highest else 0) + 1


def plan_clauses(*, plan: Plan) -> list[Clause]:
    """The plan's clauses by title (one query)."""
    return list(plan.clauses.order_by("title"))


def clauses_not_in(*, revision: Revision) -> QuerySet[Clause]:
    """The plan's clauses that the revision does not hold yet, by title (one query, when
    evaluated)."""
    return revision.plan.clauses.exclude(versions__revision=revision).order_by("title")
