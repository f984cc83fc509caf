"""Reads: querysets and plain data with what their pages need already joined or prefetched.

The only code that reads the database for a page, the API, a form or a command. Every
read costs a fixed number of SQL queries, whatever the size of the plan; each says how
many, and tests/test_pages_query_counts.py pins the budget of every page.
"""

from clauses.selectors import api_reads
from clauses.selectors.history import HistoryEntry, clause_edit_history, last_change
from clauses.selectors.lookups import (
    MAX_NUMBER,
    clause_get,
    clause_version_lookup,
    missing_part,
    nothing_of,
    plan_get,
    position_get,
    position_of,
    record_by_pk,
    revision_get,
)
from clauses.selectors.overview import Matrix, MatrixCell, MatrixRow, plan_matrix
from clauses.selectors.plans import (
    clause_versions_of,
    clauses_not_in,
    current_among,
    current_revision,
    current_revisions,
    next_revision_number,
    plan_clauses,
    plan_list,
    plans_exist,
    positions_with_party,
    revision_change_counts,
    revisions_newest_first,
    revisions_of,
    revisions_with_clause_counts,
)

__all__ = [
    "clause_versions_of",
    "positions_with_party",
    "MAX_NUMBER",
    "HistoryEntry",
    "Matrix",
    "MatrixCell",
    "MatrixRow",
    "api_reads",
    "clause_edit_history",
    "last_change",
    "clause_get",
    "clause_version_lookup",
    "clauses_not_in",
    "current_among",
    "current_revision",
    "current_revisions",
    "missing_part",
    "nothing_of",
    "record_by_pk",
    "next_revision_number",
    "plan_clauses",
    "plan_get",
    "plan_list",
    "plan_matrix",
    "plans_exist",
    "position_get",
    "position_of",
    "revision_get",
    "revision_change_counts",
    "revisions_newest_first",
    "revisions_of",
    "revisions_with_clause_counts",
]
