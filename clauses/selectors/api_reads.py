"""The querysets the API reads, each with its joins and prefetches applied, and each in a
stable order (a tiebreak on a unique column) so that pages never overlap or skip.

These are API-shaped reads (what a JSON client pages through); they reuse the pages' own
reads where they fit. Each is one query when evaluated, plus one per prefetch named.
"""

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.representations import CLAUSE_VERSION_FIELDS, POSITION_OWN_FIELDS
from clauses.selectors.plans import plan_list, revisions_of

# Parties are ordered as in the matrix: by their sort order, then by name.
PARTY_ORDER = ("party__sort_order", "party__name", "party_id")
# Positions, in the positions list: by plan, revision, place in the draft, clause, party.
POSITION_ORDER = (
    "clause_version__revision__plan__slug",
    "clause_version__revision__number",
    "clause_version__position_in_draft",
    "clause_version__clause_id",
    *PARTY_ORDER,
)


def plans() -> QuerySet[Plan]:
    """Plans as plan_list() reads them (one query)."""
    # plan_list() orders by title; titles may repeat, slugs may not.
    return plan_list().order_by("title", "slug")


def revisions(plan: Plan) -> QuerySet[Revision]:
    """The plan's revisions by number, each knowing its plan without another query."""
    return revisions_of(plan=plan).select_related("plan")


def _positions_of_versions() -> Prefetch:
    return Prefetch("positions", Position.objects.select_related("party").order_by(*PARTY_ORDER))


def revision_detail(plan: Plan | None = None) -> QuerySet[Revision]:
    """Revisions with their plan, what each continues and its author (one query); of
    ``plan`` when given. What a revision holds is read by ``with_contents``."""
    revisions = Revision.objects.select_related("plan", "previous", "proposed_by")
    return revisions if plan is None else revisions.filter(plan=plan)


def with_contents(revision: Revision) -> Revision:
    """``revision`` with its clause versions in draft order, each with its positions by
    party, read as rows into ``revision.contents`` (two queries): pairs of a
    ``CLAUSE_VERSION_FIELDS`` row and its positions' ``POSITION_OWN_FIELDS`` rows.

    What a prefetch would load, without a model instance per row: a revision of a long
    negotiation holds thousands of positions, and building three instances for each (the
    position, its party, its clause version) cost several times the whole floor of the
    read (the revision detail API case in bench/results.md).
    """
    versions = (
        ClauseVersion.objects.filter(revision=revision)
        .order_by("position_in_draft", "clause_id")
        .values_list(*CLAUSE_VERSION_FIELDS)
    )
    positions = (
        Position.objects.filter(clause_version__revision=revision)
        .order_by("clause_version_id", *PARTY_ORDER)
        .values_list("clause_version_id", *POSITION_OWN_FIELDS)
    )
    by_version: dict[int, list[tuple]] = defaultdict(list)
    for version_id, *own in positions:
        by_version[version_id].append(tuple(own))
    pk = CLAUSE_VERSION_FIELDS.index("id")
    # An attribute of this read alone, which the model does not declare.
    revision.contents = [  # type: ignore[attr-defined]
        (row, by_version.get(row[pk], [])) for row in versions
    ]
    return revision


def clauses(plan: Plan) -> QuerySet[Clause]:
    """Clauses with a summary of their version in each revision (two queries)."""
    versions = ClauseVersion.objects.select_related("revision").order_by("revision__number")
    return (
        Clause.objects.filter(plan=plan)
        .select_related("plan")
        .prefetch_related(Prefetch("versions", versions))
        .order_by("title", "slug")
    )


def clause_detail(plan: Plan) -> QuerySet[Clause]:
    """Clauses with their full version in each revision, each with its positions (three
    queries)."""
    versions = (
        ClauseVersion.objects.select_related("clause", "revision__plan")
        .prefetch_related(_positions_of_versions())
        .order_by("revision__number")
    )
    return (
        Clause.objects.filter(plan=plan)
        .select_related("plan")
        .prefetch_related(Prefetch("versions", versions))
    )


def clause_versions() -> QuerySet[ClauseVersion]:
    """Clause versions with their clause, revision and plan, and their positions with
    their party (two queries)."""
    return ClauseVersion.objects.select_related("clause", "revision__plan").prefetch_related(
        _positions_of_versions()
    )


def positions() -> QuerySet[Position]:
    """Every position with what its row shows joined in one query, in matrix order: by
    plan, revision, place in the draft, clause, party: the CSV, and what
    ``filter_positions`` narrows (a page of the list is read in SQL of its own,
    clauses/selectors/position_pages.py, checked against it)."""
    return (
        Position.objects.select_related(
            "party", "clause_version__clause", "clause_version__revision__plan"
        )
        # The clause text can be long and the list does not show it.
        .defer("clause_version__text", "clause_version__revision__notes")
        .order_by(*POSITION_ORDER)
    )


def in_latest_revisions(queryset: QuerySet[Position]) -> QuerySet[Position]:
    """Only positions in the current revision of their plan (the rule of
    ``Revision.objects.current_of_each_plan``), in the same one query.

    The current revisions are found among the revisions (a few dozen rows), and positions
    are then read through their clause versions' revision index. A subquery correlated
    with each position instead made the database test every position of every revision,
    far slower beside a plan of many revisions (bench/results.md).
    """
    current = Revision.objects.current_of_each_plan().values("pk")
    return queryset.filter(clause_version__revision__in=current)
