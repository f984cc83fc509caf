"""Reads: querysets and plain data with what their pages need already joined or prefetched.

The only code that reads the database for a page, the API, a form or a command. Every
read costs a fixed number of SQL queries, whatever the size of the plan; each says how
many, and tests/test_pages_query_counts.py pins the budget of every page.
"""

from . import api_reads
from .clause_pages import (
    ClauseStep,
    ClauseTimeline,
    ClauseVersionView,
    PositionView,
    StanceRow,
    clause_timeline,
    clause_version_get,
)
from .diffs import (
    NothingToCompare,
    clause_versions_of,
    default_against,
    positions_with_party,
    revision_diff,
    revision_snapshot,
)
from .history import HistoryEntry, clause_edit_history, last_change
from .lookups import (
    MAX_NUMBER,
    clause_get,
    clause_version_lookup,
    missing_part,
    nothing_of,
    party_get,
    plan_get,
    position_get,
    position_of,
    record_by_pk,
    revision_get,
)
from .overview import Matrix, MatrixCell, MatrixRow, plan_matrix
from .parties import parties_in_order
from .plans import (
    clauses_not_in,
    current_among,
    current_revision,
    current_revisions,
    next_revision_number,
    plan_clauses,
    plan_list,
    plans_exist,
    revision_change_counts,
    revisions_newest_first,
    revisions_of,
    revisions_with_clause_counts,
)

__all__ = [
    "MAX_NUMBER",
    "ClauseStep",
    "ClauseTimeline",
    "ClauseVersionView",
    "HistoryEntry",
    "Matrix",
    "MatrixCell",
    "MatrixRow",
    "NothingToCompare",
    "PositionView",
    "StanceRow",
    "api_reads",
    "clause_edit_history",
    "last_change",
    "clause_get",
    "clause_timeline",
    "clause_version_get",
    "clause_version_lookup",
    "clause_versions_of",
    "clauses_not_in",
    "current_among",
    "current_revision",
    "current_revisions",
    "missing_part",
    "nothing_of",
    "record_by_pk",
    "next_revision_number",
    "parties_in_order",
    "party_get",
    "plan_clauses",
    "plan_get",
    "default_against",
    "plan_list",
    "plan_matrix",
    "plans_exist",
    "position_get",
    "position_of",
    "positions_with_party",
    "revision_diff",
    "revision_get",
    "revision_snapshot",
    "revision_change_counts",
    "revisions_newest_first",
    "revisions_of",
    "revisions_with_clause_counts",
]
