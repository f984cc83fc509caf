"""What the Atom feeds tell: a plan's new revisions with what each changed, and the new
wordings and stance moves of a clause or a party, each with who recorded it and why.

A *stance move* is a history row of a position whose stance differs from the stance of
the row before it for the same party and clause (across revisions: a copy carried into
the next draft with the same stance is no move), or the first stance recorded. A *new
wording* is a history row of a clause version whose text differs from the row before it
for the same clause. Both comparisons are window functions (``LAG``) in the one query
that reads the rows, so a feed costs a fixed number of queries whatever the history.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, Q, Window
from django.db.models.functions import Lag

from clauses.models import Clause, ClauseVersion, Correction, Position, Revision
from clauses.moves import is_move
from clauses.selectors.corrections import plan_corrections
from clauses.selectors.history import with_stance_before
from clauses.vocabularies import STANCE_LABELS
from comparison.diff import DiffTotals, diff
from comparison.selectors.diffs import revision_snapshots

# Entries per feed: a reader polls a feed for what is new, not for the whole history.
FEED_ENTRIES = 50
# Revisions per plan feed: each one's diff is computed, so fewer than other feeds' entries.
FEED_REVISIONS = 10
# How long a pair of revisions' diff totals is kept: a key names the state it was computed
# at and is never read again once a write moves it, so this only bounds what lingers.
TOTALS_TIMEOUT = 7 * 24 * 60 * 60
TOTALS_CACHE_PREFIX = "feed.totals"


@dataclass(frozen=True)
class Recorded:
    """Who recorded a change and why (``history_user``, ``history_change_reason``)."""

    date: datetime.datetime | None
    user: str | None
    reason: str


def _recorded(row) -> Recorded:
    user = row.history_user
    return Recorded(
        date=row.history_date,
        user=user.get_username() if user is not None else None,
        reason=row.history_change_reason or "",
    )


@dataclass(frozen=True)
class RevisionEntry:
    revision: Revision  # with ``previous`` and ``plan`` joined
    totals: DiffTotals | None  # against the revision it continues; None for a first draft
    recorded: Recorded | None  # its creation; None where history has no row


def _totals_key(stamp: str, old: Revision, new: Revision) -> str:
    """Where the diff totals from ``old`` to ``new`` are kept, as read at ``stamp``.

    The fingerprints name both revisions' content, and their pairing. They leave out some
    of what the totals count or show (a position's demand and cited source, a revision's
    coverage, the parties' names): the plan's change stamp, which every write moves,
    covers those, so a write to the plan is never followed by totals from before it.
    """
    named = f"{stamp}\n{old.pk}:{old.fingerprint}\n{new.pk}:{new.fingerprint}"
    return f"{TOTALS_CACHE_PREFIX}:{hashlib.sha256(named.encode()).hexdigest()}"


def _pair_totals(
    pairs: list[tuple[Revision, Revision]], *, stamp: str | None
) -> dict[int, DiffTotals]:
    """The diff totals of each pair of revisions (the one continued, the one continuing
    it), by the continuing revision's pk.

    The totals are kept in the shared cache under ``stamp`` (the plan's change stamp as
    the request read it) and both fingerprints: a feed read again before the next write
    reads no clause version and no position. Those the cache lacks are computed from the
    snapshots of their two sides (two queries however many), then kept; with no
    ``stamp``, or the cache down, they are computed every time.
    """
    keys: dict[int, str] = {}
    if stamp is not None and not getattr(cache, "degraded", False):
        keys = {new.pk: _totals_key(stamp, old, new) for old, new in pairs}
    kept = cache.get_many(list(keys.values())) if keys else {}
    totals = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [(old, new) for old, new in pairs if new.pk not in totals]
    if not missing:
        return totals
    sides = {revision.pk: revision for pair in missing for revision in pair}
    snapshots, names = revision_snapshots(list(sides.values()))
    computed = {
        new.pk: diff(snapshots[old.pk], snapshots[new.pk], party_names=names).totals
        for old, new in missing
    }
    if keys:
        cache.set_many({keys[pk]: found for pk, found in computed.items()}, TOTALS_TIMEOUT)
    return totals | computed


def plan_revision_entries(*, plan, stamp: str | None = None) -> list[RevisionEntry]:
    """The plan's newest revisions with their diff totals against the one each continues,
    and who recorded each (four queries: the revisions, their creation history rows, the
    clause versions of them and of what they continue, their positions; two once the
    totals are in the cache under ``stamp``, the plan's change stamp: ``_pair_totals``)."""
    revisions = list(
        Revision.objects.filter(plan=plan)
        .select_related("plan", "previous")
        .order_by("-number")[:FEED_REVISIONS]
    )
    if not revisions:
        return []
    created = {
        row.id: _recorded(row)
        for row in Revision.history.filter(id__in=[r.pk for r in revisions], history_type="+")
        .select_related("history_user")
        .order_by("history_date", "history_id")
    }
    pairs = [(r.previous, r) for r in revisions if r.previous is not None]
    totals = _pair_totals(pairs, stamp=stamp)
    return [
        RevisionEntry(
            revision=revision,
            totals=totals.get(revision.pk),
            recorded=created.get(revision.pk),
        )
        for revision in revisions
    ]


def plan_correction_entries(*, plan) -> list[Correction]:
    """The plan's newest corrections (withdrawn, restored, deleted, renamed ...), with who
    made them and what they correct (one query)."""
    return plan_corrections(plan=plan, limit=FEED_ENTRIES)


@dataclass(frozen=True)
class StanceMove:
    history_id: int
    plan: str
    plan_title: str
    clause: str
    clause_title: str
    revision: int
    party: str
    party_name: str
    stance_before: str | None  # None for the first stance recorded
    stance_after: str
    summary: str
    recorded: Recorded

    @property
    def moved(self) -> bool:
        """A move from an earlier statement, not the first stance recorded."""
        return self.stance_before is not None

    @property
    def title(self) -> str:
        after = STANCE_LABELS.get(self.stance_after, self.stance_after)
        if self.stance_before is None:
            move = after
        else:
            move = f"{STANCE_LABELS.get(self.stance_before, self.stance_before)} → {after}"
        return f"{self.party_name} on {self.clause_title} (r{self.revision}): {move}"


def _stance_moves(rows) -> list[StanceMove]:
    """Stance moves among position history ``rows`` (a queryset), newest first (one
    query). A stance that differs from the row before
    is a move only by the rule every count of moves applies (clauses.moves: not to or
    from unknown, not the same quote read twice); the first stance recorded is kept."""
    rows = (
        with_stance_before(rows)
        .filter(Q(stance_before__isnull=True) | ~Q(stance_before=F("stance")))
        .select_related(
            "history_user", "party", "clause_version__clause__plan", "clause_version__revision"
        )
        .order_by("-history_date", "-history_id")
    )
    moves: list = []
    # Fetch a margin for the rows the rule of moves leaves out.
    for row in rows[: FEED_ENTRIES * 4]:
        if len(moves) == FEED_ENTRIES:
            break
        version = row.clause_version
        if version is None:  # the clause version is gone since
            continue
        if row.stance_before is not None and not is_move(
            row.stance_before, row.stance, row.quote_before or "", row.quote
        ):
            continue
        clause = version.clause
        moves.append(
            StanceMove(
                history_id=row.history_id,
                plan=clause.plan.slug,
                plan_title=clause.plan.title,
                clause=clause.slug,
                clause_title=clause.title,
                revision=version.revision.number,
                party=row.party.slug,
                party_name=row.party.name,
                stance_before=row.stance_before,
                stance_after=row.stance,
                summary=row.summary,
                recorded=_recorded(row),
            )
        )
    return moves


def party_stance_moves(*, party) -> list[StanceMove]:
    """The party's newest stance moves on any clause of any plan (one query)."""
    return _stance_moves(Position.history.filter(party_id=party.pk))


@dataclass(frozen=True)
class WordingEntry:
    history_id: int
    revision: int
    number: str
    text: str
    first: bool  # the clause's first wording
    recorded: Recorded


@dataclass(frozen=True)
class ClauseFeed:
    wordings: list[WordingEntry]
    moves: list[StanceMove]


def clause_feed_entries(*, clause: Clause) -> ClauseFeed:
    """The clause's newest wordings and stance moves (two queries)."""
    wordings = (
        ClauseVersion.history.filter(clause_id=clause.pk)
        .exclude(history_type="-")
        .annotate(
            text_before=Window(
                Lag("text"),
                partition_by=[F("clause_id")],
                order_by=[F("history_date").asc(), F("history_id").asc()],
            )
        )
        .filter(Q(text_before__isnull=True) | ~Q(text_before=F("text")))
        .select_related("history_user", "revision")
        .order_by("-history_date", "-history_id")[:FEED_ENTRIES]
    )
    entries = [
        WordingEntry(
            history_id=row.history_id,
            revision=row.revision.number,
            number=row.number,
            text=row.text,
            first=row.text_before is None,
            recorded=_recorded(row),
        )
        for row in wordings
        if row.revision is not None
    ]
    moves = _stance_moves(Position.history.filter(clause_version__clause_id=clause.pk))
    return ClauseFeed(wordings=entries, moves=moves)
