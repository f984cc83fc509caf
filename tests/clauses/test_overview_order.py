"""The overview's orders and the two-party disagreement, on plain data."""

from typing import NamedTuple

from clauses.matrix_order import (
    GAP,
    PAIR,
    POINT,
    STANCE,
    apartness,
    largest_first,
    order_rows,
    pair_disagreement,
)
from clauses.vocabularies import Stance

UA, RU = "ukraine", "russia"


class Cell(NamedTuple):
    stance: str


class Row(NamedTuple):
    name: str
    positions: dict
    gap: int | None


def row(name, gap=None, **stances):
    return Row(name, {party: Cell(stance) for party, stance in stances.items()}, gap)


ROWS = [
    row("dmz", gap=0, ukraine=Stance.SUPPORTS, russia=Stance.SUPPORTS),
    row("nato", gap=1, ukraine=Stance.OPPOSES, russia=Stance.RED_LINE),
    row("zaes", gap=4, ukraine=Stance.SUPPORTS, russia=Stance.RED_LINE),
    row("grain", gap=None, ukraine=Stance.CONDITIONAL, russia=Stance.UNKNOWN),
    row("elections", gap=2, ukraine=Stance.CONDITIONAL),
    row("sanctions", gap=3, ukraine=Stance.RED_LINE, russia=Stance.CONDITIONAL),
]


def names(rows):
    return [r.name for r in rows]


def test_two_parties_disagree_by_the_distance_between_their_stances():
    assert pair_disagreement(ROWS[2], UA, RU) == 4
    assert pair_disagreement(ROWS[1], UA, RU) == 1
    assert pair_disagreement(ROWS[0], UA, RU) == 0


def test_no_disagreement_can_be_told_when_either_side_is_unknown_or_silent():
    assert pair_disagreement(ROWS[3], UA, RU) is None
    assert pair_disagreement(ROWS[4], UA, RU) is None


def test_the_pair_order_puts_the_largest_disagreement_first_and_the_unknown_last():
    assert names(order_rows(ROWS, by=PAIR, party=UA, other=RU)) == [
        "zaes",
        "sanctions",
        "nato",
        "dmz",
        "grain",
        "elections",
    ]


def test_the_pair_order_is_the_same_whichever_party_comes_first():
    assert order_rows(ROWS, by=PAIR, party=UA, other=RU) == order_rows(
        ROWS, by=PAIR, party=RU, other=UA
    )


def test_the_gap_order_puts_the_widest_spread_first_and_the_unknown_last():
    assert names(order_rows(ROWS, by=GAP)) == [
        "zaes",
        "sanctions",
        "elections",
        "nato",
        "dmz",
        "grain",
    ]


def test_the_stance_order_puts_a_party_s_least_favourable_stance_first():
    assert names(order_rows(ROWS, by=STANCE, party=RU)) == [
        "nato",
        "zaes",
        "sanctions",
        "dmz",
        "grain",
        "elections",
    ]


def test_the_point_order_keeps_the_draft_s():
    assert order_rows(ROWS, by=POINT) == ROWS


def test_an_order_missing_its_parties_keeps_the_draft_s():
    assert order_rows(ROWS, by=PAIR, party=UA) == ROWS
    assert order_rows(ROWS, by=STANCE) == ROWS


def test_ties_keep_the_draft_order():
    tied = [row("a", gap=2), row("b", gap=2), row("c", gap=2)]
    assert names(order_rows(tied, by=GAP)) == ["a", "b", "c"]


def test_a_party_stands_apart_by_its_distance_from_the_others_mean():
    assert apartness(Stance.OPPOSES, [Stance.SUPPORTS, Stance.SUPPORTS]) == 3
    assert apartness(Stance.SUPPORTS, [Stance.SUPPORTS, Stance.RED_LINE]) == 2
    assert apartness(Stance.AMBIGUOUS, [Stance.AMBIGUOUS]) == 0


def test_apartness_leaves_unknown_stances_out_and_cannot_be_told_without_two_sides():
    assert apartness(Stance.SUPPORTS, [Stance.UNKNOWN, Stance.OPPOSES]) == 3
    assert apartness(Stance.UNKNOWN, [Stance.SUPPORTS]) is None
    assert apartness(None, [Stance.SUPPORTS]) is None
    assert apartness(Stance.SUPPORTS, [Stance.UNKNOWN]) is None


def test_largest_first_puts_what_cannot_be_told_last():
    assert largest_first([1, None, 3, 2], lambda v: v) == [3, 2, 1, None]
