"""The small pieces of templates/clauses/_pieces.jinja (a stance, a direction, the
markers...), from Python.

A long page shows a stance in each of a thousand cells. Its template looks each one up in
``stance_pieces()``, drawn by the macro once per stance for that page, rather than calling
the macro for every cell: a macro call costs several times the rest of a cell's work.
"""

from markupsafe import Markup

from clauses.vocabulary_words import STANCE_WORDS, words_of
from core.jinja2 import Macros, macros

PIECES = "clauses/_pieces.jinja"


def pieces() -> Macros:
    """The macros of templates/clauses/_pieces.jinja; each returns markup."""
    return macros(PIECES)


def stance_pieces() -> dict[str | None, Markup]:
    """The piece of each stored stance, in its words, and of no position (None and "")."""
    stance = pieces().stance
    drawn: dict[str | None, Markup] = {
        value: stance(value, label) for value, label in words_of(STANCE_WORDS).items()
    }
    drawn[None] = drawn[""] = stance(None, "")
    return drawn


def direction_pieces(values) -> dict[str, Markup]:
    """The piece of each of ``values``: where a stance went ("toward", "new"...)."""
    direction = pieces().direction
    return {value: direction(value) for value in values}
