"""The pure diff tells a clause the new revision strikes out ("deleted") apart from one it
is silent on (partial: "not described") and one merely absent (full text: "removed")."""

from comparison.diff import ClauseChange, ClauseSnapshot, RevisionSnapshot, diff


def clause(clause_id: int) -> ClauseSnapshot:
    return ClauseSnapshot(
        clause_id=clause_id,
        slug=f"c{clause_id}",
        title=f"Clause {clause_id}",
        topic="military",
        number=str(clause_id),
        position_in_draft=clause_id,
        text="Some words.",
        status="open",
        positions={},
    )


OLD = RevisionSnapshot(1, 1, "old", (clause(1), clause(2), clause(3)))


def changes(new: RevisionSnapshot) -> dict[int, ClauseChange]:
    return {c.clause_id: c.change for c in diff(OLD, new).clauses}


def test_a_struck_out_clause_is_deleted_in_a_partial_revision():
    new = RevisionSnapshot(2, 2, "new", (clause(1),), coverage="partial", deleted=frozenset({2}))
    assert changes(new) == {
        1: ClauseChange.UNCHANGED,
        2: ClauseChange.DELETED,
        3: ClauseChange.NOT_DESCRIBED,
    }
    result = diff(OLD, new)
    assert (result.totals.deleted, result.totals.not_described) == (1, 1)
    assert result.summary == "1 deleted, 1 unchanged, 1 not described"


def test_a_struck_out_clause_is_deleted_in_a_full_text_revision_too():
    new = RevisionSnapshot(2, 2, "new", (clause(1),), deleted=frozenset({3}))
    assert changes(new) == {
        1: ClauseChange.UNCHANGED,
        2: ClauseChange.REMOVED,
        3: ClauseChange.DELETED,
    }
    assert diff(OLD, new).as_dict()["totals"]["deleted"] == 1


def test_without_deletions_nothing_changes():
    new = RevisionSnapshot(2, 2, "new", (clause(1),))
    assert diff(OLD, new).summary == "0 added, 2 removed, 0 changed, 1 unchanged"
