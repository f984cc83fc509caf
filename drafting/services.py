"""Record a revision from a pasted draft once the editor has confirmed the alignment.

The parser and the aligner (``drafting``) only propose; this writes what the
editor confirmed: each point either keeps a clause of the plan or becomes a new clause.
"""

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.selectors.corrections import new_clause_slugs_taken
from clauses.services.fingerprints import fingerprints_refresh
from clauses.services.revisions import copy_positions, revision_create
from clauses.vocabularies import ClauseStatus, Coverage, Topic
from core import text_limits
from core.saving import bulk_create_tracked, unique_slug
from core.tracking import require_summary
from drafting.align import Alignment, ClauseCandidate, align_draft
from drafting.parse import ParsedDraft, parse_draft
from drafting.topics import guess_topic

PASTE_EMPTY = "The draft has no points to record."
POINT_WITHOUT_TEXT = "Point {number} has no text: write it under its number, or leave it out."
POINT_TOO_LONG = (
    "Point {number} holds {length} characters; a clause holds at most {limit}. Is it several "
    "points run together? Split it under their numbers."
)
CLAUSE_TWICE = (
    "Points {numbers} are all matched to the clause {title!r}: a clause appears once in a "
    "revision. Mark all but one as a new clause, or pick another clause."
)
CLAUSE_NOT_IN_PLAN = "Point {number} is matched to a clause that is not part of this plan."
NEW_CLAUSE_TITLE = "Point {number} is a new clause: give it a title."
NEW_CLAUSE_TOPIC = "Point {number} is a new clause: choose its topic."
NUMBER_TWICE = (
    "{count} points are numbered “{number}”: a number appears once in a revision. "
    'Renumber all but one (e.g. "{number}a").'
)

TITLE_WORDS = 8
TITLE_LENGTH = 80
_SENTENCE_END = re.compile(r"(?<=[a-z0-9\)])[.;:!?](\s|$)")


@dataclass(frozen=True)
class ConfirmedPoint:
    """One point of the draft as the editor confirmed it.

    ``clause_id`` is the clause it keeps, or None for a new clause; a new clause takes
    ``title`` and ``topic``.
    """

    number: str
    text: str
    clause_id: int | None = None
    title: str = ""
    topic: str = ""


def clause_title_from_text(text: str) -> str:
    """A working title for a new clause: the first words of its first sentence.

    "Ukraine's sovereignty will be confirmed. ..." gives "Ukraine's sovereignty will be
    confirmed"; the editor can change it before confirming.
    """
    first = text.strip().split("\n", 1)[0]
    end = _SENTENCE_END.search(first)
    if end:
        first = first[: end.start() + 1].rstrip(".;:!?")
    words = first.split()
    title = " ".join(words[:TITLE_WORDS])
    if len(words) > TITLE_WORDS:
        title = title.rstrip(",;:") + "…"
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1].rstrip() + "…"
    return title[:1].upper() + title[1:]


def clause_candidates(revision: Revision | None) -> list[ClauseCandidate]:
    """The clauses of ``revision`` as the aligner wants them, in draft order (one query)."""
    if revision is None:
        return []
    versions = revision.clause_versions.select_related("clause").order_by("position_in_draft")
    return [ClauseCandidate(v.clause_id, v.number, v.clause.title, v.text) for v in versions]


@dataclass(frozen=True)
class DraftProposal:
    """A pasted draft split into points, and the clause proposed for each point."""

    parsed: ParsedDraft
    alignment: Alignment
    clauses: list[ClauseCandidate]  # the clauses of the revision it continues


def parsed_fingerprint(parsed: ParsedDraft) -> str:
    """SHA-256 (hex) of the points a text was split into, their numbers and words: the
    same for the same points, so a confirmation names the very points that were aligned."""
    joined = "\x1e".join(f"{p.number}\x1f{p.text}" for p in parsed.points)
    return hashlib.sha256(joined.encode()).hexdigest()


def proposed_points(proposal: "DraftProposal", topics: dict[int, str]) -> list[ConfirmedPoint]:
    """The proposal as it would be confirmed unchanged: a matched point keeps its clause;
    a new one takes a title from its first words and a guessed topic (``topics`` gives
    each clause's topic, for the closest clause's)."""
    points = []
    for point, match in zip(proposal.parsed.points, proposal.alignment.matches, strict=True):
        if match.clause_id is not None:
            points.append(ConfirmedPoint(point.number, point.text, clause_id=match.clause_id))
            continue
        points.append(
            ConfirmedPoint(
                point.number,
                point.text,
                title=clause_title_from_text(point.text),
                topic=new_point_topic(point.text, match, topics),
            )
        )
    return points


def new_point_topic(text: str, match, topics: dict[int, str]) -> str:
    """The guessed topic of a point that becomes a new clause."""
    closest = next((topics[c] for c, _ in match.candidates if c in topics), "")
    return guess_topic(text, closest=closest)


