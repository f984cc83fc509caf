"""A revision's fingerprint: SHA-256 over a canonical form of its content and of the
fingerprint of the revision it continues, so that the drafts of a plan form a chain in
which no past content can be changed unnoticed. Pure: plain data in, plain data out.

The canonical form (docs/api.md, "Tamper-evident revisions", says how to recompute it from
the API's JSON) is the JSON text of::

    {"clause_versions": [<clause version>, ...], "previous": <previous fingerprint or null>}

with, only when the revision has them, ``"deleted"``: the slugs of the clauses it
explicitly strikes out (``ClauseDeletion``), sorted, and ``"withdrawn": true`` while an
editor has withdrawn it from the main line (both left out otherwise, so that a revision
with neither keeps the fingerprint it had before these corrections existed). Each clause
version, in draft order (``position_in_draft``, then clause slug), is
``{"clause", "number", "positions", "status", "text"}`` and each of its positions, in
party-slug order, is ``{"party", "quote", "source_title", "source_url", "stance",
"stated_on", "summary"}``; dates are ISO 8601 (``YYYY-MM-DD``) or null. The text is written
with sorted keys, no whitespace between tokens (separators ``,`` and ``:``), non-ASCII
characters as themselves, encoded in UTF-8. The fingerprint is the SHA-256 of those bytes,
in lowercase hexadecimal.

A clause version that a split or a merge of its revision ends in (a successor, see
clauses/services/lineage.py) also has ``"lineage"``: its strands as
``"<kind>:<predecessor's clause slug>"``, sorted (e.g. ``["split:nato"]``). A version with
no strand has no such key, so lineage leaves the fingerprints of revisions without any
as they were.

What a revision is called, its status, notes and source, and whether a position was
carried over, are not part of it: they describe the draft, they are not its content.

``previous`` is the fingerprint the revision it continues had when this revision's was
computed, as recorded on the revision (``previous_fingerprint``): an edit to a revision
changes its own fingerprint and leaves those of the revisions continuing it as they were.
That the recorded one was once the predecessor's is proven by the predecessor's
fingerprint events: each write appends one per revision whose fingerprint it changed, and
each event holds the hash of that revision's event before it (``event_hash``), so a
revision's events form a chain that no one can rewrite unnoticed (``event_problems``).
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sources.text import text_sha256

SHORT_LENGTH = 12

POSITION_KEYS = ("party", "quote", "source_title", "source_url", "stance", "stated_on", "summary")

# A position's value: text, a date (``stated_on``) or null.
PositionValue = str | datetime.date | None


@dataclass
class ClauseVersionContent:
    """One clause version as the canonical form sees it; ``position_in_draft`` orders."""

    clause: str
    number: str
    status: str
    text: str
    position_in_draft: int
    positions: list[dict[str, PositionValue]] = field(default_factory=list)
    # The strands ending in this version's clause, as "<kind>:<predecessor slug>".
    lineage: list[str] = field(default_factory=list)


def _iso(value: PositionValue) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _version_document(version: ClauseVersionContent) -> dict[str, object]:
    document: dict[str, object] = {
        "clause": version.clause,
        "number": version.number,
        "status": version.status,
        "text": version.text,
        "positions": [
            {key: _iso(position[key]) for key in POSITION_KEYS}
            for position in sorted(version.positions, key=lambda p: str(p["party"]))
        ],
    }
    if version.lineage:
        document["lineage"] = sorted(version.lineage)
    return document


def canonical_form(
    *,
    previous: str | None,
    clause_versions: Iterable[ClauseVersionContent],
    deleted: Iterable[str] = (),
    withdrawn: bool = False,
) -> bytes:
    """The bytes the fingerprint is taken over (see the module's docstring)."""
    ordered = sorted(clause_versions, key=lambda v: (v.position_in_draft, v.clause))
    document: dict[str, object] = {
        "previous": previous,
        "clause_versions": [_version_document(version) for version in ordered],
    }
    deleted = sorted(deleted)
    if deleted:
        document["deleted"] = deleted
    if withdrawn:
        document["withdrawn"] = True
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def fingerprint(
    *,
    previous: str | None,
    clause_versions: Iterable[ClauseVersionContent],
    deleted: Iterable[str] = (),
    withdrawn: bool = False,
) -> str:
    """The SHA-256 of the canonical form, in lowercase hexadecimal."""
    canonical = canonical_form(
        previous=previous, clause_versions=clause_versions, deleted=deleted, withdrawn=withdrawn
    )
    return hashlib.sha256(canonical).hexdigest()


def short(value: str) -> str:
    """The short form shown on pages: the first 12 hexadecimal digits."""
    return value[:SHORT_LENGTH]


@dataclass(frozen=True)
class ChainLink:
    """A revision in a chain: its id, the id of the revision it continues, its number,
    and whether it is withdrawn."""

    id: int
    previous_id: int | None
    number: int
    withdrawn: bool = False


def chain_fingerprints(
    links: Iterable[ChainLink],
    contents: Mapping[int, list[ClauseVersionContent]],
    known: Mapping[int, str],
    deletions: Mapping[int, list[str]] | None = None,
) -> dict[int, str]:
    """The fingerprint of every revision of ``links``, by id; ``deletions`` holds the
    slugs of the clauses each revision strikes out, by id (none when missing).

    A revision continues an earlier-numbered one, so computing in number order meets
    every predecessor first. A predecessor outside ``links`` takes its fingerprint from
    ``known`` (as stored); a revision missing from ``contents`` holds no clause.
    """
    computed: dict[int, str] = {}
    for link in sorted(links, key=lambda link: link.number):
        previous = None
        if link.previous_id is not None:
            previous = computed.get(link.previous_id, known.get(link.previous_id))
        computed[link.id] = fingerprint(
            previous=previous,
            clause_versions=contents.get(link.id, []),
            deleted=(deletions or {}).get(link.id, ()),
            withdrawn=link.withdrawn,
        )
    return computed


def recorded_fingerprints(
    links: Iterable[ChainLink],
    contents: Mapping[int, list[ClauseVersionContent]],
    recorded_previous: Mapping[int, str],
    deletions: Mapping[int, list[str]] | None = None,
) -> dict[int, str]:
    """The fingerprint of every revision of ``links``, by id, each over its content and the
    predecessor's fingerprint it records (``recorded_previous``, by id; empty or missing
    for none): what verifying a revision recomputes, whatever its predecessor holds now."""
    return {
        link.id: fingerprint(
            previous=recorded_previous.get(link.id) or None,
            clause_versions=contents.get(link.id, []),
            deleted=(deletions or {}).get(link.id, ()),
            withdrawn=link.withdrawn,
        )
        for link in links
    }


def moment_text(value: datetime.datetime) -> str:
    """A moment as an event's hash takes it: UTC, to the microsecond, ISO 8601."""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(
    *,
    revision_id: int,
    fingerprint: str,
    previous_fingerprint: str,
    previous_hash: str,
    recorded_at: datetime.datetime,
) -> str:
    """The SHA-256 (lowercase hexadecimal) of a fingerprint event: the JSON text, keys
    sorted, no whitespace, of its revision's id, the fingerprint, the predecessor's
    fingerprint it was computed on, the hash of the revision's event before it (empty for
    the first) and the moment (``moment_text``)."""
    document = {
        "fingerprint": fingerprint,
        "previous_fingerprint": previous_fingerprint,
        "previous_hash": previous_hash,
        "recorded_at": moment_text(recorded_at),
        "revision": revision_id,
    }
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class EventRow:
    """A fingerprint event as stored."""

    id: int
    revision_id: int
    fingerprint: str
    previous_fingerprint: str
    previous_hash: str
    hash: str
    recorded_at: datetime.datetime


@dataclass(frozen=True)
class RevisionRecord:
    """A revision's stored fingerprint and the predecessor's it records."""

    id: int
    previous_id: int | None
    fingerprint: str
    previous_fingerprint: str


@dataclass(frozen=True)
class EventProblem:
    """A revision whose fingerprint events do not prove its fingerprints."""

    revision_id: int
    problem: str

    def explain(self) -> str:
        return self.problem


def event_problems(
    revisions: Iterable[RevisionRecord], events: Iterable[EventRow]
) -> list[EventProblem]:
    """Every revision whose events break their chain (an event changed, removed or
    inserted), whose latest event is not its stored fingerprint (a fingerprint written
    outside the services), or whose recorded predecessor's fingerprint is none its
    predecessor ever had, by its events."""
    by_revision: dict[int, list[EventRow]] = {}
    for event in sorted(events, key=lambda e: e.id):
        by_revision.setdefault(event.revision_id, []).append(event)
    found = []
    for revision in sorted(revisions, key=lambda r: r.id):
        own = by_revision.get(revision.id, [])
        expected = ""
        for event in own:
            if event.previous_hash != expected:
                found.append(
                    EventProblem(revision.id, f"its fingerprint event {event.id} breaks the chain")
                )
            computed = event_hash(
                revision_id=event.revision_id,
                fingerprint=event.fingerprint,
                previous_fingerprint=event.previous_fingerprint,
                previous_hash=event.previous_hash,
                recorded_at=event.recorded_at,
            )
            if computed != event.hash:
                found.append(
                    EventProblem(revision.id, f"its fingerprint event {event.id} has a wrong hash")
                )
            expected = event.hash
        if not own:
            found.append(EventProblem(revision.id, "it has no fingerprint event"))
        elif (own[-1].fingerprint, own[-1].previous_fingerprint) != (
            revision.fingerprint,
            revision.previous_fingerprint,
        ):
            found.append(
                EventProblem(
                    revision.id,
                    f"fingerprint {short(revision.fingerprint) or '(none)'} but its latest "
                    f"fingerprint event holds {short(own[-1].fingerprint)}",
                )
            )
        if revision.previous_id is None:
            if revision.previous_fingerprint:
                problem = "it records a previous fingerprint but continues none"
                found.append(EventProblem(revision.id, problem))
        elif revision.previous_fingerprint not in {
            e.fingerprint for e in by_revision.get(revision.previous_id, [])
        }:
            recorded = short(revision.previous_fingerprint) or "(none)"
            found.append(
                EventProblem(
                    revision.id,
                    f"the previous fingerprint it records, {recorded}, is none the revision it "
                    "continues ever had",
                )
            )
    return found


@dataclass(frozen=True)
class Mismatch:
    """A revision whose stored fingerprint is not what its content gives."""

    revision_id: int
    stored: str
    from_rows: str | None
    from_history: str | None

    def explain(self) -> str:
        problems = []
        if self.from_rows != self.stored:
            problems.append(f"its stored rows give {short(self.from_rows or '') or 'nothing'}")
        if self.from_history != self.stored:
            problems.append(
                f"its history gives {short(self.from_history or '') or 'nothing (no history)'}"
            )
        return f"fingerprint {short(self.stored) or '(none)'} but " + " and ".join(problems)


def mismatches(
    stored: Mapping[int, str],
    from_rows: Mapping[int, str],
    from_history: Mapping[int, str],
) -> list[Mismatch]:
    """Every revision whose stored fingerprint differs from either recomputation."""
    return [
        Mismatch(pk, value, from_rows.get(pk), from_history.get(pk))
        for pk, value in sorted(stored.items())
        if from_rows.get(pk) != value or from_history.get(pk) != value
    ]


@dataclass(frozen=True)
class SourceMismatch:
    """A source whose text is not the one its SHA-256 was recorded for."""

    source_id: int
    title: str
    stored: str
    from_text: str
    from_history: str | None

    def explain(self) -> str:
        problems = []
        if self.from_text != self.stored:
            problems.append(f"its text gives {short(self.from_text) or 'nothing (no text)'}")
        if self.from_history != self.stored:
            problems.append(
                f"its history gives {short(self.from_history or '') or 'nothing (no history)'}"
            )
        return (
            f"source {self.source_id} ({self.title}): SHA-256 {short(self.stored) or '(none)'} "
            "but " + " and ".join(problems)
        )


def source_mismatches(
    rows: Iterable[tuple[int, str, str, str]], from_history: Mapping[int, str]
) -> list[SourceMismatch]:
    """Every source (``rows`` of id, title, text, stored SHA-256) whose text's SHA-256,
    recomputed, or the SHA-256 its latest history row holds, differs from the stored one:
    a text edited behind the app's back, or edited with a forged SHA-256."""
    found = []
    for pk, title, text, stored in rows:
        from_text = text_sha256(text)
        if from_text != stored or from_history.get(pk) != stored:
            found.append(SourceMismatch(pk, title, stored, from_text, from_history.get(pk)))
    return found
