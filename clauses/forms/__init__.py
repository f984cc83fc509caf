"""The editor's forms. They validate and hand plain values to ``clauses.services``."""

from clauses.forms.edits import (
    ClauseAddForm,
    ClauseForm,
    ClauseVersionForm,
    CloneForm,
    NewRevisionForm,
    PlanEditForm,
    PlanForm,
    PositionForm,
    RevisionForm,
)

__all__ = [
    "ClauseAddForm",
    "ClauseForm",
    "ClauseVersionForm",
    "CloneForm",
    "NewRevisionForm",
    "PlanEditForm",
    "PlanForm",
    "PositionForm",
    "RevisionForm",
]
