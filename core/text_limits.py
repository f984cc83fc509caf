"""Long text with a maximum length that every door enforces alike.

Django's ``TextField(max_length=...)`` only reaches the forms: the model's own validation,
which every service runs before a save, ignores it. A ``MaxLengthValidator`` on the model
field reaches every door with one number: the model refuses the text, the forms and the
API's inputs (built from the model) carry the validator, and the schema states it as
``maxLength``.
"""

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models

# The limits, generous for what a source or a draft holds: a clause of a real draft runs
# to a few thousand characters, a position's summary to a sentence or two.
CLAUSE_TEXT = 20_000
NOTES = 10_000
DESCRIPTION = 5_000
EVIDENCE = 5_000
SUMMARY = 2_000


def limited_text(max_length: int, **options: Any) -> models.TextField:
    """A TextField holding at most ``max_length`` characters, by its validator alone: a text
    column has no length, and a validator alters no table (SQLite would rebuild the table,
    and drop its triggers with it, for a change of ``max_length``)."""
    return models.TextField(validators=[MaxLengthValidator(max_length)], **options)
