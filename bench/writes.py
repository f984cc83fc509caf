"""The writes' naive peers and floors: a position edited, a clause reworded, a pasted draft
recorded.

The naive peer writes row by row (a ``save()`` per record, each writing its history row)
and then refreshes every fingerprint of the plan, revision by revision, in number order.
The floor is the bare UPDATE or INSERT and its history row: no check, no fingerprint.
"""

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from bench.fields import POSITION_COPIED
from clauses.fields import POSITION
from clauses.fingerprints import fingerprint
from clauses.models import Clause, ClauseVersion, Position, Revision
from clauses.selectors.fingerprints import revision_contents_and_deletions
from clauses.vocabularies import ClauseStatus
from generator.plans import write_history

# What every variant appends to the edited text: the edit the cases time.
EDIT_MARK = " (amended)"


def _tracked(record, *, user, summary: str):
    record._history_user, record._change_reason = user, summary
    return record


def refresh_plan(plan_id: int) -> int:
    """Every revision of the plan refreshed in number order, each read on its own (two
    queries a revision) and written when its fingerprint changed; returns how many were."""
    computed: dict[int, str] = {}
    written = 0
    revisions = Revision.objects.filter(plan_id=plan_id).order_by("number")
    for pk, previous_id, withdrawn, stored in revisions.values_list(
        "pk", "previous_id", "withdrawn", "fingerprint"
    ):
        contents, deletions = revision_contents_and_deletions([pk])
        computed[pk] = fingerprint(
            previous=computed.get(previous_id) if previous_id else None,
            clause_versions=contents.get(pk, []),
            deleted=deletions.get(pk, ()),
            withdrawn=withdrawn,
        )
        if computed[pk] != stored:
            Revision.objects.filter(pk=pk).update(fingerprint=computed[pk])
            written += 1
    return written


# A position's summary edited.


def naive_position_edit(*, position_id: int, user, summary: str) -> int:
    with transaction.atomic():
        position = Position.objects.select_related("clause_version").get(pk=position_id)
        position.summary += EDIT_MARK
        position.carried_over = False
        position.version += 1
        _tracked(position, user=user, summary=summary).save()
        return refresh_plan(position.clause_version.revision.plan_id)


def floor_position_edit(*, position_id: int, user, summary: str) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clauses_position SET summary = summary || %s, carried_over = %s, "
            "version = version + 1 WHERE id = %s",
            [EDIT_MARK, False, position_id],
        )
        write_history(
            Position.objects.filter(pk=position_id),
            when=timezone.now(),
            reason=summary,
            user_id=user.pk,
        )
    return position_id


# A clause version's wording edited.


def naive_wording_edit(*, clause_version_id: int, user, summary: str) -> int:
    with transaction.atomic():
        version = ClauseVersion.objects.select_related("revision").get(pk=clause_version_id)
        version.text += EDIT_MARK
        version.version += 1
        _tracked(version, user=user, summary=summary).save()
        return refresh_plan(version.revision.plan_id)


def floor_wording_edit(*, clause_version_id: int, user, summary: str) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clauses_clauseversion SET text = text || %s, version = version + 1 "
            "WHERE id = %s",
            [EDIT_MARK, clause_version_id],
        )
        write_history(
            ClauseVersion.objects.filter(pk=clause_version_id),
            when=timezone.now(),
            reason=summary,
            user_id=user.pk,
        )
    return clause_version_id


# A pasted draft recorded as the next revision: its points (``drafting.services``'s
# ``ConfirmedPoint``: a matched point keeps its clause, a new one becomes a clause).


def _next_revision(previous: Revision) -> Revision:
    number = Revision.objects.filter(plan_id=previous.plan_id).aggregate(Max("number"))[
        "number__max"
    ]
    return Revision(
        plan_id=previous.plan_id,
        number=number + 1,
        label=f"Revision {number + 1}",
        previous=previous,
        provenance=previous.provenance,
        branch=previous.branch,
    )


def _new_slug(index: int) -> str:
    return f"bench-pasted-{index + 1}"


def naive_paste_record(*, previous: Revision, points, user, summary: str) -> int:
    with transaction.atomic():
        revision = _tracked(_next_revision(previous), user=user, summary=summary)
        revision.save()
        earlier = {v.clause_id: v for v in previous.clause_versions.all()}
        for index, point in enumerate(points):
            clause_id = point.clause_id
            if clause_id is None:
                clause = Clause(
                    plan_id=previous.plan_id,
                    slug=_new_slug(index),
                    title=point.title,
                    topic=point.topic,
                )
                _tracked(clause, user=user, summary=summary).save()
                clause_id = clause.pk
            old = earlier.get(clause_id)
            version = ClauseVersion(
                revision=revision,
                clause_id=clause_id,
                number=point.number,
                position_in_draft=index + 1,
                text=point.text,
                status=old.status if old else ClauseStatus.OPEN,
            )
            _tracked(version, user=user, summary=summary).save()
            if old is None:
                continue
            for old_position in old.positions.all():
                position = Position(
                    clause_version=version,
                    party_id=old_position.party_id,
                    carried_over=True,
                    **{name: getattr(old_position, name) for name in POSITION_COPIED},
                )
                _tracked(position, user=user, summary=summary).save()
        refresh_plan(previous.plan_id)
        return revision.pk


_COPIED_COLUMNS = [POSITION.model_field(name).column for name in POSITION_COPIED]
_COPY_POSITIONS_INTO = f"""
INSERT INTO clauses_position (clause_version_id, party_id, {", ".join(_COPIED_COLUMNS)},
    carried_over, version)
SELECT new.id, p.party_id, {", ".join(f"p.{name}" for name in _COPIED_COLUMNS)}, %s, 1
FROM clauses_position p
JOIN clauses_clauseversion old ON old.id = p.clause_version_id
JOIN clauses_clauseversion new ON new.clause_id = old.clause_id AND new.revision_id = %s
WHERE old.revision_id = %s
"""


def floor_paste_record(*, previous: Revision, points, user, summary: str) -> int:
    with transaction.atomic():
        (revision,) = Revision.objects.bulk_create([_next_revision(previous)])
        new = {
            index: Clause(
                plan_id=previous.plan_id, slug=_new_slug(index), title=p.title, topic=p.topic
            )
            for index, p in enumerate(points)
            if p.clause_id is None
        }
        Clause.objects.bulk_create(new.values())
        statuses = dict(previous.clause_versions.values_list("clause_id", "status"))
        ClauseVersion.objects.bulk_create(
            ClauseVersion(
                revision=revision,
                clause_id=point.clause_id or new[index].pk,
                number=point.number,
                position_in_draft=index + 1,
                text=point.text,
                status=statuses.get(point.clause_id, ClauseStatus.OPEN),
            )
            for index, point in enumerate(points)
        )
        with connection.cursor() as cursor:
            cursor.execute(_COPY_POSITIONS_INTO, [True, revision.pk, previous.pk])
        when = timezone.now()
        tables = [
            Revision.objects.filter(pk=revision.pk),
            ClauseVersion.objects.filter(revision_id=revision.pk),
            Position.objects.filter(clause_version__revision_id=revision.pk),
        ]
        if new:
            tables.append(Clause.objects.filter(pk__in=[c.pk for c in new.values()]))
        for rows in tables:
            write_history(rows, when=when, reason=summary, user_id=user.pk)
    return revision.pk
