"""The pure diff of two revisions: plain snapshots in, plain data out, no database."""

import dataclasses
import datetime
import json
from itertools import pairwise

import pytest

from clauses.vocabularies import Stance
from comparison.diff import (
    DUPLICATE_CLAUSE,
    FULL_TEXT,
    PARTIAL,
    POSITION_KEY_MISMATCH,
    ClauseChange,
    ClauseField,
    ClauseSnapshot,
    Convergence,
    Direction,
    PositionSnapshot,
    RevisionSnapshot,
    diff,
    frozen_builder,
)
from comparison.textdiff import OpKind, TextOp, word_diff

PARTY_NAMES = {"ukraine": "Ukraine", "russia": "Russia", "united-states": "United States"}

ARMY_CAP = "The armed forces of Ukraine are capped at 600,000 personnel."


def pos(party: str, stance: str = Stance.AMBIGUOUS, **fields) -> PositionSnapshot:
    return PositionSnapshot(party_slug=party, stance=stance, **fields)


def clause(
    clause_id: int,
    *,
    text: str = "",
    number: str | None = None,
    position: int | None = None,
    status: str = "open",
    positions: tuple[PositionSnapshot, ...] = (),
) -> ClauseSnapshot:
    return ClauseSnapshot(
        clause_id=clause_id,
        slug=f"clause-{clause_id}",
        title=f"Clause {clause_id}",
        topic="military",
        number=number if number is not None else str(clause_id),
        position_in_draft=position if position is not None else clause_id,
        text=text or f"Text of clause {clause_id}.",
        status=status,
        positions={p.party_slug: p for p in positions},
    )


def revision(
    *clauses: ClauseSnapshot, number: int = 1, coverage: str = FULL_TEXT
) -> RevisionSnapshot:
    return RevisionSnapshot(
        revision_id=number,
        number=number,
        label=f"Draft {number}",
        clauses=clauses,
        coverage=coverage,
    )


def only(old: ClauseSnapshot, new: ClauseSnapshot):
    """The diff of a single clause between two one-clause revisions."""
    (result,) = diff(revision(old), revision(new, number=2), party_names=PARTY_NAMES).clauses
    return result


def ops(*pairs: tuple[OpKind, str]) -> tuple[TextOp, ...]:
    return tuple(TextOp(kind, text) for kind, text in pairs)


# Clauses: added, removed, changed, unchanged.


def test_a_clause_only_in_the_new_revision_is_added_and_its_text_all_inserted():
    result = diff(revision(clause(1)), revision(clause(1), clause(2, text="New clause.")))

    added = result.clauses[1]
    assert added.change == ClauseChange.ADDED
    assert added.changed_fields == ()
    assert (added.number_before, added.number_after) == (None, "2")
    assert added.text.ops == ops((OpKind.INSERT, "New clause."))
    assert (result.totals.added, result.totals.unchanged) == (1, 1)


def test_a_clause_only_in_the_old_revision_is_removed_and_its_text_all_deleted():
    result = diff(revision(clause(1), clause(2, text="Old clause.")), revision(clause(1)))

    removed = result.clauses[1]
    assert removed.change == ClauseChange.REMOVED
    assert (removed.number_before, removed.number_after) == ("2", None)
    assert removed.number == "2"
    assert removed.text.ops == ops((OpKind.DELETE, "Old clause."))
    assert (result.totals.removed, result.totals.unchanged) == (1, 1)


def test_a_renumbered_clause_changed_only_its_number():
    result = only(clause(7, number="9"), clause(7, number="14a"))

    assert result.change == ClauseChange.CHANGED
    assert result.changed_fields == (ClauseField.NUMBER,)
    assert result.number_changed and not result.text_changed
    assert (result.number_before, result.number_after, result.number) == ("9", "14a", "14a")
    assert all(op.is_equal for op in result.text.ops)


