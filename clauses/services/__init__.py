"""Writes of the clauses app: each validates, runs in one transaction and records the
editor and the edit summary in history. Views, forms and the API call these, never
``save()`` directly.
"""

from .edits import (
    clause_update,
    clause_version_add,
    clause_version_update,
    position_create,
    position_save,
    position_update,
)
from .paste import (
    ConfirmedPoint,
    DraftProposal,
    clause_candidates,
    clause_title_from_text,
    draft_align,
    revision_from_paste,
)
from .revisions import (
    plan_create,
    plan_update,
    revision_clone,
    revision_create,
    revision_update,
)

__all__ = [
    "ConfirmedPoint",
    "DraftProposal",
    "draft_align",
    "clause_candidates",
    "clause_title_from_text",
    "revision_from_paste",
    "clause_update",
    "clause_version_add",
    "clause_version_update",
    "plan_create",
    "plan_update",
    "position_create",
    "position_save",
    "position_update",
    "revision_clone",
    "revision_create",
    "revision_update",
]
