"""The editor's pages: thin views that validate a form and call ``clauses.services``."""

from clauses.views.editing.clauses import clause_add, clause_edit, clause_version_edit
from clauses.views.editing.plans import plan_create, plan_edit, revision_new
from clauses.views.editing.positions import position_edit
from clauses.views.editing.revisions import revision_clone, revision_edit

__all__ = [
    "clause_add",
    "clause_edit",
    "clause_version_edit",
    "plan_create",
    "plan_edit",
    "position_edit",
    "revision_clone",
    "revision_edit",
    "revision_new",
]
