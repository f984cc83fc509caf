"""The editor's pages: thin views that validate a form and call ``clauses.services``."""

from .clauses import clause_add, clause_edit, clause_version_edit
from .paste import paste, paste_confirm, paste_next
from .plans import plan_create, revision_new
from .positions import position_edit
from .revisions import revision_clone, revision_edit

__all__ = [
    "clause_add",
    "clause_edit",
    "clause_version_edit",
    "paste",
    "paste_confirm",
    "paste_next",
    "plan_create",
    "position_edit",
    "revision_clone",
    "revision_edit",
    "revision_new",
]
