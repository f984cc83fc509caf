"""The stance scale: the one place that knows each stance's ordinal value.

Stance is ordinal so that gaps and convergence can be computed. ``unknown`` has no
value at all: it is never counted as 0 (ambiguous), only left out.
"""

from collections.abc import Iterable

from django.db import models


class Stance(models.TextChoices):
    SUPPORTS = "supports", "supports"
    CONDITIONAL = "conditional", "conditional"
    AMBIGUOUS = "ambiguous", "ambiguous"
    OPPOSES = "opposes", "opposes"
    RED_LINE = "red_line", "red line"
    UNKNOWN = "unknown", "unknown"


ORDINAL: dict[str, int | None] = {
    Stance.SUPPORTS: 2,
    Stance.CONDITIONAL: 1,
    Stance.AMBIGUOUS: 0,
    Stance.OPPOSES: -1,
    Stance.RED_LINE: -2,
    Stance.UNKNOWN: None,
}

# The largest possible distance between two known stances (supports to red line).
MAX_GAP = ORDINAL[Stance.SUPPORTS] - ORDINAL[Stance.RED_LINE]


def stance_value(stance: str) -> int | None:
    """The ordinal value of a stance, None for unknown (or a value not on the scale)."""
    return ORDINAL.get(stance)


def agreement_gap(stances: Iterable[str]) -> int | None:
    """How far apart the parties are on one clause: the spread of the known stances.

    0 means every party that has a known stance stands at the same point; MAX_GAP means
    one supports while another draws a red line. None when fewer than two stances are
    known, since a gap needs two sides.
    """
    values = [v for v in (stance_value(s) for s in stances) if v is not None]
    if len(values) < 2:
        return None
    return max(values) - min(values)