def test_a_reworded_figure_shows_as_that_one_word_deleted_and_inserted():
    reworded = ARMY_CAP.replace("600,000", "800,000")
    result = only(clause(1, text=ARMY_CAP), clause(1, text=reworded))

    assert result.changed_fields == (ClauseField.TEXT,)
    assert result.text.ops == ops(
        (OpKind.EQUAL, "The armed forces of Ukraine are capped at "),
        (OpKind.DELETE, "600,000"),
        (OpKind.INSERT, "800,000"),
        (OpKind.EQUAL, " personnel."),
    )
    assert result.text.old_text == ARMY_CAP
    assert result.text.new_text == reworded


def test_a_clause_whose_status_alone_changed():
    result = only(clause(1, status="contested"), clause(1, status="agreed"))

    assert result.changed_fields == (ClauseField.STATUS,)
    assert (result.status_before, result.status_after) == ("contested", "agreed")


def test_a_clause_whose_positions_alone_changed():
    old = clause(1, positions=(pos("russia", Stance.OPPOSES, summary="Rejects the cap."),))
    new = clause(1, positions=(pos("russia", Stance.OPPOSES, summary="Demands a lower cap."),))
    result = only(old, new)

    assert result.change == ClauseChange.CHANGED
    assert result.changed_fields == (ClauseField.POSITIONS,)
    (russia,) = result.parties
    assert russia.summary_changed and russia.changed
    assert not russia.stance_changed
    assert russia.direction == Direction.UNCHANGED
    assert not russia.moved


def test_changed_fields_are_listed_in_a_fixed_order():
    old = clause(1, text="A.", number="1", status="open", positions=(pos("ukraine"),))
    new = clause(1, text="B.", number="2", status="agreed", positions=(pos("russia"),))

    assert only(old, new).changed_fields == (
        ClauseField.TEXT,
        ClauseField.STATUS,
        ClauseField.NUMBER,
        ClauseField.POSITIONS,
    )


def test_a_clause_moved_in_the_draft_but_keeping_its_number_is_unchanged():
    result = only(clause(1, number="5", position=5), clause(1, number="5", position=6))

    assert result.change == ClauseChange.UNCHANGED
    assert (result.position_before, result.position_after) == (5, 6)


# Parties: stance direction and what else changed.


@pytest.mark.parametrize(
    ("before", "after", "values", "direction"),
    [
        (Stance.OPPOSES, Stance.CONDITIONAL, (-1, 1), Direction.TOWARD),
        (Stance.RED_LINE, Stance.SUPPORTS, (-2, 2), Direction.TOWARD),
        (Stance.SUPPORTS, Stance.AMBIGUOUS, (2, 0), Direction.AWAY),
        (Stance.CONDITIONAL, Stance.RED_LINE, (1, -2), Direction.AWAY),
    ],
)
def test_a_stance_moves_toward_or_away_from_supports(before, after, values, direction):
    result = only(
        clause(1, positions=(pos("russia", before),)),
        clause(1, positions=(pos("russia", after),)),
    )

    (russia,) = result.parties
    assert russia.direction == direction
    assert russia.moved and russia.stance_changed
    assert (russia.stance_before, russia.stance_after) == (before, after)
    assert (russia.value_before, russia.value_after) == values
    assert result.changed_fields == (ClauseField.POSITIONS,)


@pytest.mark.parametrize(
    ("before", "after"),
    [(Stance.UNKNOWN, Stance.SUPPORTS), (Stance.OPPOSES, Stance.UNKNOWN)],
)
def test_an_unknown_stance_gives_no_direction_and_is_never_counted_as_zero(before, after):
    result = diff(
        revision(clause(1, positions=(pos("russia", before),))),
        revision(clause(1, positions=(pos("russia", after),)), number=2),
        party_names=PARTY_NAMES,
    )

    (russia,) = result.clauses[0].parties
    assert russia.direction == Direction.UNKNOWN
    assert None in (russia.value_before, russia.value_after)
    assert russia.stance_changed and not russia.moved
    assert result.clauses[0].change == ClauseChange.CHANGED
    assert result.totals.parties[0].moved == 0
    assert result.summary == "0 added, 0 removed, 1 changed, 0 unchanged"


def test_an_ambiguous_stance_staying_ambiguous_is_unchanged_not_unknown():
    result = only(clause(1, positions=(pos("russia"),)), clause(1, positions=(pos("russia"),)))

    assert result.parties[0].direction == Direction.UNCHANGED
    assert result.change == ClauseChange.UNCHANGED


