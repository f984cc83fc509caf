"""Reads of lineage: which clauses a revision splits or merges, for the correction services,
the editor's forms, the diff, the clause page and the fingerprints.

The diff, the clause page and the fingerprints read lineage *inside* a query they already
make (an annotation on each clause version row, aggregated in the database), so that
following the strands costs no query of its own: those readers' query budgets are pinned.
"""

from collections.abc import Collection

from django.db.models import (
    Aggregate,
    CharField,
    F,
    Func,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat, JSONObject

from clauses.models import Clause, ClauseLineage, ClauseVersion, Plan, Revision


class CommaJoined(Aggregate):
    """Text values joined with commas, in no particular order (the readers sort)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="STRING_AGG(%(expressions)s, ',')", **extra_context
        )


class JSONList(Aggregate):
    """Values (JSON objects) gathered into one JSON array."""

    function = "JSON_GROUP_ARRAY"
    template = "%(function)s(%(expressions)s)"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


class _JSONObject(JSONObject):
    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite has JSON_OBJECT built in (3.38+, and the JSON1 extension before it). Django
        # would first ask the database so with a query of its own, once per connection,
        # which the pinned query budgets of the pages reading lineage would count.
        return Func.as_sql(self, compiler, connection, **extra_context)


def _grouped(links: QuerySet, by: str, value) -> Subquery:
    """One aggregated value over ``links`` (all sharing ``by``), as a subquery."""
    return Subquery(links.order_by().values(by).annotate(value=value).values("value")[:1])


def predecessor_keys(*, plan_id: int, after_number: int, up_to_number: int) -> Subquery:
    """For a clause version row: the lineage strands that end in its clause in revisions
    numbered after ``after_number`` up to ``up_to_number``, as ``"kind:predecessor_id"``
    joined with commas (or null). The diff annotates the new side's rows with it."""
    links = ClauseLineage.objects.filter(
        successor_id=OuterRef("clause_id"),
        revision__plan_id=plan_id,
        revision__number__gt=after_number,
        revision__number__lte=up_to_number,
    )
    key = Concat(F("kind"), Value(":"), Cast("predecessor_id", CharField()))
    return _grouped(links, "successor_id", CommaJoined(key))


def predecessor_slugs() -> Subquery:
    """For a clause version row: the strands of its revision that end in its clause, as
    ``"kind:predecessor_slug"`` joined with commas (or null): what the fingerprint of the
    revision covers of its lineage (slugs, as the fingerprint names clauses)."""
    links = ClauseLineage.objects.filter(
        revision_id=OuterRef("revision_id"), successor_id=OuterRef("clause_id")
    )
    # One output type: PostgreSQL would refuse to join a CharField and a SlugField.
    key = Concat(F("kind"), Value(":"), F("predecessor__slug"), output_field=CharField())
    return _grouped(links, "successor_id", CommaJoined(key))


def _clause_link(clause: str, revision: str) -> JSONObject:
    """A strand's other clause as the clause page links to it, with its number there."""
    number = ClauseVersion.objects.filter(
        revision_id=OuterRef(revision), clause_id=OuterRef(f"{clause}_id")
    ).values("number")[:1]
    return _JSONObject(
        kind=F("kind"),
        revision=F("revision__number"),
        slug=F(f"{clause}__slug"),
        title=F(f"{clause}__title"),
        number=Subquery(number),
    )


def strands_in() -> Subquery:
    """For a clause version row: the strands of its revision that end in its clause (it
    was split or merged from those), as a JSON list of the other clauses (or null)."""
    links = ClauseLineage.objects.filter(
        revision_id=OuterRef("revision_id"), successor_id=OuterRef("clause_id")
    )
    # The predecessor's number is its number in the revision this one continues.
    return _grouped(
        links, "successor_id", JSONList(_clause_link("predecessor", "revision__previous_id"))
    )


def strands_out() -> Subquery:
    """For a clause version row: the strands that start from its clause in the revisions
    that continue its revision (it was split or merged into those), as a JSON list."""
    links = ClauseLineage.objects.filter(
        revision__previous_id=OuterRef("revision_id"), predecessor_id=OuterRef("clause_id")
    )
    return _grouped(links, "predecessor_id", JSONList(_clause_link("successor", "revision_id")))


# Reads of the correction services and the editor's forms (a query each).


def lineage_of_revision(revision: Revision) -> list[ClauseLineage]:
    """The strands recorded in ``revision``, with both clauses (one query)."""
    return list(
        ClauseLineage.objects.filter(revision=revision).select_related("predecessor", "successor")
    )


def clauses_in_lineage(*, revision: Revision, clause_ids: Collection[int]) -> set[int]:
    """Which of ``clause_ids`` already take part in a strand of ``revision`` (one query)."""
    rows = ClauseLineage.objects.filter(
        Q(predecessor_id__in=clause_ids) | Q(successor_id__in=clause_ids), revision=revision
    ).values_list("predecessor_id", "successor_id")
    return {pk for pair in rows for pk in pair} & set(clause_ids)


def clause_has_strands_around(*, clause_version: ClauseVersion) -> bool:
    """Whether the clause of ``clause_version`` ends a strand of its revision or starts one
    in a revision continuing it: re-linking the version would cut those (one query)."""
    return ClauseLineage.objects.filter(
        Q(revision_id=clause_version.revision_id, successor_id=clause_version.clause_id)
        | Q(
            revision__previous_id=clause_version.revision_id,
            predecessor_id=clause_version.clause_id,
        )
    ).exists()


def clause_ids_in(revision: Revision | None) -> dict[int, ClauseVersion]:
    """The clause versions of ``revision`` by clause id, with their clause (one query)."""
    if revision is None:
        return {}
    versions = ClauseVersion.objects.filter(revision=revision).select_related("clause")
    return {version.clause_id: version for version in versions}


def versions_of_revision(revision: Revision) -> QuerySet[ClauseVersion]:
    """The clause versions of ``revision`` in draft order, with their clause (the choices
    of the split and merge forms)."""
    return (
        ClauseVersion.objects.filter(revision=revision)
        .select_related("clause")
        .order_by("position_in_draft", "pk")
    )


def clauses_of_plan(plan: Plan) -> QuerySet[Clause]:
    """Every clause of ``plan`` by title (the re-link form's choices)."""
    return Clause.objects.filter(plan=plan).order_by("title", "pk")
