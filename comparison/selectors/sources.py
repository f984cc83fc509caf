"""The sources' pages: every source with how many positions cite it, and what one source
says: every position citing it, grouped by party and clause, with where each quote stands
in the source's text. Built on the clauses app's models and the sources' own reads."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from clauses.models import Position
from sources.models import Source
from sources.quotes import find_quote


def source_list() -> QuerySet[Source]:
    """Every source by title, without its text, with how many positions cite it (one
    query, when evaluated)."""
    return (
        Source.objects.defer("text")
        .annotate(position_count=Count("positions"))
        .order_by("title", "pk")
    )


@dataclass(frozen=True)
class Citation:
    """A position citing the source, and where its quote stands in the text (no spans
    when it is a paraphrase, or the text is not recorded)."""

    position: Position
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def anchor(self) -> str:
        return f"quote-{self.position.pk}"


@dataclass
class ClauseGroup:
    clause_title: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class PartyGroup:
    party_name: str
    party_slug: str
    clauses: list[ClauseGroup] = field(default_factory=list)


@dataclass(frozen=True)
class Recorded:
    """Who recorded a source, when and why (its first history row)."""

    by: str
    on: object
    why: str


def source_recorded(source: Source) -> Recorded | None:
    """Who recorded ``source`` and why (one query)."""
    first = source.history.select_related("history_user").order_by("history_id").first()
    if first is None:
        return None
    user = first.history_user
    return Recorded(
        by=user.get_username() if user is not None else "",
        on=first.history_date,
        why=first.history_change_reason or "",
    )


def source_citations(source: Source) -> list[PartyGroup]:
    """Every position citing ``source``, grouped by party (in the matrix's order) and by
    clause (plan, then place in the draft, latest revision first), each with the spans of
    its quote in the source's text (one query)."""
    positions = (
        Position.objects.filter(source=source)
        .select_related("party", "clause_version__clause", "clause_version__revision__plan")
        .order_by(
            "party__sort_order",
            "party__name",
            "party_id",
            "clause_version__revision__plan__title",
            "clause_version__clause_id",
            "-clause_version__revision__number",
        )
    )
    groups: list[PartyGroup] = []
    for position in positions:
        if not groups or groups[-1].party_slug != position.party.slug:
            groups.append(PartyGroup(position.party.name, position.party.slug))
        party = groups[-1]
        clause = position.clause_version.clause
        if not party.clauses or party.clauses[-1].clause_title != clause.title:
            party.clauses.append(ClauseGroup(clause.title))
        spans: tuple[tuple[int, int], ...] = ()
        if source.text and position.quote.strip():
            match = find_quote(source.text, position.quote)
            spans = match.spans
        party.clauses[-1].citations.append(Citation(position, spans))
    return groups
