"""The diff follows splits and merges ("split into 2a and 2b", "merged into 2") instead of
calling them removed and added, and marks a renumbered clause as moved."""

import pytest

from comparison.diff import (
    MERGE,
    SPLIT,
    ClauseChange,
    ClauseSnapshot,
    LineageLink,
    RevisionSnapshot,
    diff,
)


def clause(pk: int, number: str, place: int | None = None, text: str = "t") -> ClauseSnapshot:
    return ClauseSnapshot(
        clause_id=pk,
        slug=f"c{pk}",
        title=f"Clause {pk}",
        topic="military",
        number=number,
        position_in_draft=place if place is not None else pk,
        text=text,
        status="open",
        positions={},
    )


def revision(number: int, clauses, lineage=()) -> RevisionSnapshot:
    return RevisionSnapshot(number, number, f"r{number}", tuple(clauses), lineage=tuple(lineage))


def by_id(result):
    return {c.clause_id: c for c in result.clauses}


def test_a_clause_split_into_two_new_ones_is_split_not_removed_and_added():
    old = revision(1, [clause(1, "1"), clause(5, "5")])
    new = revision(
        2,
        [clause(1, "1"), clause(6, "5a", 6), clause(7, "5b", 7)],
        [LineageLink(SPLIT, 5, 6), LineageLink(SPLIT, 5, 7)],
    )

    result = diff(old, new)
    clauses = by_id(result)

    assert clauses[5].change == ClauseChange.SPLIT
    assert [ref.number for ref in clauses[5].split_into] == ["5a", "5b"]
    assert clauses[6].change == clauses[7].change == ClauseChange.SPLIT_FROM
    assert clauses[6].split_from.number == "5"
    assert (result.totals.added, result.totals.removed) == (0, 0)
    assert result.summary == "0 added, 0 removed, 0 changed, 1 unchanged, 1 split into 2"
    data = result.as_dict()
    assert data["clauses"][1]["split_into"][0] == {
        "clause_id": 6,
        "slug": "c6",
        "title": "Clause 6",
        "number": "5a",
    }


def test_a_split_clause_that_continues_lists_itself_among_its_successors():
    old = revision(1, [clause(5, "5", text="a and b")])
    new = revision(2, [clause(5, "5", text="a"), clause(6, "5a", 6)], [LineageLink(SPLIT, 5, 6)])

    clauses = by_id(diff(old, new))

    assert clauses[5].change == ClauseChange.CHANGED
    assert clauses[5].changed_fields == ("text", "lineage")
    assert [ref.clause_id for ref in clauses[5].split_into] == [5, 6]
    assert clauses[6].change == ClauseChange.SPLIT_FROM


def test_a_merge_into_a_continuing_clause():
    old = revision(1, [clause(7, "7"), clause(8, "8")])
    new = revision(2, [clause(7, "7")], [LineageLink(MERGE, 8, 7)])

    result = diff(old, new)
    clauses = by_id(result)

    assert clauses[8].change == ClauseChange.MERGED
    assert clauses[8].merged_into.number == "7"
    assert [ref.clause_id for ref in clauses[7].merged_from] == [7, 8]
    assert "2 merged into 1" in result.summary


def test_a_merge_into_a_new_clause():
    old = revision(1, [clause(7, "7"), clause(8, "8")])
    new = revision(2, [clause(9, "7")], [LineageLink(MERGE, 7, 9), LineageLink(MERGE, 8, 9)])

    clauses = by_id(diff(old, new))

    assert clauses[9].change == ClauseChange.MERGED_FROM
    assert clauses[7].change == clauses[8].change == ClauseChange.MERGED


def test_lineage_that_does_not_join_the_two_sides_is_ignored():
    old = revision(1, [clause(1, "1")])
    new = revision(2, [clause(2, "2")], [LineageLink(SPLIT, 99, 2)])

    clauses = by_id(diff(old, new))

    assert (clauses[1].change, clauses[2].change) == (ClauseChange.REMOVED, ClauseChange.ADDED)


@pytest.mark.parametrize(
    ("new_clauses", "moved"),
    [
        ([clause(1, "1"), clause(2, "2")], set()),
        ([clause(1, "2", 2), clause(2, "1", 1)], {1, 2}),  # swapped
        ([clause(2, "1", 1)], {2}),  # renumbered after a removal
    ],
)
def test_a_renumbered_or_reordered_clause_is_marked_moved(new_clauses, moved):
    old = revision(1, [clause(1, "1"), clause(2, "2")])
    result = diff(old, revision(2, new_clauses))
    assert {c.clause_id for c in result.clauses if c.moved} == moved
