"""Reads for corrections: the events of a plan, a revision or a clause; the clauses a
revision strikes out; where a renamed clause's old slug leads now."""

from django.db.models import Q, QuerySet

from clauses.models import (
    Clause,
    ClauseDeletion,
    ClauseVersion,
    Correction,
    FormerClauseSlug,
    Plan,
    Revision,
)


def renamed_clause_slug(*, plan_slug: str, slug: str) -> str | None:
    """The slug now of the plan's clause that was called ``slug`` before a rename, or None
    when no clause of the plan ever was (one query)."""
    return (
        FormerClauseSlug.objects.filter(plan__slug=plan_slug, slug=slug)
        .values_list("clause__slug", flat=True)
        .first()
    )


def new_clause_slugs_taken(plan: Plan) -> set[str]:
    """The slugs a new clause of ``plan`` may not take: every clause's, and every former
    slug of a renamed clause, whose old citations must keep leading there (one query)."""
    # Unordered: a compound statement's parts may not order themselves (SQLite).
    current = Clause.objects.filter(plan=plan).order_by().values_list("slug", flat=True)
    former = FormerClauseSlug.objects.filter(plan=plan).order_by().values_list("slug", flat=True)
    return set(current.union(former))


def slugs_taken(*, plan: Plan, clause: Clause) -> tuple[set[str], set[str]]:
    """The slugs a renamed clause may not take, and the former slugs of this clause
    (which it may take back): every clause's slug but its own, and every former slug of
    another clause, whose old citations must keep leading there (two queries)."""
    taken = set(plan.clauses.exclude(pk=clause.pk).values_list("slug", flat=True))
    own: set[str] = set()
    for slug, clause_id in FormerClauseSlug.objects.filter(plan=plan).values_list(
        "slug", "clause_id"
    ):
        (own if clause_id == clause.pk else taken).add(slug)
    return taken, own


def revisions_naming_clause(clause: Clause) -> list[int]:
    """The ids of the revisions whose content names the clause by slug: those that word it
    and those that strike it out (one query)."""
    worded = ClauseVersion.objects.filter(clause=clause).values("revision_id")
    struck = ClauseDeletion.objects.filter(clause=clause).values("revision_id")
    return list(
        Revision.objects.filter(Q(pk__in=worded) | Q(pk__in=struck)).values_list("pk", flat=True)
    )


def clause_worded_in(*, revision: Revision, clause: Clause) -> ClauseVersion | None:
    """The clause as worded in the revision, or None (one query)."""
    return ClauseVersion.objects.filter(revision=revision, clause=clause).first()


def deletion_of(*, revision: Revision, clause: Clause) -> ClauseDeletion | None:
    """The revision's deletion of the clause, or None (one query)."""
    return ClauseDeletion.objects.filter(revision=revision, clause=clause).first()


def deletions_in(*, revision: Revision) -> QuerySet[ClauseDeletion]:
    """The clauses the revision strikes out, by title, with their clause (one query)."""
    return revision.clause_deletions.select_related("clause").order_by("clause__title", "pk")


def deletion_get(*, plan_slug: str, number: int, clause_slug: str) -> ClauseDeletion:
    """Revision ``number``'s deletion of the clause, with its revision, plan and clause
    (one query). Raises ClauseDeletion.DoesNotExist."""
    return ClauseDeletion.objects.select_related("revision__plan", "clause").get(
        revision__plan__slug=plan_slug, revision__number=number, clause__slug=clause_slug
    )


def deletable_clauses(*, revision: Revision) -> QuerySet[Clause]:
    """The clauses an editor may mark deleted in the revision: those of the revision it
    continues that it does not word and has not struck out yet, by title (one query, when
    evaluated; none for a revision that continues nothing)."""
    if revision.previous_id is None:
        return Clause.objects.none()
    return (
        Clause.objects.filter(versions__revision_id=revision.previous_id)
        .exclude(versions__revision=revision)
        .exclude(deletions__revision=revision)
        .order_by("title", "pk")
    )


def plan_clauses_queryset(*, plan_id: int) -> QuerySet[Clause]:
    """The plan's clauses, by title (one query, when evaluated)."""
    return Clause.objects.filter(plan_id=plan_id).order_by("title", "pk")


def _with_people(corrections: QuerySet[Correction]) -> QuerySet[Correction]:
    return corrections.select_related("plan", "recorded_by", "revision", "clause").order_by(
        "-recorded_at", "-pk"
    )


def plan_corrections(*, plan: Plan, limit: int | None = None) -> list[Correction]:
    """The plan's corrections, newest first, with who made them (one query)."""
    corrections = _with_people(Correction.objects.filter(plan=plan))
    return list(corrections if limit is None else corrections[:limit])


def revision_corrections(*, revision: Revision) -> list[Correction]:
    """The corrections made to a revision or to a clause within it, newest first (one
    query)."""
    return list(_with_people(Correction.objects.filter(revision=revision)))


def clause_corrections(*, clause: Clause) -> list[Correction]:
    """The corrections made to a clause (renames, deletions in a revision), newest first
    (one query)."""
    return list(_with_people(Correction.objects.filter(clause=clause)))


def deletions_of_clause(*, clause: Clause) -> dict[int, ClauseDeletion]:
    """The clause's deletions by the id of the revision that strikes it out, with that
    revision and what it continues (one query)."""
    deletions = clause.deletions.select_related("revision__previous")
    return {deletion.revision_id: deletion for deletion in deletions.order_by("revision__number")}