def test_a_party_absent_on_one_side_has_no_stance_there():
    new_position = pos("united-states", Stance.SUPPORTS, summary="Backs the text.")
    result = only(
        clause(1, positions=(pos("ukraine", Stance.SUPPORTS),)),
        clause(1, positions=(pos("ukraine", Stance.SUPPORTS), new_position)),
    )

    ukraine, united_states = result.parties
    assert not ukraine.changed
    assert united_states.before is None and united_states.after == new_position
    assert (united_states.stance_before, united_states.value_before) == (None, None)
    assert united_states.direction == Direction.UNKNOWN
    assert united_states.changed and united_states.summary_changed
    assert united_states.party_name == "United States"
    assert result.changed_fields == (ClauseField.POSITIONS,)


def test_quote_and_source_changes_are_told_apart():
    old = pos("ukraine", quote="Never.", source_title="Statement", source_url="https://a.example")
    new = pos("ukraine", quote="Never.", source_title="Statement", source_url="https://b.example")
    (ukraine,) = only(clause(1, positions=(old,)), clause(1, positions=(new,))).parties

    assert ukraine.source_changed and not ukraine.quote_changed and not ukraine.summary_changed
    assert ukraine.changed

    requoted = dataclasses.replace(old, quote="Not now.")
    (ukraine,) = only(clause(1, positions=(old,)), clause(1, positions=(requoted,))).parties
    assert ukraine.quote_changed and not ukraine.source_changed


def test_carried_over_and_stated_on_alone_do_not_change_a_clause_but_are_exposed():
    old = pos("russia", Stance.OPPOSES, stated_on=datetime.date(2025, 11, 20))
    new = pos("russia", Stance.OPPOSES, stated_on=datetime.date(2025, 11, 27), carried_over=True)
    result = only(clause(1, positions=(old,)), clause(1, positions=(new,)))

    assert result.change == ClauseChange.UNCHANGED
    (russia,) = result.parties
    assert russia.stated_on_changed and russia.carried_over
    assert not russia.changed


def test_parties_follow_the_order_of_party_names_then_their_slugs():
    positions = (pos("zeta"), pos("united-states"), pos("alpha"), pos("russia"), pos("ukraine"))
    old = revision(clause(1, positions=positions))
    new = revision(clause(1, positions=positions), number=2)

    named = diff(old, new, party_names=PARTY_NAMES)
    assert [p.party_slug for p in named.clauses[0].parties] == [
        "ukraine",
        "russia",
        "united-states",
        "alpha",
        "zeta",
    ]
    assert [p.party_slug for p in named.totals.parties] == [
        p.party_slug for p in named.clauses[0].parties
    ]
    assert [p.party_slug for p in diff(old, new).clauses[0].parties] == sorted(
        p.party_slug for p in positions
    )
    assert diff(old, new).clauses[0].parties[0].party_name == "alpha"


def test_the_agreement_gap_before_and_after_tells_whether_parties_converged():
    old = clause(1, positions=(pos("ukraine", Stance.RED_LINE), pos("russia", Stance.SUPPORTS)))
    new = clause(1, positions=(pos("ukraine", Stance.OPPOSES), pos("russia", Stance.SUPPORTS)))
    result = only(old, new)
    assert (result.gap_before, result.gap_after) == (4, 3)
    assert result.convergence == Convergence.CONVERGED

    reverse = only(new, old)
    assert reverse.convergence == Convergence.DIVERGED

    lonely = clause(1, positions=(pos("ukraine", Stance.OPPOSES), pos("russia", Stance.UNKNOWN)))
    unknown = only(old, lonely)
    assert (unknown.gap_before, unknown.gap_after) == (4, None)
    assert unknown.convergence == Convergence.UNKNOWN


# Whole revisions.


def test_two_empty_revisions():
    result = diff(revision(), revision(number=2))

    assert result.clauses == ()
    assert result.changes == ()
    assert result.totals.parties == ()
    assert result.summary == "0 added, 0 removed, 0 changed, 0 unchanged"


