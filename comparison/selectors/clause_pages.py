"""One clause across revisions: its wording each time, and each party's stance."""

from collections.abc import Sequence
from dataclasses import dataclass

from clauses.models import Clause, ClauseVersion, Position
from clauses.selectors.lineage import strands_in, strands_out
from clauses.selectors.plans import positions_with_party
from comparison.diff import ClauseDiff, PartyChange
from comparison.selectors.diffs import clause_version_diff, parties_of, party_names_of


@dataclass(frozen=True)
class ClauseStep:
    """The clause as worded in one revision, and what changed since the revision that one
    continues: ``change`` is None for a first revision, which continues nothing, and an
    ``added`` diff when the clause was not in the revision continued."""

    version: ClauseVersion
    previous: ClauseVersion | None
    change: ClauseDiff | None


@dataclass(frozen=True)
class StanceRow:
    party: object
    cells: tuple[Position | None, ...]  # one per step; None where no position is recorded

    @property
    def latest(self) -> Position | None:
        """The party's position in the latest revision holding the clause."""
        return self.cells[-1] if self.cells else None

    @property
    def latest_statement(self) -> Position | None:
        """The latest position the party stated rather than had carried over, else the
        latest recorded: where its quote and source come from."""
        recorded = [p for p in self.cells if p is not None]
        stated = [p for p in recorded if not p.carried_over]
        chosen = stated or recorded
        return chosen[-1] if chosen else None

    def steps_newest_first(self) -> list[tuple[Position | None, bool]]:
        """Each cell, latest first, with whether its stance differs from the one before."""
        stances = [p.stance if p else None for p in self.cells]
        changed = [i > 0 and stances[i] != stances[i - 1] for i in range(len(stances))]
        return list(zip(self.cells, changed, strict=True))[::-1]


@dataclass(frozen=True)
class WordingRun:
    """One wording of the clause: the step it first appears in, and the later steps that
    keep it word for word (the page collapses those into a range)."""

    head: ClauseStep
    repeats: tuple[ClauseStep, ...]

    @property
    def last(self) -> ClauseStep:
        return self.repeats[-1] if self.repeats else self.head


@dataclass(frozen=True)
class LineageNote:
    """One split or merge the clause took part in, as the clause page says it: "split into
    5a and 5b in r3", "merged from 7 and 8 in r3". ``clauses`` are the others, each a dict
    of ``slug``, ``title`` and ``number`` (in the revision it is in there);
    ``includes_self`` says the clause itself is among them, continuing."""

    verb: str  # "split into", "split from", "merged into", "merged from"
    revision: int
    clauses: tuple[dict, ...]
    includes_self: bool = False


_VERBS = {("out", "split"): "split into", ("out", "merge"): "merged into"}
_VERBS |= {("in", "split"): "split from", ("in", "merge"): "merged from"}


def lineage_notes(
    versions: Sequence[ClauseVersion], *, of: Sequence[ClauseVersion] | None = None
) -> list[LineageNote]:
    """The splits and merges of the clause, by revision, from the strands its versions
    were read with (``_versions_of_clause``; no query); only those around the versions
    ``of`` when given. A strand out of the version in rN is recorded in a revision
    continuing rN; a strand in, in rN itself."""
    in_revision = {v.revision.number for v in versions}
    previous_of = {v.revision.number: v.revision.previous for v in versions}
    notes = []
    for version in versions if of is None else of:
        for direction, strands in (
            ("in", getattr(version, "strands_in", None)),
            ("out", getattr(version, "strands_out", None)),
        ):
            groups: dict[tuple[int, str], list[dict]] = {}
            for strand in strands or ():
                groups.setdefault((strand["revision"], strand["kind"]), []).append(strand)
            for (number, kind), others in sorted(groups.items()):
                if direction == "out":
                    continuing = kind == "split" and number in in_revision
                else:
                    previous = previous_of.get(number)
                    continuing = (
                        kind == "merge" and previous is not None and previous.number in in_revision
                    )
                notes.append(
                    LineageNote(
                        verb=_VERBS[direction, kind],
                        revision=number,
                        clauses=tuple(sorted(others, key=lambda s: (s["number"] or "", s["slug"]))),
                        includes_self=continuing,
                    )
                )
    return sorted(notes, key=lambda note: (note.revision, note.verb))


