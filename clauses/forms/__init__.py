"""The editor's forms. They validate and hand plain values to ``clauses.services``."""

from .edit_form import CONFLICT, EditForm, add_service_errors
from .edits import (
    ClauseAddForm,
    ClauseForm,
    ClauseVersionForm,
    CloneForm,
    NewRevisionForm,
    PlanForm,
    PositionForm,
    RevisionForm,
)
from .paste import AlignmentForm, PasteForm

__all__ = [
    "CONFLICT",
    "AlignmentForm",
    "ClauseAddForm",
    "ClauseForm",
    "ClauseVersionForm",
    "CloneForm",
    "EditForm",
    "NewRevisionForm",
    "PasteForm",
    "PlanForm",
    "PositionForm",
    "RevisionForm",
    "add_service_errors",
]