def test_from_an_empty_revision_every_clause_is_added():
    result = diff(revision(), revision(clause(1), clause(2), number=2))

    assert [c.change for c in result.clauses] == [ClauseChange.ADDED, ClauseChange.ADDED]
    assert result.summary == "2 added, 0 removed, 0 changed, 0 unchanged"


def test_identical_revisions_are_all_unchanged_with_only_equal_text():
    clauses = [
        clause(1, text=ARMY_CAP, positions=(pos("ukraine", Stance.SUPPORTS), pos("russia"))),
        clause(2, text="  Spaced\n out  text. ", status="agreed"),
        clause(3, positions=(pos("russia", Stance.UNKNOWN),)),
    ]
    result = diff(revision(*clauses), revision(*clauses, number=2), party_names=PARTY_NAMES)

    assert {c.change for c in result.clauses} == {ClauseChange.UNCHANGED}
    assert all(c.changed_fields == () for c in result.clauses)
    assert all(op.is_equal for c in result.clauses for op in c.text.ops)
    assert [c.text.old_text for c in result.clauses] == [c.text for c in clauses]
    assert not any(p.changed for c in result.clauses for p in c.parties)
    assert result.changes == ()
    assert result.summary == "0 added, 0 removed, 0 changed, 3 unchanged"


def test_totals_count_clauses_and_each_partys_moves():
    old = revision(
        clause(1, positions=(pos("russia", Stance.RED_LINE), pos("ukraine", Stance.SUPPORTS))),
        clause(2, positions=(pos("russia", Stance.OPPOSES), pos("ukraine", Stance.SUPPORTS))),
        clause(3, positions=(pos("russia", Stance.SUPPORTS),)),
        clause(4),
        clause(5, text="Dropped."),
    )
    new = revision(
        clause(1, positions=(pos("russia", Stance.OPPOSES), pos("ukraine", Stance.SUPPORTS))),
        clause(2, positions=(pos("russia", Stance.CONDITIONAL), pos("ukraine", Stance.SUPPORTS))),
        clause(3, positions=(pos("russia", Stance.OPPOSES),), status="contested"),
        clause(4),
        clause(6, positions=(pos("ukraine", Stance.SUPPORTS),)),
        number=2,
    )
    result = diff(old, new, party_names=PARTY_NAMES)

    totals = result.totals
    assert (totals.added, totals.removed, totals.changed, totals.unchanged) == (1, 1, 3, 1)
    ukraine, russia = totals.parties
    assert (russia.party_name, russia.moved, russia.toward, russia.away) == ("Russia", 3, 2, 1)
    # Ukraine's position on the added clause 6 has nothing to move from.
    assert (ukraine.party_name, ukraine.moved) == ("Ukraine", 0)
    assert result.summary == "1 added, 1 removed, 3 changed, 1 unchanged; Russia moved on 3"
    assert [c.clause_id for c in result.changes] == [1, 2, 3, 5, 6]


def test_the_summary_names_every_party_that_moved_in_party_order():
    old = revision(clause(1, positions=(pos("russia", Stance.OPPOSES), pos("ukraine"))))
    new = revision(
        clause(1, positions=(pos("russia", Stance.AMBIGUOUS), pos("ukraine", Stance.OPPOSES))),
        number=2,
    )

    assert diff(old, new, party_names=PARTY_NAMES).summary == (
        "0 added, 0 removed, 1 changed, 0 unchanged; Ukraine moved on 1, Russia moved on 1"
    )
    assert diff(old, new).summary.endswith("; russia moved on 1, ukraine moved on 1")


def test_clauses_come_in_new_draft_order_with_removed_ones_after_their_old_predecessor():
    old = revision(
        clause(10, position=1),  # removed, at the head
        clause(1, position=2),
        clause(11, position=3),  # removed, follows 1
        clause(12, position=4),  # removed, follows 1 too
        clause(2, position=5),
        clause(3, position=6),
        clause(13, position=7),  # removed, follows 3
    )
    new = revision(
        clause(3, position=1),  # moved to the front
        clause(20, position=2),  # added
        clause(2, position=3),
        clause(1, position=4),
        number=2,
    )

    assert [(c.clause_id, c.change) for c in diff(old, new).clauses] == [
        (10, ClauseChange.REMOVED),
        (3, ClauseChange.UNCHANGED),
        (13, ClauseChange.REMOVED),
        (20, ClauseChange.ADDED),
        (2, ClauseChange.UNCHANGED),
        (1, ClauseChange.UNCHANGED),
        (11, ClauseChange.REMOVED),
        (12, ClauseChange.REMOVED),
    ]


