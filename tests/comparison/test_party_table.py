"""A party's rows tell what the diff tells of that party: the same clauses new, the same
moves, the same clauses dropped in the same places (comparison/party_table.py against
comparison/diff.py, on random drafts)."""

import random

import pytest

from clauses.fields import POSITION
from clauses.vocabularies import Stance
from comparison.diff import (
    PARTIAL,
    ClauseChange,
    ClauseSnapshot,
    PositionSnapshot,
    RevisionSnapshot,
    diff,
)
from comparison.party_table import (
    ClauseRow,
    HeldPosition,
    VersionRead,
    VersionRow,
    gone_from,
    plan_rows,
)

PARTY = "a"
QUOTES = ["", "", "the same words", "other words"]


def _draft(rng: random.Random, clause_ids: list[int]) -> list[ClauseSnapshot]:
    clauses = []
    for clause_id in rng.sample(clause_ids, rng.randint(0, len(clause_ids))):
        positions = {}
        if rng.random() < 0.8:
            stance = rng.choice(list(Stance))
            positions[PARTY] = PositionSnapshot(PARTY, stance, quote=rng.choice(QUOTES))
        clauses.append(
            ClauseSnapshot(
                clause_id=clause_id,
                slug=f"c{clause_id}",
                title=f"Clause {clause_id}",
                topic="military",
                number=str(clause_id),
                position_in_draft=rng.randint(0, 6),  # ties too: the clause id breaks them
                text="",
                status="open",
                positions=positions,
            )
        )
    return clauses


def _reads(clauses: list[ClauseSnapshot]) -> list[VersionRead]:
    """The clauses as the selector reads them, in draft order."""
    reads = []
    for clause in sorted(clauses, key=lambda c: (c.position_in_draft, c.clause_id)):
        row = ClauseRow(clause.clause_id, clause.slug, clause.title, clause.topic)
        snapshot = clause.positions.get(PARTY)
        position = None
        if snapshot is not None:
            declared = dict(zip(POSITION.names, POSITION.absent(), strict=True))
            declared.update(stance=str(snapshot.stance), quote=snapshot.quote)
            position = HeldPosition(clause.clause_id, tuple(declared.values()), (None, None))
        version = VersionRow(clause.clause_id, row, clause.number, clause.status)
        reads.append(VersionRead(row, clause.position_in_draft, version, position))
    return reads


@pytest.mark.parametrize("seed", range(200))
def test_a_party_s_rows_tell_what_the_diff_tells_of_it(seed):
    rng = random.Random(seed)
    clause_ids = list(range(1, rng.randint(2, 12)))
    old_clauses, new_clauses = _draft(rng, clause_ids), _draft(rng, clause_ids)
    old_partial, new_partial = rng.random() < 0.3, rng.random() < 0.3
    continues = rng.random() < 0.85
    old = RevisionSnapshot(1, 1, "r1", old_clauses, coverage=PARTIAL if old_partial else "")
    new = RevisionSnapshot(2, 2, "r2", new_clauses, coverage=PARTIAL if new_partial else "")
    # A revision that continues none is compared with itself, as the party's page did.
    result = diff(old if continues else new, new, party_names={PARTY: "A"})

    current, previous = _reads(new_clauses), _reads(old_clauses) if continues else None
    rows = plan_rows(current, previous, previous_partial=old_partial, others={})
    shown = [c for c in result.clauses if c.number_after is not None]
    assert [row.version.clause.pk for row in rows] == [c.clause_id for c in shown]
    for row, change in zip(rows, shown, strict=True):
        new_here = change.change in (ClauseChange.ADDED, ClauseChange.FIRST_DESCRIBED)
        assert row.change == (change.change if new_here else None)
        party = change.parties[0] if change.parties else None
        movement = row.movement
        assert (movement is None) == (party is None)
        if party is not None and movement is not None:
            assert movement == (
                party.stance_before,
                party.stance_after,
                party.value_before,
                party.value_after,
                party.direction,
                party.stance_changed,
            )

    gone = gone_from(current, previous) if previous is not None else []
    assert [clause.pk for clause in gone] == [
        c.clause_id
        for c in result.clauses
        if c.change in (ClauseChange.REMOVED, ClauseChange.NOT_DESCRIBED)
    ]