def draft_align(*, text: str, previous: Revision | None) -> DraftProposal:
    """Split ``text`` and match its points to the clauses of ``previous``; writes nothing.

    Raises ``drafting.parse.DraftParseError`` when the text holds no points or is
    too large. Deterministic: the same text against the same revision proposes the same.
    """
    parsed = parse_draft(text)
    clauses = clause_candidates(previous)
    return DraftProposal(parsed, align_draft(parsed.points, clauses), clauses)


def revision_from_paste(
    *,
    plan: Plan,
    previous: Revision | None,
    points: Sequence[ConfirmedPoint],
    user,
    summary: str,
    label: str = "",
    expected_number: int | None = None,
    branch: bool = False,
    coverage: str = Coverage.FULL_TEXT,
    **fields,
) -> Revision:
    """The next revision of ``plan``, continuing ``previous``, holding the confirmed points.

    A point matched to a clause keeps that clause (its identity, its history) and, when the
    clause was in ``previous``, its status and every party's position there, carried over.
    A new point becomes a new clause with a slug made from its title. Clauses of
    ``previous`` no point kept are absent from the new revision: removed when ``coverage``
    is full text, only not described when it is partial (drafting/coverage.py says how the
    pages and the API choose it). All or nothing: a refused point writes nothing.
    """
    require_summary(summary)
    points = list(points)
    with transaction.atomic():
        kept = _validate(plan, points)
        revision = revision_create(
            plan=plan,
            user=user,
            summary=summary,
            label=label,
            previous=previous,
            expected_number=expected_number,
            branch=branch,
            coverage=coverage,
            **fields,
        )
        new_clauses = _create_new_clauses(plan, points, user=user, summary=summary)
        earlier = _earlier_versions(previous, kept)
        versions = bulk_create_tracked(
            ClauseVersion,
            [
                ClauseVersion(
                    revision=revision,
                    clause_id=point.clause_id or new_clauses[index].pk,
                    number=point.number,
                    position_in_draft=index + 1,
                    text=point.text,
                    status=(
                        earlier.get(point.clause_id, ClauseStatus.OPEN)
                        if point.clause_id is not None
                        else ClauseStatus.OPEN
                    ),
                )
                for index, point in enumerate(points)
            ],
            user=user,
            summary=summary,
        )
        if previous is not None and kept:
            copy_positions(
                positions=Position.objects.filter(clause_version__revision=previous),
                into={v.clause_id: v for v in versions if v.clause_id in kept},
                user=user,
                summary=summary,
            )
        fingerprints_refresh(revision_ids=[revision.pk])
    return revision


def _validate(plan: Plan, points: list[ConfirmedPoint]) -> set[int]:
    """Every problem of the confirmed points at once; returns the ids of the kept clauses."""
    if not points:
        raise ValidationError({"points": PASTE_EMPTY})
    errors = []
    matched: dict[int, list[str]] = {}
    for point in points:
        if not point.text.strip():
            errors.append(POINT_WITHOUT_TEXT.format(number=point.number))
        if len(point.text) > text_limits.CLAUSE_TEXT:
            errors.append(
                POINT_TOO_LONG.format(
                    number=point.number, length=len(point.text), limit=text_limits.CLAUSE_TEXT
                )
            )
        if point.clause_id is not None:
            matched.setdefault(point.clause_id, []).append(point.number)
        else:
            if not point.title.strip():
                errors.append(NEW_CLAUSE_TITLE.format(number=point.number))
            if point.topic not in Topic.values:
                errors.append(NEW_CLAUSE_TOPIC.format(number=point.number))
    numbers: dict[str, int] = {}
    for point in points:
        numbers[point.number] = numbers.get(point.number, 0) + 1
    errors.extend(
        NUMBER_TWICE.format(count=count, number=number)
        for number, count in numbers.items()
        if count > 1
    )
    titles = dict(plan.clauses.filter(pk__in=matched).values_list("pk", "title"))
    for clause_id, point_numbers in matched.items():
        if clause_id not in titles:
            errors.extend(CLAUSE_NOT_IN_PLAN.format(number=n) for n in point_numbers)
        elif len(point_numbers) > 1:
            errors.append(
                CLAUSE_TWICE.format(numbers=", ".join(point_numbers), title=titles[clause_id])
            )
    if errors:
        raise ValidationError({"points": errors})
    return set(matched)


def _create_new_clauses(plan, points, *, user, summary) -> dict[int, Clause]:
    """The new clauses, in bulk, by the index of their point."""
    taken = new_clause_slugs_taken(plan)
    new = {
        index: Clause(
            plan=plan,
            slug=unique_slug(point.title, taken, fallback="clause"),
            title=point.title.strip()[: Clause._meta.get_field("title").max_length],
            topic=point.topic,
        )
        for index, point in enumerate(points)
        if point.clause_id is None
    }
    created = bulk_create_tracked(Clause, list(new.values()), user=user, summary=summary)
    return dict(zip(new, created, strict=True))


def _earlier_versions(previous: Revision | None, kept: set[int]) -> dict[int, str]:
    """The status of each kept clause in the revision this one continues."""
    if previous is None or not kept:
        return {}
    return dict(
        previous.clause_versions.filter(clause_id__in=kept).values_list("clause_id", "status")
    )
