"""Reads of the record (plans, revisions, clauses, their versions and the positions):
querysets and plain data with what their callers need already joined or prefetched.

The pages, the API, the editor's forms and the record's management commands read the record
through these (tests/site/test_read_path.py keeps their views, forms and commands off the ORM).
The apps above read through selectors of their own, built on the models and on these:
comparison/selectors/ (the diff, the clause and party pages) and publishing/selectors/
(feeds, pictures); the parties are read by parties/selectors.py. Every read costs a fixed
number of SQL queries, whatever the size of the plan; each says how many, and tests pin the
budgets: tests/site/test_pages_query_counts.py every page's, test_api_query_counts.py,
test_editing_query_counts.py and test_exports_query_counts.py the API's, the editor's and
the downloads'.

Selectors are not the only code that reads the database:

- the API's positions list, where the request decides what is read and how much of it:
  clauses/api/filters.py checks that a plan or party named exists and narrows the
  positions to the filters; core/api/pagination.py reads one page with the count of all
  the rows in the same query (for a revision named by number, or every revision, in the
  SQL of clauses/selectors/position_pages.py); clauses/api/renderers.py streams the
  unpaginated CSV;
- writes, which read inside their transaction what they must not see change before they
  write: the services (clauses/services/, parties/services.py, drafting/services.py) and
  the helpers they save through (core/saving.py, core/tracking.py) read the row they lock,
  the version a conflict is checked against, the slugs taken, the current revision;
- the models: clauses/models.py's managers (the main line, the current revision) and
  ``clean()``, which the forms call; core/accounts.py reads the editors and their group;
- the plan generator (generator/plans.py) and the benchmark's peers (bench/), which read
  as they build or measure.
"""

from clauses.selectors import api_reads
from clauses.selectors.history import clause_edit_history, last_change
from clauses.selectors.lookups import (
    MAX_NUMBER,
    clause_get,
    clause_version_lookup,
    missing_part,
    nothing_of,
    plan_get,
    position_get,
    position_of,
    position_to_cite,
    record_by_pk,
    revision_get,
)
from clauses.selectors.overview import Matrix, plan_matrix, rows_with_details
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
    "Matrix",
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
    "rows_with_details",
    "plans_exist",
    "position_get",
    "position_of",
    "position_to_cite",
    "revision_get",
    "revision_change_counts",
    "revisions_newest_first",
    "revisions_of",
    "revisions_with_clause_counts",
]
