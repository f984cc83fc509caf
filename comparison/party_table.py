"""A party's rows on one plan's current revision, built from plain rows (no model instance,
no diff): its position on each clause, where its stance went since the revision the
current one continues, and how far it stands from the others.

The party's page reads a thousand clauses or more to show a hundred; its filters, its
order and its counts need only a few values of each. So a row holds the values as read,
and what the page shows of one (its movement) is worked out when it is shown. The rules
are the diff's (comparison/diff.py), on this party's side alone: a clause the previous
revision lacks is ``added``, or ``first_described`` when that revision is partial; one the
current revision lacks is dropped, or not described when the current one is partial; a
stance's direction is ``clauses.moves``'s.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from clauses.fields import POSITION
from clauses.matrix_order import apartness
from clauses.moves import stance_direction
from clauses.vocabularies import ORDINAL, stance_value
from comparison.diff import ClauseChange, Direction

# Where each declared field of a position sits among its values, by the name an instance
# reads it by (a relation's key: ``source_id``).
_DECLARED_AT = {name: index for index, name in enumerate(POSITION.attnames)}
_STANCE = _DECLARED_AT["stance"]
_DIRECTIONS = {direction.value: direction for direction in Direction}


class ClauseRow(NamedTuple):
    """A clause as the party's page names it."""

    pk: int
    slug: str
    title: str
    topic: str


class VersionRow(NamedTuple):
    """A clause as worded in the current revision."""

    pk: int
    clause: ClauseRow
    number: str
    status: str


class HeldPosition(NamedTuple):
    """The party's position on a clause version, as read: its declared fields read as a
    model instance's would be (``position.summary``, ``position.source_id``)."""

    pk: int
    declared: tuple  # its values of the fields clauses/fields.py declares, in their order
    cited: tuple  # the date the source it cites was published on, and that date's precision

    @property
    def stance(self) -> str:
        return self.declared[_STANCE]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.declared[_DECLARED_AT[name]]
        except KeyError:
            raise AttributeError(name) from None


class StanceMove(NamedTuple):
    """The party's stance on a clause before and after (None: no position on that side)."""

    stance_before: str | None
    stance_after: str | None
    value_before: int | None  # ordinal value; None for unknown or missing
    value_after: int | None
    direction: Direction
    stance_changed: bool


# The party's stance and quote on a clause in the revision the current one continues.
Held = tuple[str, str]


@dataclass(frozen=True)
class PartyRow:
    """One clause of a plan's current revision on the party's page."""

    version: VersionRow  # the clause in the current revision
    position: HeldPosition | None  # the party's position on it; None if none recorded
    # ADDED, or FIRST_DESCRIBED when the revision the current one continues (partial) does
    # not hold the clause; None when it holds it (or the current one continues none).
    change: ClauseChange | None
    # The party's stance and quote in the revision the current one continues; None where
    # it held none there (or the clause is not there).
    before: Held | None
    others: tuple[str, ...] = ()  # the other parties' stances on the clause
    apart: float | None = None  # how far it stands from the others (0 to 4), if known
    since: str | None = None  # the party's stance in the revision asked about, if any
    in_since: bool = False  # whether the clause is in the revision asked about

    @property
    def stance(self) -> str | None:
        return self.position.declared[_STANCE] if self.position else None

    @property
    def moved_since(self) -> Direction:
        """Where the party's stance went since the revision asked about: unchanged when it
        is the same (or it held none either side), unknown when either side is unknown or
        missing (the clause was not in that revision, say)."""
        if self.in_since and self.since == self.stance:
            return Direction.UNCHANGED
        then, now = stance_value(self.since), stance_value(self.stance)
        if not self.in_since or then is None or now is None:
            return Direction.UNKNOWN
        if now == then:
            return Direction.UNCHANGED
        return Direction.TOWARD if now > then else Direction.AWAY

    @property
    def movement(self) -> StanceMove | None:
        """The party's stance before and after; None when it held no position either side."""
        return _stance_move(self.before, _held(self.position))


def _stance_move(before: Held | None, after: Held | None) -> StanceMove | None:
    """Where a stance went (``Held``: the stance and the quote it rests on), as the diff
    tells a party's change: a position that came or went changed its stance, to an
    unknown direction."""
    if before is None and after is None:
        return None
    stance_before, quote_before = before or (None, "")
    stance_after, quote_after = after or (None, "")
    return StanceMove(
        stance_before,
        stance_after,
        None if stance_before is None else ORDINAL.get(stance_before),
        None if stance_after is None else ORDINAL.get(stance_after),
        _DIRECTIONS[stance_direction(stance_before, stance_after, quote_before, quote_after)],
        before is None or after is None or stance_before != stance_after,
    )


class VersionRead(NamedTuple):
    """A clause version of a plan's current revision or of the one it continues, with the
    party's position on it, as read."""

    clause: ClauseRow
    position_in_draft: int
    version: VersionRow
    position: HeldPosition | None


def _held(position: HeldPosition | None) -> Held | None:
    return (position.stance, position.quote) if position else None


def plan_rows(
    current: Sequence[VersionRead],
    previous: Sequence[VersionRead] | None,
    *,
    previous_partial: bool,
    others: Mapping[int, Sequence[str]],
    then: Mapping[int, str | None] | None = None,
) -> tuple[PartyRow, ...]:
    """The party's rows on the current revision's clauses (``current``, in draft order),
    against ``previous``, the revision it continues (None: it continues none, and nothing
    moved); ``others``, the other parties' stances by clause version; ``then``, if a
    revision is asked about, the clauses it holds, by id, with the party's stance there."""
    if previous is None:
        before = {read.clause.pk: _held(read.position) for read in current}
        new = None
    else:
        before = {read.clause.pk: _held(read.position) for read in previous}
        new = ClauseChange.FIRST_DESCRIBED if previous_partial else ClauseChange.ADDED
    rows = []
    for read in current:
        clause_id, position = read.clause.pk, read.position
        stances = tuple(others.get(read.version.pk, ()))
        rows.append(
            PartyRow(
                version=read.version,
                position=position,
                change=None if clause_id in before else new,
                before=before.get(clause_id),
                others=stances,
                apart=apartness(position.stance if position else None, stances),
                since=then.get(clause_id) if then else None,
                in_since=then is not None and clause_id in then,
            )
        )
    return tuple(rows)


def gone_from(current: Iterable[VersionRead], previous: Sequence[VersionRead]) -> list[ClauseRow]:
    """The clauses of ``previous`` that ``current`` lacks, where the diff lists them: each
    after the closest clause before it in the old draft that the new one keeps (in the new
    draft's order), those with none first, in the old draft's order."""
    kept = {read.clause.pk: read for read in current}
    if all(read.clause.pk in kept for read in previous):
        return []
    gone_after: dict[int | None, list[ClauseRow]] = {}
    anchor = None
    for read in _draft_order(previous):
        if read.clause.pk in kept:
            anchor = read.clause.pk
        else:
            gone_after.setdefault(anchor, []).append(read.clause)
    gone = gone_after.get(None, [])
    for read in _draft_order(kept.values()):
        gone.extend(gone_after.get(read.clause.pk, ()))
    return gone


def _draft_order(reads: Iterable[VersionRead]) -> list[VersionRead]:
    return sorted(reads, key=lambda read: (read.position_in_draft, read.clause.pk))
