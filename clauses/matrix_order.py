"""The orders of the overview's rows, on plain data (no database, no templates).

A row is anything with ``positions`` (party key -> something with a ``stance``) and ``gap``;
its place in the input is its place in the draft, which breaks every tie. Clauses where
the order's measure cannot be told (no position, ``unknown``) come last, never as a middle
value: an unknown stance is not an ambiguous one.
"""

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from clauses.vocabularies import stance_value

POINT = "point"
GAP = "gap"
STANCE = "stance"
PAIR = "pair"

# What the sort picker offers, in its order: value -> the words a reader sees.
SORT_LABELS: dict[str, str] = {
    POINT: "point (draft order)",
    GAP: "gap, largest first",
    STANCE: "highlighted party's stance",
    PAIR: "two parties' disagreement",
}


class OrderedRow(Protocol):
    """What the orders read of a row: its cells by party, and its gap."""

    @property
    def positions(self) -> Mapping[Any, Any]: ...

    @property
    def gap(self) -> int | None: ...


Row = TypeVar("Row", bound=OrderedRow)


def _stance_of(row, party: Hashable) -> int | None:
    cell = row.positions.get(party)
    return None if cell is None else stance_value(cell.stance)


def pair_disagreement(row, first: Hashable, second: Hashable) -> int | None:
    """How far apart two parties stand on a row's clause (0 to 4), None when either has no
    known stance."""
    a, b = _stance_of(row, first), _stance_of(row, second)
    if a is None or b is None:
        return None
    return abs(a - b)


def apartness(own: str | None, others) -> float | None:
    """How far a party's stance stands from the mean of the other parties' known stances
    (0 to 4), None when its own or every other stance is unknown."""
    value = stance_value(own) if own else None
    known = [v for v in (stance_value(s) for s in others if s) if v is not None]
    if value is None or not known:
        return None
    return abs(value - sum(known) / len(known))


def _largest_first(value: float | None) -> tuple[bool, float]:
    return (value is None, -(value or 0))


def order_rows(
    rows: Sequence[Row],
    *,
    by: str = POINT,
    party: Hashable | None = None,
    other: Hashable | None = None,
) -> list[Row]:
    """``rows`` in the order ``by`` names: ``point`` keeps the draft's; ``gap`` puts the
    widest spread among all parties first; ``stance`` puts ``party``'s least favourable
    stance first (red line, opposes, ... supports); ``pair`` puts the largest distance
    between ``party`` and ``other`` first. An order that needs a party it was not given
    keeps the draft's."""
    if by == GAP:
        return sorted(rows, key=lambda row: _largest_first(row.gap))
    if by == STANCE and party is not None:

        def least_favourable(row):
            value = _stance_of(row, party)
            return (value is None, value or 0)

        return sorted(rows, key=least_favourable)
    if by == PAIR and party is not None and other is not None:
        return sorted(rows, key=lambda row: _largest_first(pair_disagreement(row, party, other)))
    return list(rows)


def largest_first(rows: Sequence[Row], measure) -> list[Row]:
    """``rows`` by ``measure(row)``, largest first, those it cannot tell (None) last."""
    return sorted(rows, key=lambda row: _largest_first(measure(row)))
