"""Corrections that re-cut the clauses of a revision: re-link a clause version to another
clause, split one clause of the revision continued into several, merge several into one.

Each runs in one transaction: it validates (every refusal names the field, and nothing is
written), writes its rows through tracked saves (history with the editor and the summary),
records the correction as an event (``record_correction``) and recomputes the fingerprints.

Choices worth knowing:

- A split's or a merge's predecessors are clauses of the revision ``rN`` continues; its
  successors are clause versions of ``rN``. A successor is either a clause new in ``rN``
  or a predecessor itself continuing (point 5 split into 5 and 5a: clause 5 lives on).
  A continuing clause gets no lineage row (a strand from a clause to itself says
  nothing); the diff still lists it among the successors, since it is in both revisions.
- A predecessor that keeps a version in ``rN`` always continues: in a split it counts
  among the successors; in a merge it must be the clause merged into (a clause merged
  away cannot also stay).
- A clause takes part in one split or merge per revision.
- Positions: a split copies a predecessor's positions to the new successors only for the
  parties the editor names, marked carried over; a merge copies none (the parties'
  positions on the parts may differ: record the merged clause's anew).
- Re-linking a version whose clause ends or starts a strand is refused: the strand would
  then name the wrong clause.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Max

from clauses.fields import POSITION
from clauses.models import Clause, ClauseLineage, ClauseVersion, Position, Revision
from clauses.selectors.corrections import new_clause_slugs_taken
from clauses.selectors.lineage import (
    clause_has_strands_around,
    clause_ids_in,
    clauses_in_lineage,
)
from clauses.services.correction_events import correcting, record_correction
from clauses.services.fingerprints import fingerprints_refresh
from clauses.vocabularies import ClauseStatus, CorrectionKind, LineageKind
from core.saving import bulk_create_tracked, save_new, unique_slug
from core.tracking import apply_edit, require_summary

RELINK_TARGET_REQUIRED = (
    "Choose the clause this point belongs to, or give the title of a new clause to make from it."
)
RELINK_TARGET_TWICE = "Choose a clause or give a new title, not both."
RELINK_SAME_CLAUSE = "This point is already recorded against “{clause}”: choose another clause."
OTHER_PLAN = "“{clause}” is a clause of another plan: choose one of this plan's clauses."
TARGET_HAS_VERSION = (
    "“{clause}” already has a version in revision {revision} (point {number}): a clause "
    "appears once in a revision. Re-link or correct that point first, or make a new clause."
)
RELINK_IN_LINEAGE = (
    "“{clause}” is split or merged in revision {revision} or the next one: re-linking this "
    "point would cut that lineage. Record the correction on a revision without lineage."
)
NO_PREVIOUS = (
    "Revision {revision} continues no earlier revision: a split or a merge re-cuts the "
    "clauses of the revision continued, and this one has none."
)
NOT_IN_PREVIOUS = (
    "“{clause}” is not a clause of revision {previous}, which revision {revision} continues: "
    "choose a clause of revision {previous}."
)
NOT_IN_REVISION = (
    "Point {number} is not a clause version of revision {revision}: choose the points of "
    "revision {revision}."
)
SUCCESSOR_CONTINUES_ANOTHER = (
    "Point {number} (“{clause}”) continues a clause of revision {previous}: a successor "
    "is a clause new in revision {revision}, or the clause split or merged itself."
)
SPLIT_NEEDS_TWO = (
    "A split needs two successors at least (the clause itself, if it continues, counts): "
    "choose more points or add new ones."
)
MERGE_NEEDS_TWO = "A merge needs two clauses of revision {previous} at least: choose another."
MERGE_TARGET_REQUIRED = (
    "Choose the point of revision {revision} the clauses merge into, or describe a new one."
)
MERGE_TARGET_TWICE = "Choose a point or describe a new one, not both."
MERGED_AWAY_STILL_HERE = (
    "“{clause}” still has a version in revision {revision} (point {number}): a clause "
    "merged into another cannot stay too. Merge into it instead, or correct that point."
)
ALREADY_IN_LINEAGE = (
    "“{clause}” is already split or merged in revision {revision}: a clause takes part in "
    "one split or merge per revision."
)
NEW_SUCCESSOR_INCOMPLETE = "Give each new point a number, a title and its text."


@dataclass(frozen=True)
class NewClausePoint:
    """A point to add to the revision as a new clause (a successor made on the spot)."""

    number: str
    title: str
    text: str
    status: str = ClauseStatus.OPEN


def _check_plan(clauses: Sequence[Clause], revision: Revision, field: str) -> None:
    for clause in clauses:
        if clause.plan_id != revision.plan_id:
            raise ValidationError({field: OTHER_PLAN.format(clause=clause.title)})


def _previous_of(revision: Revision) -> Revision:
    previous = revision.previous
    if previous is None:
        raise ValidationError({"revision": NO_PREVIOUS.format(revision=revision.number)})
    return previous


def _clause_refs(clauses: Sequence[Clause]) -> list[dict]:
    return [{"clause": clause.slug, "title": clause.title} for clause in clauses]


def _new_clause(plan, title: str, *, topic: str, slugs: set[str], user, summary: str) -> Clause:
    """A new clause of ``plan`` titled ``title``, its slug unique among ``slugs`` (which
    then holds it too)."""
    return save_new(
        Clause(
            plan=plan,
            slug=unique_slug(title, slugs, fallback="clause"),
            title=title,
            topic=topic,
        ),
        user=user,
        summary=summary,
    )


# Re-link.


def clause_version_relink(
    *,
    clause_version: ClauseVersion,
    expected_version: int,
    user,
    summary: str,
    clause: Clause | None = None,
    new_title: str = "",
) -> ClauseVersion:
    """Record ``clause_version`` (a point of its revision, with its positions) against
    ``clause``, or against a new clause titled ``new_title`` made from it (same topic).

    Refused when the target clause already has a version in the revision. Raises
    EditConflict when the version changed since ``expected_version``.
    """
    require_summary(summary)
    new_title = (new_title or "").strip()
    if clause is None and not new_title:
        raise ValidationError({"clause": RELINK_TARGET_REQUIRED})
    if clause is not None and new_title:
        raise ValidationError({"clause": RELINK_TARGET_TWICE})
    revision = clause_version.revision
    before = clause_version.clause
    if clause is not None:
        _check_plan([clause], revision, "clause")
        if clause.pk == before.pk:
            raise ValidationError({"clause": RELINK_SAME_CLAUSE.format(clause=clause.title)})
    with correcting(clause_version, expected_version) as current:
        if clause_has_strands_around(clause_version=current):
            raise ValidationError(
                {
                    "clause_version": RELINK_IN_LINEAGE.format(
                        clause=before.title, revision=revision.number
                    )
                }
            )
        if clause is not None:
            taken = clause_ids_in(revision).get(clause.pk)
            if taken is not None:
                raise ValidationError(
                    {
                        "clause": TARGET_HAS_VERSION.format(
                            clause=clause.title, revision=revision.number, number=taken.number
                        )
                    }
                )
            target = clause
        else:
            slugs = new_clause_slugs_taken(revision.plan)
            target = _new_clause(
                revision.plan,
                new_title,
                topic=before.topic,
                slugs=slugs,
                user=user,
                summary=summary,
            )
        saved = apply_edit(
            current,
            changes={"clause": target},
            user=user,
            summary=summary,
        )
        # The positions point at the clause version: they move with it, unchanged.
        record_correction(
            plan=revision.plan,
            kind=CorrectionKind.RELINK,
            summary=summary,
            user=user,
            revision=revision,
            clause=target,
            before={"clause": before.slug, "title": before.title, "number": saved.number},
            after={
                "clause": target.slug,
                "title": target.title,
                "number": saved.number,
                "new_clause": clause is None,
            },
        )
        fingerprints_refresh(revision_ids=[revision.pk])
    return saved


# Split and merge.


def _new_points(
    revision: Revision, points: Sequence[NewClausePoint], *, topic: str, user, summary: str
) -> list[ClauseVersion]:
    """Add ``points`` at the end of the draft as new clauses (filed under ``topic``)."""
    if not points:
        return []
    if any(not (p.number.strip() and p.title.strip() and p.text.strip()) for p in points):
        raise ValidationError({"new_successors": NEW_SUCCESSOR_INCOMPLETE})
    slugs = new_clause_slugs_taken(revision.plan)
    last = revision.clause_versions.aggregate(last=Max("position_in_draft"))["last"] or 0
    created = []
    for offset, point in enumerate(points, start=1):
        clause = _new_clause(
            revision.plan, point.title.strip(), topic=topic, slugs=slugs, user=user, summary=summary
        )
        try:
            version = save_new(
                ClauseVersion(
                    revision=revision,
                    clause=clause,
                    number=point.number.strip(),
                    position_in_draft=last + offset,
                    text=point.text,
                    status=point.status,
                ),
                user=user,
                summary=summary,
            )
        except ValidationError as error:
            messages = [m for ms in getattr(error, "message_dict", {}).values() for m in ms]
            raise ValidationError({"new_successors": messages or error.messages}) from None
        created.append(version)
    return created


def _check_successors(
    versions: Sequence[ClauseVersion],
    *,
    revision: Revision,
    previous: Revision,
    previous_clauses: Collection[int],
    predecessors: Collection[int],
    field: str,
) -> None:
    for version in versions:
        if version.revision_id != revision.pk:
            raise ValidationError(
                {field: NOT_IN_REVISION.format(number=version.number, revision=revision.number)}
            )
        if version.clause_id in previous_clauses and version.clause_id not in predecessors:
            raise ValidationError(
                {
                    field: SUCCESSOR_CONTINUES_ANOTHER.format(
                        number=version.number,
                        clause=version.clause.title,
                        previous=previous.number,
                        revision=revision.number,
                    )
                }
            )


def _check_in_previous(
    clauses: Sequence[Clause],
    *,
    revision: Revision,
    previous: Revision,
    previous_clauses: Collection[int],
    field: str,
) -> None:
    for clause in clauses:
        if clause.pk not in previous_clauses:
            raise ValidationError(
                {
                    field: NOT_IN_PREVIOUS.format(
                        clause=clause.title, previous=previous.number, revision=revision.number
                    )
                }
            )


def _check_not_in_lineage(revision: Revision, clauses: Sequence[Clause], field: str) -> None:
    taken = clauses_in_lineage(revision=revision, clause_ids=[c.pk for c in clauses])
    for clause in clauses:
        if clause.pk in taken:
            raise ValidationError(
                {field: ALREADY_IN_LINEAGE.format(clause=clause.title, revision=revision.number)}
            )


def _record_strands(
    revision: Revision,
    kind: str,
    pairs: Sequence[tuple[Clause, int]],
    *,
    user,
    summary: str,
) -> None:
    """The lineage rows of a split or a merge: each (predecessor, successor's clause id)."""
    bulk_create_tracked(
        ClauseLineage,
        [
            ClauseLineage(
                revision=revision, predecessor=predecessor, successor_id=successor_id, kind=kind
            )
            for predecessor, successor_id in pairs
        ],
        user=user,
        summary=summary,
    )


def _copy_positions(
    source: ClauseVersion | None,
    targets: Sequence[ClauseVersion],
    party_ids: Collection[int],
    *,
    user,
    summary: str,
) -> list[str]:
    """Copy the positions of ``party_ids`` on ``source`` to each target lacking one, marked
    carried over; returns the slugs of the parties copied."""
    if source is None or not party_ids or not targets:
        return []
    held = {
        (clause_version_id, party_id)
        for clause_version_id, party_id in Position.objects.filter(
            clause_version__in=targets
        ).values_list("clause_version_id", "party_id")
    }
    copies, copied = [], set()
    for position in source.positions.filter(party_id__in=party_ids).select_related("party"):
        for target in targets:
            if (target.pk, position.party_id) in held:
                continue
            # Every declared field of the position (clauses/fields.py), carried over.
            values = {
                attname: getattr(position, attname)
                for attname in (POSITION.model_field(name).attname for name in POSITION.names)
            }
            copies.append(
                Position(
                    clause_version=target,
                    party_id=position.party_id,
                    **{**values, "carried_over": True},
                )
            )
            copied.add(position.party.slug)
    bulk_create_tracked(Position, copies, user=user, summary=summary)
    return sorted(copied)


def clause_split(
    *,
    revision: Revision,
    expected_version: int,
    predecessor: Clause,
    successors: Sequence[ClauseVersion] = (),
    new_successors: Sequence[NewClausePoint] = (),
    copy_positions_of: Collection[int] = (),
    user,
    summary: str,
) -> list[ClauseVersion]:
    """In ``revision``, ``predecessor`` (a clause of the revision it continues) becomes the
    clause versions ``successors`` of the revision and the ``new_successors`` made here.

    The positions of the parties whose ids are in ``copy_positions_of`` are copied from the
    predecessor to each new successor, marked carried over. Returns the successors in
    draft order, the predecessor itself first when it continues.
    """
    require_summary(summary)
    previous = _previous_of(revision)
    _check_plan([predecessor], revision, "predecessor")
    with correcting(revision, expected_version) as revision:
        in_previous = clause_ids_in(previous)
        in_revision = clause_ids_in(revision)
        _check_in_previous(
            [predecessor],
            revision=revision,
            previous=previous,
            previous_clauses=in_previous,
            field="predecessor",
        )
        _check_successors(
            successors,
            revision=revision,
            previous=previous,
            previous_clauses=in_previous,
            predecessors={predecessor.pk},
            field="successors",
        )
        continuing = in_revision.get(predecessor.pk)
        chosen = {v.pk: v for v in successors if v.clause_id != predecessor.pk}
        if len(chosen) + len(new_successors) + (continuing is not None) < 2:
            raise ValidationError({"successors": SPLIT_NEEDS_TWO})
        _check_not_in_lineage(revision, [predecessor], "predecessor")
        _check_not_in_lineage(revision, [v.clause for v in chosen.values()], "successors")
        created = _new_points(
            revision, new_successors, topic=predecessor.topic, user=user, summary=summary
        )
        new = [*chosen.values(), *created]
        _record_strands(
            revision,
            LineageKind.SPLIT,
            [(predecessor, version.clause_id) for version in new],
            user=user,
            summary=summary,
        )
        copied = _copy_positions(
            in_previous[predecessor.pk], new, copy_positions_of, user=user, summary=summary
        )
        ordered = sorted(new, key=lambda v: (v.position_in_draft, v.pk))
        if continuing is not None:
            ordered.insert(0, continuing)
        record_correction(
            plan=revision.plan,
            kind=CorrectionKind.SPLIT,
            summary=summary,
            user=user,
            revision=revision,
            clause=predecessor,
            before={"clause": predecessor.slug, "revision": previous.number},
            after={
                "successors": _clause_refs([v.clause for v in ordered]),
                "positions_copied": copied,
            },
        )
        fingerprints_refresh(revision_ids=[revision.pk])
    return ordered


def clause_merge(
    *,
    revision: Revision,
    expected_version: int,
    predecessors: Sequence[Clause],
    successor: ClauseVersion | None = None,
    new_successor: NewClausePoint | None = None,
    user,
    summary: str,
) -> ClauseVersion:
    """In ``revision``, the ``predecessors`` (clauses of the revision it continues) become
    one clause version: ``successor`` (a point of the revision) or ``new_successor`` made
    here. Returns the successor."""
    require_summary(summary)
    previous = _previous_of(revision)
    distinct = list({clause.pk: clause for clause in predecessors}.values())
    _check_plan(distinct, revision, "predecessors")
    if len(distinct) < 2:
        raise ValidationError({"predecessors": MERGE_NEEDS_TWO.format(previous=previous.number)})
    if (successor is None) == (new_successor is None):
        message = MERGE_TARGET_TWICE if successor is not None else MERGE_TARGET_REQUIRED
        raise ValidationError({"successor": message.format(revision=revision.number)})
    with correcting(revision, expected_version) as revision:
        in_previous = clause_ids_in(previous)
        in_revision = clause_ids_in(revision)
        _check_in_previous(
            distinct,
            revision=revision,
            previous=previous,
            previous_clauses=in_previous,
            field="predecessors",
        )
        if successor is not None:
            _check_successors(
                [successor],
                revision=revision,
                previous=previous,
                previous_clauses=in_previous,
                predecessors={c.pk for c in distinct},
                field="successor",
            )
        target_clause_id = successor.clause_id if successor is not None else None
        for clause in distinct:
            staying = in_revision.get(clause.pk)
            if staying is not None and clause.pk != target_clause_id:
                raise ValidationError(
                    {
                        "predecessors": MERGED_AWAY_STILL_HERE.format(
                            clause=clause.title, revision=revision.number, number=staying.number
                        )
                    }
                )
        _check_not_in_lineage(revision, distinct, "predecessors")
        if successor is not None and successor.clause_id not in {c.pk for c in distinct}:
            _check_not_in_lineage(revision, [successor.clause], "successor")
        if successor is None:
            if new_successor is None:  # refused above; kept for the type checker
                raise ValidationError(
                    {"successor": MERGE_TARGET_REQUIRED.format(revision=revision.number)}
                )
            try:
                (successor,) = _new_points(
                    revision, [new_successor], topic=distinct[0].topic, user=user, summary=summary
                )
            except ValidationError as error:
                raise ValidationError({"new_successor": error.messages}) from None
        _record_strands(
            revision,
            LineageKind.MERGE,
            [
                (clause, successor.clause_id)
                for clause in distinct
                if clause.pk != successor.clause_id
            ],
            user=user,
            summary=summary,
        )
        record_correction(
            plan=revision.plan,
            kind=CorrectionKind.MERGE,
            summary=summary,
            user=user,
            revision=revision,
            clause=successor.clause,
            before={"predecessors": _clause_refs(distinct), "revision": previous.number},
            after={"clause": successor.clause.slug, "number": successor.number},
        )
        fingerprints_refresh(revision_ids=[revision.pk])
    return successor
