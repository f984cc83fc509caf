"""One clause across revisions: its wording each time, and each party's stance."""

import dataclasses
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from clauses.models import Clause, ClauseVersion, Position
from clauses.selectors.lineage import strands_in, strands_out
from clauses.selectors.plans import positions_with_party
from comparison.diff import (
    ClauseDiff,
    ClauseSnapshot,
    PartyChange,
    PositionSnapshot,
    RevisionSnapshot,
    diff,
)
from comparison.selectors.clause_page_rows import PositionOfRow, VersionOfRow, versions_as_rows
from comparison.selectors.diffs import clause_snapshot, parties_of, party_names_of

# A clause version or a position as the clause page reads it: a model instance, or the
# same values read as a row (clause_page_rows.py) for a page of a long history.
AnyVersion = ClauseVersion | VersionOfRow
AnyPosition = Position | PositionOfRow


@dataclass(frozen=True)
class ClauseStep:
    """The clause as worded in one revision, and what changed since the revision that one
    continues: ``change`` is None for a first revision, which continues nothing, and an
    ``added`` diff when the clause was not in the revision continued."""

    version: AnyVersion
    previous: AnyVersion | None
    change: ClauseDiff | None


@dataclass(frozen=True)
class StanceRow:
    party: object
    cells: tuple[AnyPosition | None, ...]  # one per step; None where no position is recorded
    # The cell of the revision just before the first step, when the steps start after the
    # clause's first revision (a page of its latest revisions): the first step's stance
    # changed when it differs from that one.
    before: tuple[AnyPosition | None, ...] = ()
    # Read apart from the cells when the steps are not every revision (a page of them):
    # the party's position in the latest revision holding the clause, and its latest
    # stated one, each a tuple of one (empty: read them from the cells).
    current: tuple[AnyPosition | None, ...] = ()
    stated: tuple[AnyPosition | None, ...] = ()

    @property
    def latest(self) -> AnyPosition | None:
        """The party's position in the latest revision holding the clause."""
        if self.current:
            return self.current[0]
        return self.cells[-1] if self.cells else None

    @property
    def latest_statement(self) -> AnyPosition | None:
        """The latest position the party stated rather than had carried over, else the
        latest recorded: where its quote and source come from."""
        if self.stated:
            return self.stated[0] or self.latest
        recorded = [p for p in self.cells if p is not None]
        stated = [p for p in recorded if not p.carried_over]
        chosen = stated or recorded
        return chosen[-1] if chosen else None

    def steps_newest_first(self) -> list[tuple[AnyPosition | None, bool]]:
        """Each cell, latest first, with whether its stance differs from the one before."""
        cells = (*self.before, *self.cells)
        stances = [p.stance if p else None for p in cells]
        changed = [i > 0 and stances[i] != stances[i - 1] for i in range(len(stances))]
        return list(zip(cells, changed, strict=True))[len(self.before) :][::-1]


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


@dataclass(frozen=True)
class VersionRow:
    """One version of a clause as plain values: where it stands among the revisions and
    the lineage strands around it (``strands_in``, ``strands_out``: lists of dicts)."""

    pk: int
    revision_id: int
    number: int  # its revision's number
    previous_id: int | None  # the revision its revision continues
    previous_number: int | None
    strands_in: list | None = None
    strands_out: list | None = None


def _row_of(version: AnyVersion) -> VersionRow:
    previous = version.revision.previous
    return VersionRow(
        pk=version.pk,
        revision_id=version.revision_id,
        number=version.revision.number,
        previous_id=version.revision.previous_id,
        previous_number=previous.number if previous is not None else None,
        strands_in=getattr(version, "strands_in", None),
        strands_out=getattr(version, "strands_out", None),
    )


