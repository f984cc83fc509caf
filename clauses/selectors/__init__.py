"""Reads: querysets and plain data with what their pages need already joined or prefetched.

Every read costs a fixed number of SQL queries, whatever the size of the plan; each says
how many, and tests/test_pages_query_counts.py pins the budget of every page.
"""

from .clause_pages import (
    ClauseStep,
    ClauseTimeline,
    ClauseVersionView,
    PositionView,
    StanceRow,
    clause_get,
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
from .history import HistoryEntry, clause_edit_history
from .overview import Matrix, MatrixCell, MatrixRow, plan_matrix
from .party_pages import PartyPlan, PartyRow, party_list, party_positions
from .plans import latest_revision, plan_list, revision_get, revisions_of

__all__ = [
    "ClauseStep",
    "ClauseTimeline",
    "ClauseVersionView",
    "HistoryEntry",
    "Matrix",
    "MatrixCell",
    "MatrixRow",
    "NothingToCompare",
    "PartyPlan",
    "PartyRow",
    "PositionView",
    "StanceRow",
    "clause_edit_history",
    "clause_get",
    "clause_timeline",
    "clause_version_get",
    "clause_versions_of",
    "default_against",
    "latest_revision",
    "party_list",
    "party_positions",
    "plan_list",
    "plan_matrix",
    "positions_with_party",
    "revision_diff",
    "revision_get",
    "revision_snapshot",
    "revisions_of",
]