@dataclass(frozen=True)
class ClauseTimeline:
    steps: tuple[ClauseStep, ...]  # by revision number
    stances: tuple[StanceRow, ...]  # one per party, in party order
    lineage: tuple[LineageNote, ...] = ()  # its splits and merges, by revision

    @property
    def numbers_newest_first(self) -> list[int]:
        """The numbers of the revisions holding the clause, latest first."""
        return [step.version.revision.number for step in reversed(self.steps)]

    @property
    def wordings(self) -> list[WordingRun]:
        """The steps grouped by wording, latest first: a step keeps the run of the one
        before when it continues the clause with the same text (no query)."""
        runs: list[list[ClauseStep]] = []
        for step in self.steps:
            if runs and _same_wording(runs[-1][-1], step):
                runs[-1].append(step)
            else:
                runs.append([step])
        return [WordingRun(head=run[0], repeats=tuple(run[1:])) for run in reversed(runs)]


def _same_wording(before: ClauseStep, step: ClauseStep) -> bool:
    return (
        step.change is not None
        and step.change.change != "added"
        and step.version.text == before.version.text
    )


@dataclass(frozen=True)
class PositionView:
    position: Position
    movement: PartyChange | None  # since the revision continued; None for a first draft


@dataclass(frozen=True)
class ClauseVersionView:
    step: ClauseStep  # the version asked for
    versions: tuple[ClauseVersion, ...]  # the clause in every revision it appears in

    @property
    def lineage(self) -> list[LineageNote]:
        """The splits and merges of the clause this version takes part in: those
        recorded in its revision, and those of the revisions continuing it."""
        return lineage_notes(self.versions, of=[self.step.version])

    @property
    def positions(self) -> tuple[PositionView, ...]:
        """Each position on the version, beside where that party's stance moved."""
        change = self.step.change
        moves = {p.party_slug: p for p in change.parties} if change else {}
        return tuple(
            PositionView(position=p, movement=moves.get(p.party.slug))
            for p in self.step.version.positions.all()
        )


def _versions_of_clause(**lookup) -> list[ClauseVersion]:
    """Versions of one clause by revision number, with clause, plan, revision and
    positions, and the lineage strands around each (``strands_in``, ``strands_out``:
    annotations of the same query) (two queries)."""
    return list(
        ClauseVersion.objects.filter(**lookup)
        .annotate(strands_in=strands_in(), strands_out=strands_out())
        .select_related("clause__plan", "revision__previous")
        .prefetch_related(positions_with_party())
        .order_by("revision__number")
    )


def _steps(versions: Sequence[ClauseVersion]) -> list[ClauseStep]:
    """Each version against the clause in the revision it continues, which is not always
    the one numbered just before: a counter-proposal continues the draft it answers."""
    names = party_names_of(versions)
    by_revision = {v.revision_id: v for v in versions}
    steps = []
    for version in versions:
        continued = version.revision.previous
        previous = None if continued is None else by_revision.get(continued.pk)
        change = (
            None
            if continued is None
            else clause_version_diff(
                previous, version, party_names=names, old_coverage=continued.coverage
            )
        )
        steps.append(ClauseStep(version=version, previous=previous, change=change))
    return steps


def clause_timeline(*, clause: Clause) -> ClauseTimeline:
    """The clause in every revision with what changed each time, and each party's stance
    across revisions (two queries: the versions with their revision, their positions)."""
    versions = _versions_of_clause(clause=clause)
    stances = tuple(
        StanceRow(
            party=party,
            cells=tuple(
                next((p for p in v.positions.all() if p.party_id == party.pk), None)
                for v in versions
            ),
        )
        for party in parties_of(versions)
    )
    return ClauseTimeline(
        steps=tuple(_steps(versions)), stances=stances, lineage=tuple(lineage_notes(versions))
    )


def clause_version_get(*, plan_slug: str, clause_slug: str, number: int) -> ClauseVersionView:
    """The clause as worded in revision ``number``, what changed since the revision that
    one continues, and the clause's other revisions (two queries). Raises
    ClauseVersion.DoesNotExist when the plan, clause or revision is unknown."""
    versions = _versions_of_clause(clause__plan__slug=plan_slug, clause__slug=clause_slug)
    for step in _steps(versions):
        if step.version.revision.number == number:
            return ClauseVersionView(step=step, versions=tuple(versions))
    raise ClauseVersion.DoesNotExist