def lineage_notes(
    versions: Sequence[VersionRow], *, of: Sequence[VersionRow] | None = None
) -> list[LineageNote]:
    """The splits and merges of the clause, by revision, from the strands its versions
    were read with (``_version_rows``; no query); only those around the versions ``of``
    when given. A strand out of the version in rN is recorded in a revision continuing
    rN; a strand in, in rN itself."""
    in_revision = {v.number for v in versions}
    previous_of = {v.number: v.previous_number for v in versions}
    notes = []
    for version in versions if of is None else of:
        for direction, strands in (("in", version.strands_in), ("out", version.strands_out)):
            groups: dict[tuple[int, str], list[dict]] = {}
            for strand in strands or ():
                groups.setdefault((strand["revision"], strand["kind"]), []).append(strand)
            for (number, kind), others in sorted(groups.items()):
                if direction == "out":
                    continuing = kind == "split" and number in in_revision
                else:
                    previous = previous_of.get(number)
                    continuing = (
                        kind == "merge" and previous is not None and previous in in_revision
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


# The revisions a clause's page shows at once, latest first: a long negotiation's clause
# is in fifty revisions or more, and its page would cost in proportion to them all.
REVISIONS_PER_PAGE = 20


class NoSuchRevisionPage(Exception):
    """A page of a clause's revisions past the last one; ``pages`` is how many it has."""

    def __init__(self, pages: int):
        super().__init__(pages)
        self.pages = pages


@dataclass(frozen=True)
class RevisionPage:
    """Which of the revisions holding a clause its page shows: page ``number`` (from 1)
    of ``REVISIONS_PER_PAGE`` each, counted from the latest; None for every one."""

    numbers: tuple[int, ...]  # every revision holding the clause, latest first
    number: int | None = 1
    per_page: int = REVISIONS_PER_PAGE

    @property
    def count(self) -> int:
        return max(1, -(-len(self.numbers) // self.per_page))

    @property
    def shown(self) -> tuple[int, ...]:
        """The numbers of the revisions shown, latest first."""
        if self.number is None:
            return self.numbers
        start = (self.number - 1) * self.per_page
        return self.numbers[start : start + self.per_page]

    @property
    def partial(self) -> bool:
        return len(self.shown) < len(self.numbers)

    @property
    def earlier(self) -> int | None:
        """The page of the revisions before those shown, if any."""
        if self.number is None or self.number >= self.count:
            return None
        return self.number + 1

    @property
    def later(self) -> int | None:
        """The page of the revisions after those shown, if any."""
        return None if self.number is None or self.number == 1 else self.number - 1

    @property
    def bounds(self) -> tuple[int | None, int | None]:
        """The lowest and highest revision numbers this page speaks for (None: no bound):
        from its oldest revision shown up to the next page's latest, so that a revision
        not holding the clause (one that struck it out, say) falls on one page."""
        if not self.partial or not self.shown:
            return None, None
        later = self.numbers[self.numbers.index(self.shown[0]) - 1] if self.later else None
        return (self.shown[-1] if self.earlier else None), (
            later - 1 if later is not None else None
        )

    def spans(self, number: int) -> bool:
        """Whether revision ``number`` falls within this page's ``bounds``."""
        low, high = self.bounds
        return (low is None or number >= low) and (high is None or number <= high)


@dataclass(frozen=True)
class ClauseTimeline:
    steps: tuple[ClauseStep, ...]  # by revision number: those of the page shown
    stances: tuple[StanceRow, ...]  # one per party, in party order
    lineage: tuple[LineageNote, ...] = ()  # its splits and merges, by revision
    page: RevisionPage = RevisionPage(numbers=())  # the revisions shown among all of them

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
        return lineage_notes([_row_of(v) for v in self.versions], of=[_row_of(self.step.version)])

    @property
    def positions(self) -> tuple[PositionView, ...]:
        """Each position on the version, beside where that party's stance moved."""
        change = self.step.change
        moves = {p.party_slug: p for p in change.parties} if change else {}
        return tuple(
            PositionView(position=p, movement=moves.get(p.party.slug))
            for p in self.step.version.positions.all()
        )


def _versions_of_clause(*, strands: bool = True, **lookup) -> list[ClauseVersion]:
    """Versions of one clause by revision number, with clause, plan, revision and
    positions, and the lineage strands around each (``strands_in``, ``strands_out``:
    annotations of the same query) unless ``strands`` is false (two queries)."""
    versions = ClauseVersion.objects.filter(**lookup)
    if strands:
        versions = versions.annotate(strands_in=strands_in(), strands_out=strands_out())
    # Each version's positions in party order, as their default order has them, without
    # its joins of the plan and the revision.
    in_party_order = Position.objects.order_by("party__sort_order", "party__name")
    return list(
        versions.select_related("clause__plan", "revision__previous")
        .prefetch_related(positions_with_party(in_party_order))
        .order_by("revision__number")
    )


def _version_rows(clause: Clause) -> list[VersionRow]:
    """Every version of the clause as plain values, by revision number, with the lineage
    strands around each (one query)."""
    rows = (
        ClauseVersion.objects.filter(clause=clause)
        .annotate(strands_in=strands_in(), strands_out=strands_out())
        .order_by("revision__number")
        .values_list(
            "pk",
            "revision_id",
            "revision__number",
            "revision__previous_id",
            "revision__previous__number",
            "strands_in",
            "strands_out",
        )
    )
    return [VersionRow(*row) for row in rows]


def _steps(
    versions: Sequence[AnyVersion], *, shown: Collection[int] | None = None
) -> list[ClauseStep]:
    """Each version (of those in revisions numbered ``shown``, if given) against the
    clause in the revision it continues, which is not always the one numbered just
    before: a counter-proposal continues the draft it answers."""
    names = party_names_of(versions)  # type: ignore[arg-type]  # either kind reads alike
    by_revision = {v.revision_id: v for v in versions}
    snapshot_of = _snapshots()
    steps = []
    for version in versions:
        if shown is not None and version.revision.number not in shown:
            continue
        continued = version.revision.previous
        previous = None if continued is None else by_revision.get(continued.pk)
        change = None
        if continued is not None:
            old = (snapshot_of(previous),) if previous is not None else ()
            (change,) = diff(
                RevisionSnapshot(None, None, "", old, coverage=continued.coverage),
                RevisionSnapshot(None, None, "", (snapshot_of(version),)),
                party_names=names,
            ).clauses
        steps.append(ClauseStep(version=version, previous=previous, change=change))
    return steps


def _snapshots() -> Callable[[AnyVersion], ClauseSnapshot]:
    """A version's snapshot, built once for both diffs it takes part in (as the newer
    side, then the older); a position the same in two versions (carried over unchanged)
    is one snapshot in both, which the diff knows unchanged without comparing it."""
    built: dict[int, ClauseSnapshot] = {}
    shared: dict[PositionSnapshot, PositionSnapshot] = {}

    def snapshot_of(version: AnyVersion) -> ClauseSnapshot:
        snapshot = built.get(version.pk)
        if snapshot is None:
            snapshot = clause_snapshot(version)  # type: ignore[arg-type]  # either kind
            positions = {
                slug: shared.setdefault(position, position)
                for slug, position in snapshot.positions.items()
            }
            snapshot = built[version.pk] = dataclasses.replace(snapshot, positions=positions)
        return snapshot

    return snapshot_of


def _stated_versions(clause: Clause) -> dict[int, int]:
    """The version holding each party's latest position on the clause that it stated
    rather than had carried over, by party id (one query, of plain rows)."""
    statements = (
        Position.objects.filter(clause_version__clause=clause, carried_over=False)
        .order_by()
        .values_list("party_id", "clause_version__revision__number", "clause_version_id")
    )
    latest: dict[int, tuple[int, int]] = {}
    for party_id, number, version_id in statements:
        if party_id not in latest or number > latest[party_id][0]:
            latest[party_id] = (number, version_id)
    return {party_id: version_id for party_id, (_number, version_id) in latest.items()}


def clause_timeline(*, clause: Clause, page: int | None = None) -> ClauseTimeline:
    """The clause in every revision with what changed each time, and each party's stance
    across revisions (two queries: the versions with their revision and lineage, their
    positions). With ``page``, the revisions of that page only (``RevisionPage``; three
    queries, each of plain rows: every version with its lineage, the versions holding
    each party's latest statement, then the versions shown, those they continue and
    those, with their positions, as ``clause_page_rows`` reads them); raises
    NoSuchRevisionPage for a page past the last."""
    versions: Sequence[AnyVersion]
    if page is None:
        # Every revision: the versions read with their strands are all there is to read.
        versions = _versions_of_clause(clause=clause)
        rows = [_row_of(version) for version in versions]
    else:
        rows = _version_rows(clause)
    window = RevisionPage(numbers=tuple(row.number for row in reversed(rows)), number=page)
    if page is not None and page > window.count:
        raise NoSuchRevisionPage(window.count)
    shown = set(window.shown)
    # Read beside the versions shown: those they continue (what changed since), the one
    # just before the first shown (whether its stances changed), and the latest.
    index = {row.revision_id: row for row in rows}
    wanted = {row.pk for row in rows if row.number in shown}
    wanted |= {
        index[row.previous_id].pk
        for row in rows
        if row.number in shown and row.previous_id in index
    }
    first = next((i for i, row in enumerate(rows) if row.number in shown), 0)
    before = rows[first - 1] if first > 0 else None
    wanted |= {before.pk} if before else set()
    wanted |= {rows[-1].pk} if rows else set()
    statements = None
    if page is not None:
        # And those holding each party's latest statement, which may be older.
        stated = _stated_versions(clause)
        versions = versions_as_rows(clause=clause, pks=wanted | set(stated.values()))
        by_pk = {version.pk: version for version in versions}
        statements = {
            party_id: next(p for p in by_pk[pk].positions.all() if p.party_id == party_id)
            for party_id, pk in stated.items()
        }
        versions = [version for version in versions if version.pk in wanted]
    shown_versions = [v for v in versions if v.revision.number in shown]
    before_version = next((v for v in versions if before and v.pk == before.pk), None)
    current = versions[-1] if versions else None

    def position_of(version, party):
        return next((p for p in version.positions.all() if p.party_id == party.pk), None)

    stances = tuple(
        StanceRow(
            party=party,
            cells=tuple(position_of(v, party) for v in shown_versions),
            before=(position_of(before_version, party),) if before_version else (),
            current=(position_of(current, party),) if statements is not None and current else (),
            stated=(statements.get(party.pk),) if statements is not None else (),
        )
        for party in parties_of(shown_versions)  # type: ignore[arg-type]  # either kind
    )
    return ClauseTimeline(
        steps=tuple(_steps(versions, shown=shown)),
        stances=stances,
        lineage=tuple(lineage_notes(rows)),
        page=window,
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
