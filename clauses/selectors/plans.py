"""Plans and their revisions, and which revision of a plan is current."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)

from clauses.models import (
    Clause,
    ClauseDeletion,
    ClauseVersion,
    Plan,
    Position,
    Revision,
    RevisionQuerySet,
)
from clauses.moves import is_move
from clauses.vocabularies import Coverage


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
    """The plan's revisions by number, with what each continues and its author (one
    query)."""
    return plan.revisions.select_related("previous", "proposed_by").order_by("number")


def revisions_with_clause_counts(*, plan: Plan) -> QuerySet[Revision]:
    """``revisions_of`` with each revision's number of clauses, ``clause_count`` (one
    query). Each count is its own subquery on the clause versions' revision index: a
    grouped join would read every clause version of the plan, tens of thousands on a long
    negotiation, for every page that merely lists the revisions."""
    counted = (
        ClauseVersion.objects.filter(revision=OuterRef("pk"))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return revisions_of(plan=plan).annotate(
        clause_count=Subquery(counted, output_field=IntegerField())
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
    return RevisionQuerySet.current_among(revisions)


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


@dataclass(frozen=True)
class RevisionChanges:
    """What a revision changed against the one it continues, counted by clause."""

    added: int = 0  # clauses the revision continued did not hold
    dropped: int = 0  # clauses it held that this revision does not
    reworded: int = 0  # clauses in both whose text differs
    moved: int = 0  # positions in both (same clause, same party) whose stance differs
    # In place of added and dropped where a partial side is silent (comparison.diff's rule):
    first_described: int = 0  # not in the continued revision, which is partial
    not_described: int = 0  # not in this revision, which is partial
    deleted: int = 0  # struck out by this revision (ClauseDeletion): apart from the above


def revision_change_counts(*, plan: Plan) -> dict[int, RevisionChanges]:
    """Each revision of the plan that continues another (by pk) with what it changed
    against that one (two queries: four correlated counts per revision, each through the
    unique (revision, clause) and (clause version, party) indexes; then the positions
    whose stance differs from the same party's on the same clause in the revision
    continued, which clauses.moves judges, as the diff does)."""
    this_revision = OuterRef(OuterRef("pk"))
    continued = OuterRef(OuterRef("previous"))
    versions = ClauseVersion.objects.order_by()
    same_clause_before = versions.filter(revision=continued, clause=OuterRef("clause"))
    same_clause_after = versions.filter(revision=this_revision, clause=OuterRef("clause"))

    def count(queryset):
        counted = queryset.annotate(n=Func(F("pk"), function="COUNT")).values("n")
        return Subquery(counted, output_field=IntegerField())

    rows = (
        Revision.objects.filter(plan=plan, previous__isnull=False)
        .annotate(
            added=count(
                versions.filter(revision=OuterRef("pk")).exclude(Exists(same_clause_before))
            ),
            dropped=count(
                versions.filter(revision=OuterRef("previous")).exclude(Exists(same_clause_after))
            ),
            reworded=count(
                versions.filter(revision=OuterRef("pk"))
                .filter(Exists(same_clause_before))
                .exclude(text=Subquery(same_clause_before.values("text")[:1]))
            ),
            # A deletion strikes out a clause of the revision continued that this one
            # does not word (the service checks it): one of the dropped, told apart.
            deleted=count(ClauseDeletion.objects.order_by().filter(revision=OuterRef("pk"))),
        )
        .values_list(
            "pk",
            "added",
            "dropped",
            "reworded",
            "coverage",
            "previous__coverage",
            "deleted",
        )
    )
    moved = revision_moves(plan=plan)
    return {
        pk: RevisionChanges(
            added=0 if before == Coverage.PARTIAL else added,
            dropped=0 if coverage == Coverage.PARTIAL else dropped - deleted,
            reworded=reworded,
            moved=moved.get(pk, 0),
            first_described=added if before == Coverage.PARTIAL else 0,
            not_described=dropped - deleted if coverage == Coverage.PARTIAL else 0,
            deleted=deleted,
        )
        for pk, added, dropped, reworded, coverage, before, deleted in rows
    }


def revision_moves(*, plan: Plan, topic: str | None = None) -> dict[int, int]:
    """How many stances moved in each revision of the plan that continues another (by pk;
    revisions without a move left out), against the revision it continues, by the one
    rule of clauses.moves (one query: the positions whose stance differs from the same
    party's on the same clause in the revision continued, with both quotes). Given
    ``topic``, on that topic's clauses only."""
    before = Position.objects.order_by().filter(
        clause_version__revision=OuterRef("clause_version__revision__previous"),
        clause_version__clause=OuterRef("clause_version__clause"),
        party=OuterRef("party"),
    )
    rows = (
        Position.objects.order_by()
        .filter(clause_version__revision__plan=plan)
        .filter(clause_version__revision__previous__isnull=False)
        .filter(**({"clause_version__clause__topic": topic} if topic is not None else {}))
        .annotate(
            stance_before=Subquery(before.values("stance")[:1]),
            quote_before=Subquery(before.values("quote")[:1]),
        )
        .filter(stance_before__isnull=False)
        .exclude(stance=F("stance_before"))
        .values_list(
            "clause_version__revision_id", "stance_before", "stance", "quote_before", "quote"
        )
    )
    counts: dict[int, int] = {}
    for revision_id, stance_before, stance, quote_before, quote in rows:
        if is_move(stance_before, stance, quote_before, quote):
            counts[revision_id] = counts.get(revision_id, 0) + 1
    return counts


def positions_with_party(queryset: QuerySet[Position] | None = None) -> Prefetch:
    """Prefetch of a clause version's positions with their party joined (one query)."""
    queryset = Position.objects.all() if queryset is None else queryset
    return Prefetch("positions", queryset=queryset.select_related("party"))


def clause_versions_of(
    revisions: Iterable[Revision], *, positions: Prefetch | None = None
) -> QuerySet[ClauseVersion]:
    """The clause versions of the given revisions in draft order, with clause and positions
    (two queries however many revisions: the versions, then all their positions)."""
    return (
        ClauseVersion.objects.filter(revision__in=[r.pk for r in revisions])
        .select_related("clause")
        .prefetch_related(positions or positions_with_party())
        .order_by("revision_id", "position_in_draft", "pk")
    )