def test_clause_order_does_not_depend_on_the_order_of_the_input_sequence():
    new = revision(clause(2, position=2), clause(1, position=1), clause(3, position=3), number=2)

    assert [c.clause_id for c in diff(revision(), new).clauses] == [1, 2, 3]


def test_any_two_revisions_compare_in_either_direction():
    draft = revision(clause(1, positions=(pos("russia", Stance.OPPOSES),)), clause(2))
    counter = revision(clause(1, positions=(pos("russia", Stance.SUPPORTS),)), clause(3), number=5)

    forward = diff(draft, counter)
    backward = diff(counter, draft)
    assert (forward.new.number, backward.new.number) == (5, 1)
    assert [(c.clause_id, c.change) for c in forward.clauses] == [
        (1, ClauseChange.CHANGED),
        (2, ClauseChange.REMOVED),
        (3, ClauseChange.ADDED),
    ]
    # Clause 3 followed clause 1 in the counter-proposal, so it stays right after it.
    assert [(c.clause_id, c.change) for c in backward.clauses] == [
        (1, ClauseChange.CHANGED),
        (3, ClauseChange.REMOVED),
        (2, ClauseChange.ADDED),
    ]
    assert forward.clauses[0].parties[0].direction == Direction.TOWARD
    assert backward.clauses[0].parties[0].direction == Direction.AWAY


def test_a_clause_listed_twice_in_a_revision_is_refused():
    with pytest.raises(ValueError) as error:
        diff(revision(clause(1), clause(1)), revision(number=2))

    assert str(error.value) == DUPLICATE_CLAUSE.format(revision="Draft 1", clause_id=1)


def test_positions_keyed_under_another_party_are_refused():
    mislabelled = dataclasses.replace(clause(1), positions={"ukraine": pos("russia")})

    with pytest.raises(ValueError) as error:
        diff(revision(), revision(mislabelled, number=2))

    assert str(error.value) == POSITION_KEY_MISMATCH.format(
        clause_id=1, party="russia", key="ukraine"
    )


def test_the_result_turns_into_json():
    stated = datetime.date(2025, 11, 27)
    old = revision(clause(1, text=ARMY_CAP, positions=(pos("russia", Stance.OPPOSES),)))
    new = revision(
        clause(1, text="Capped.", positions=(pos("russia", Stance.SUPPORTS, stated_on=stated),)),
        number=2,
    )
    result = diff(old, new, party_names=PARTY_NAMES)

    data = json.loads(json.dumps(result.as_dict()))
    (clause_data,) = data["clauses"]
    assert clause_data["change"] == "changed"
    assert clause_data["changed_fields"] == ["text", "positions"]
    assert clause_data["text"]["ops"][0] == {"kind": "delete", "text": ARMY_CAP}
    assert clause_data["parties"][0]["direction"] == "toward"
    assert clause_data["parties"][0]["after"]["stated_on"] == "2025-11-27"
    assert data["totals"]["parties"][0] == {
        "party_slug": "russia",
        "party_name": "Russia",
        "moved": 1,
        "toward": 1,
        "away": 0,
    }
    assert data["summary"] == result.summary
    assert data["new"] == {
        "revision_id": 2,
        "number": 2,
        "label": "Draft 2",
        "coverage": "full_text",
    }
    # The standard conversion works as well, for callers that bring their own encoder.
    assert dataclasses.asdict(result)["clauses"][0]["parties"][0]["after"]["stated_on"] == stated


# Partial revisions: silence is not absence.


