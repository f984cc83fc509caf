"""Writes of the clauses app: each validates, runs in one transaction and records the
editor and the edit summary in history. Views, forms and the API call these, never
``save()`` directly.
"""

from clauses.services.edits import (
    clause_update,
    clause_version_add,
    clause_version_update,
    position_create,
    position_save,
    position_update,
)
from clauses.services.revisions import (
    plan_create,
    plan_update,
    revision_clone,
    revision_create,
    revision_update,
)

__all__ = [
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
