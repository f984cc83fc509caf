"""The search case's naive peer: ``icontains`` over the same fields as the index (clause
texts and titles, position summaries, quotes, demands and source titles), every word of
the query required in one field, grouped by clause, the first 20 clauses, then each of
them read for its passages; what a first version would write without a full-text index."""

import re

from django.db.models import Q

from clauses.models import ClauseVersion, Position
from search.query import parse_query
from search.selectors import Filters, matching_clauses

FIELDS_OF_VERSIONS = ("text", "clause__title")
FIELDS_OF_POSITIONS = ("summary", "quote", "demand", "source_title")


def _all_words(fields: tuple[str, ...], words: list[str]) -> Q:
    found = Q()
    for name in fields:
        each = Q()
        for word in words:
            each &= Q(**{f"{name}__icontains": word})
        found |= each
    return found


def search(*, plan, query: str, per_page: int = 20) -> list[tuple[int, int]]:
    """(clause id, matching passages) of the first ``per_page`` clauses, most matches first."""
    words = query.split()
    counts: dict[int, int] = {}
    versions = ClauseVersion.objects.filter(revision__plan=plan).filter(
        _all_words(FIELDS_OF_VERSIONS, words)
    )
    for clause_id in versions.values_list("clause_id", flat=True):
        counts[clause_id] = counts.get(clause_id, 0) + 1
    positions = Position.objects.filter(clause_version__revision__plan=plan).filter(
        _all_words(FIELDS_OF_POSITIONS, words)
    )
    for clause_id in positions.values_list("clause_version__clause_id", flat=True):
        counts[clause_id] = counts.get(clause_id, 0) + 1
    page = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:per_page]
    # Then, as a first version would, each clause's matching passages read clause by
    # clause, with the revision each is in.
    for clause_id, _count in page:
        list(
            ClauseVersion.objects.filter(clause_id=clause_id)
            .filter(_all_words(FIELDS_OF_VERSIONS, words))
            .values_list("revision__number", "text")
        )
        list(
            Position.objects.filter(clause_version__clause_id=clause_id)
            .filter(_all_words(FIELDS_OF_POSITIONS, words))
            .values_list("clause_version__revision__number", "party__slug", "summary")
        )
    return page


def floor(*, plan, query: str, per_page: int = 20) -> list[tuple[int, int]]:
    """The page of clauses in one query on the full-text index, nothing more."""
    return matching_clauses(query=parse_query(query), filters=Filters(plan=plan.pk), limit=per_page)


def term_found(plan, term: str, *, fallback_from) -> str:
    """``term`` if the plan holds it, else the longest word of ``fallback_from``'s first
    clause text: a small generated plan may lack the usual rare term, and a search that
    finds nothing stops after one query."""
    if ClauseVersion.objects.filter(revision__plan=plan, text__icontains=term).exists():
        return term
    text = (
        fallback_from.clause_versions.order_by("position_in_draft")
        .values_list("text", flat=True)
        .first()
    )
    words = re.findall(r"[A-Za-z]{5,}", text or "")
    return max(words, key=len) if words else term
