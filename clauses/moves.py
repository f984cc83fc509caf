"""When a party's stance counts as a move: the one rule every count of moves applies.

The revisions timeline, the diff and compare pages, the feeds, the convergence chart and
the changes-since page all count stance moves; they ask this module, so their numbers
agree. A pure module: plain strings in, a plain string out.

The rule:

- a move needs two known stances: ``unknown`` (or a missing position, or a value off the
  scale) on either side is never a move, as ``unknown`` is never counted as 0;
- two stances resting on the same (non-empty) quote are one statement read twice: a
  reinterpretation, not a move the source records;
- otherwise the direction is ``toward`` when the stance rose on the ordinal scale (closer
  to ``supports``), ``away`` when it fell, ``unchanged`` when it kept its value.
"""

from clauses.vocabularies import ORDINAL

TOWARD = "toward"
AWAY = "away"
UNCHANGED = "unchanged"
UNKNOWN = "unknown"

_ORDINAL_GET = ORDINAL.get


def stance_direction(
    stance_before: str | None,
    stance_after: str | None,
    quote_before: str = "",
    quote_after: str = "",
) -> str:
    """Where a stance went between two statements: ``toward``, ``away``, ``unchanged`` or
    ``unknown`` (see the module's rule). ``None`` stands for a missing position."""
    value_before = None if stance_before is None else _ORDINAL_GET(stance_before)
    value_after = None if stance_after is None else _ORDINAL_GET(stance_after)
    return _direction(
        stance_before, stance_after, value_before, value_after, quote_before, quote_after
    )


def _direction(
    stance_before: str | None,
    stance_after: str | None,
    value_before: int | None,
    value_after: int | None,
    quote_before: str,
    quote_after: str,
) -> str:
    if value_before is None or value_after is None:
        return UNKNOWN
    if stance_before != stance_after and quote_before and quote_before == quote_after:
        return UNKNOWN
    if value_after > value_before:
        return TOWARD
    if value_after < value_before:
        return AWAY
    return UNCHANGED


def direction_of_values(
    stance_before: str | None,
    stance_after: str | None,
    value_before: int | None,
    value_after: int | None,
    quote_before: str = "",
    quote_after: str = "",
) -> str:
    """``stance_direction`` for a caller that has already valued both stances on the
    ordinal scale (the diff, which needs the values anyway)."""
    return _direction(
        stance_before, stance_after, value_before, value_after, quote_before, quote_after
    )


def is_move(
    stance_before: str | None,
    stance_after: str | None,
    quote_before: str = "",
    quote_after: str = "",
) -> bool:
    """Whether the stance moved (toward or away) under the module's rule."""
    return stance_direction(stance_before, stance_after, quote_before, quote_after) in (
        TOWARD,
        AWAY,
    )