def test_a_clause_a_partial_old_revision_is_silent_on_is_first_described_not_added():
    nato = clause(1, positions=(pos("ukraine", Stance.OPPOSES),))
    old = revision(nato, coverage=PARTIAL)
    new = revision(
        clause(1, text="Reworded.", positions=(pos("ukraine", Stance.OPPOSES),)),
        clause(2, positions=(pos("russia", Stance.SUPPORTS),)),
        clause(3),
        number=2,
    )

    result = diff(old, new, party_names=PARTY_NAMES)

    assert [c.change for c in result.clauses] == [
        ClauseChange.CHANGED,
        ClauseChange.FIRST_DESCRIBED,
        ClauseChange.FIRST_DESCRIBED,
    ]
    assert (result.totals.added, result.totals.first_described) == (0, 2)
    assert result.summary == "1 changed, 2 first described"
    assert result.old.partial and not result.new.partial
    first = result.clauses[1]
    assert first.parties[0].direction == Direction.UNKNOWN
    assert first.text.ops == ops((OpKind.INSERT, "Text of clause 2."))


def test_a_clause_a_partial_new_revision_is_silent_on_is_not_described_not_removed():
    old = revision(clause(1), clause(2, positions=(pos("russia", Stance.OPPOSES),)))
    new = revision(clause(1), number=2, coverage=PARTIAL)

    result = diff(old, new, party_names=PARTY_NAMES)

    assert [c.change for c in result.clauses] == [
        ClauseChange.UNCHANGED,
        ClauseChange.NOT_DESCRIBED,
    ]
    assert (result.totals.removed, result.totals.not_described) == (0, 1)
    assert result.summary == "1 unchanged, 1 not described"
    assert result.totals.parties[0].moved == 0


def test_only_the_partial_side_s_silence_is_excused():
    """A full-text side still adds and removes: only the partial side's silence is not
    evidence."""
    partial_old = diff(
        revision(clause(1), clause(2), coverage=PARTIAL),
        revision(clause(1), clause(3), number=2),
    )
    assert [c.change for c in partial_old.clauses] == [
        ClauseChange.UNCHANGED,
        ClauseChange.REMOVED,
        ClauseChange.FIRST_DESCRIBED,
    ]
    partial_new = diff(
        revision(clause(1), clause(2)),
        revision(clause(1), clause(3), number=2, coverage=PARTIAL),
    )
    assert [c.change for c in partial_new.clauses] == [
        ClauseChange.UNCHANGED,
        ClauseChange.NOT_DESCRIBED,
        ClauseChange.ADDED,
    ]
    assert partial_new.summary == "1 added, 1 unchanged, 1 not described"


def test_two_full_text_revisions_keep_the_four_counts_of_the_headline():
    result = diff(revision(clause(1)), revision(clause(2), number=2))
    assert result.summary == "1 added, 1 removed, 0 changed, 0 unchanged"


def test_two_stances_resting_on_one_quote_are_not_a_move():
    """The same statement read as support in one draft and opposition in the next records
    no shift: the direction is unknown and the party is not counted as having moved."""
    said = "Putin has recently insisted that peace terms should include Ukraine ceding land."
    old = clause(1, positions=(pos("russia", Stance.SUPPORTS, quote=said),))
    new = clause(1, text="Other.", positions=(pos("russia", Stance.OPPOSES, quote=said),))

    result = diff(revision(old), revision(new, number=2), party_names=PARTY_NAMES)

    (russia,) = result.clauses[0].parties
    assert russia.stance_changed and russia.direction == Direction.UNKNOWN
    assert result.totals.parties[0].moved == 0
    moved = only(old, clause(1, positions=(pos("russia", Stance.OPPOSES, quote="No."),)))
    assert moved.parties[0].direction == Direction.AWAY


def test_a_demand_that_appears_changes_the_position_but_moves_no_stance():
    old = clause(1, positions=(pos("russia", Stance.UNKNOWN),))
    new = clause(1, positions=(pos("russia", Stance.UNKNOWN, demand="All of Donetsk."),))

    (russia,) = only(old, new).parties

    assert russia.demand_changed and russia.changed and not russia.stance_changed
    assert russia.direction == Direction.UNKNOWN


# Word-level text diff.


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", ""),
        ("", "Inserted words."),
        ("Deleted words.", ""),
        (ARMY_CAP, ARMY_CAP.replace("capped", "limited")),
        ("  leading and trailing  ", "leading and trailing"),
        ("Wrapped\nline and  double space.", "Wrapped line and double space.\n"),
        ("One. Two. Three.", "Three. One. Two."),
        ("a a a b a a", "a b a a a a"),
        ("Point 1:\n\tthe text\r\n", "Point 1a:\n\tthe new text\r\n"),
    ],
)
def test_text_pieces_rejoin_into_both_texts_exactly(old, new):
    result = word_diff(old, new)

    assert result.old_text == old
    assert result.new_text == new
    assert "".join(op.text for op in result.old_ops) == old
    assert "".join(op.text for op in result.new_ops) == new
    assert result.changed == (old != new)
    assert all(op.text for op in result.ops)
    # Neighbouring pieces never share a kind: a run of changes is one delete then one insert.
    assert all(a.kind != b.kind for a, b in pairwise(result.ops))
    assert all(not (a.is_insert and b.is_delete) for a, b in pairwise(result.ops))


def test_an_appended_sentence_is_only_inserted():
    assert word_diff("The end.", "The end. And more.").ops == ops(
        (OpKind.EQUAL, "The end."), (OpKind.INSERT, " And more.")
    )


def test_a_reflowed_line_changes_only_whitespace():
    result = word_diff("Zaporizhzhia nuclear\nplant", "Zaporizhzhia nuclear plant")

    assert result.ops == ops(
        (OpKind.EQUAL, "Zaporizhzhia nuclear"),
        (OpKind.DELETE, "\n"),
        (OpKind.INSERT, " "),
        (OpKind.EQUAL, "plant"),
    )


def test_a_long_clause_with_one_word_changed_is_fast_and_exact():
    # A text that repeats one word is SequenceMatcher's worst case (quadratic).
    words = ["the"] * 6000
    old = " ".join(words)
    words[3000] = "no"
    new = " ".join(words)

    result = word_diff(old, new)

    changes = [op for op in result.ops if not op.is_equal]
    assert changes == list(ops((OpKind.DELETE, "the"), (OpKind.INSERT, "no")))
    assert (result.old_text, result.new_text) == (old, new)


def test_a_frozen_builder_makes_the_same_frozen_instance_as_the_constructor():
    values = (
        "russia",
        Stance.OPPOSES,
        "No.",
        "",
        "TASS",
        "https://tass.ru/",
        None,
        True,
        "",
        7,
        "not_checked",
        "month",
    )
    built = frozen_builder(PositionSnapshot)(values)
    made = PositionSnapshot(*values)
    assert built == made and repr(built) == repr(made) and hash(built) == hash(made)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.stance = Stance.SUPPORTS
    with pytest.raises(ValueError):
        frozen_builder(PositionSnapshot)(values[:-1])


def test_a_word_diff_worked_out_when_read_is_the_word_diff_everywhere_it_is_used():
    """A clause's word diff is worked out when first read; until then and after, it equals,
    hashes, serialises and pickles as the word diff of its two texts."""
    import pickle

    old, new = ARMY_CAP, ARMY_CAP.replace("600,000", "800,000") + "\nReviewed  yearly."
    expected = word_diff(old, new)
    for read in (lambda text: text, lambda text: pickle.loads(pickle.dumps(text))):
        text = read(only(clause(1, text=old), clause(1, text=new)).text)
        assert text == expected and expected == text
        assert hash(text) == hash(expected)
        assert repr(text) == repr(expected)
        assert text.new_text == new and text.old_text == old
    result = diff(revision(clause(1, text=old)), revision(clause(1, text=new), number=2))
    (data,) = json.loads(json.dumps(result.as_dict()))["clauses"]
    assert data["text"]["ops"] == [{"kind": op.kind, "text": op.text} for op in expected.ops]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a b c d e", "a b  c d e"),  # whitespace changed inside an equal stretch
        ("a b\nc d e", "a b c d X"),
        ("  a b c", "a b c  "),
        ("a a a b", "a b a a"),
    ],
)
def test_word_diff_rebuilds_both_texts_and_keeps_whitespace_changes_apart(old, new):
    result = word_diff(old, new)
    assert result.old_text == old and result.new_text == new
    assert not any(a.is_equal and b.is_equal for a, b in pairwise(result.ops))
