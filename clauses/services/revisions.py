"""Writes that make plans and revisions: a new plan, a new (empty) revision, a clone."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from ..choices import RevisionStatus
from ..models import PREVIOUS_OTHER_PLAN, ClauseVersion, Plan, Position, Revision
from ..versioning import save_edit
from ._common import bulk_create_tracked, only_editable, require_summary, save_new, unique_slug

REVISION_EDITABLE = (
    "label",
    "published_on",
    "status",
    "provenance",
    "proposed_by",
    "previous",
    "source_title",
    "source_url",
    "notes",
)
PLAN_EDITABLE = ("title", "description")
DEFAULT_LABEL = "Revision {number}"
NUMBER_TAKEN = (
    "Revision {number} was recorded by someone else in the meantime (perhaps this same form, "
    "sent twice). Check the plan's revisions before recording this draft again."
)


def plan_create(*, title: str, description: str = "", user, summary: str, slug: str = "") -> Plan:
    """A new plan, its slug made from the title (or given) and unique."""
    require_summary(summary)
    with transaction.atomic():
        taken = set(Plan.objects.values_list("slug", flat=True))
        if slug and slug in taken:
            # Validation reports the clash on the slug field.
            plan = Plan(slug=slug, title=title, description=description)
        else:
            plan = Plan(
                slug=slug or unique_slug(title, taken, fallback="plan"),
                title=title,
                description=description,
            )
        return save_new(plan, user=user, summary=summary)


def plan_update(*, plan: Plan, expected_version: int, changes: dict, user, summary: str) -> Plan:
    only_editable(changes, PLAN_EDITABLE)
    return save_edit(
        plan, expected_version=expected_version, changes=changes, user=user, summary=summary
    )


def next_revision_number(plan: Plan) -> int:
    """The number the plan's next revision will take (as a form announces it)."""
    return (plan.revisions.aggregate(highest=Max("number"))["highest"] or 0) + 1


def _locked_next_number(plan_id: int) -> tuple[Plan, int]:
    """The plan, locked so that two editors recording a draft at once get distinct numbers."""
    plan = Plan.objects.select_for_update().get(pk=plan_id)
    return plan, next_revision_number(plan)


def revision_create(
    *,
    plan: Plan,
    user,
    summary: str,
    label: str = "",
    previous: Revision | None = None,
    expected_number: int | None = None,
    **fields,
) -> Revision:
    """A new revision with no clauses yet (built clause by clause, or filled from a paste).

    It takes the next number in the plan. ``fields`` are any of the editable revision fields.
    A form passes the number it announced as ``expected_number``, so that sending the form
    twice, or two editors recording at once, does not record the draft twice.
    """
    require_summary(summary)
    only_editable(fields, REVISION_EDITABLE)
    if previous is not None and previous.plan_id != plan.pk:
        raise ValidationError({"previous": PREVIOUS_OTHER_PLAN})
    with transaction.atomic():
        plan, number = _locked_next_number(plan.pk)
        if expected_number is not None and expected_number != number:
            raise ValidationError({"number": NUMBER_TAKEN.format(number=expected_number)})
        revision = Revision(
            plan=plan,
            number=number,
            label=label or DEFAULT_LABEL.format(number=number),
            previous=previous,
            **fields,
        )
        return save_new(revision, user=user, summary=summary)


def revision_clone(
    *,
    source: Revision,
    user,
    summary: str,
    label: str = "",
    previous: Revision | None = None,
    expected_number: int | None = None,
) -> Revision:
    """The next revision of the plan as a copy of ``source``, for the editor to change.

    It continues ``previous`` when given (a counter-proposal answering an earlier draft),
    else ``source``. Every clause version and position is copied; copied positions are
    marked carried over until an editor reconfirms them. One transaction; the copies are
    written in bulk, with their history rows, so the number of queries does not grow with
    the number of rows (beyond the database's own batching of large inserts).
    """
    require_summary(summary)
    with transaction.atomic():
        revision = revision_create(
            plan=source.plan,
            user=user,
            summary=summary,
            label=label,
            previous=previous or source,
            expected_number=expected_number,
            provenance=source.provenance,
            status=RevisionStatus.DRAFT,
        )
        copy_clause_versions(source=source, target=revision, user=user, summary=summary)
    return revision


def copy_clause_versions(
    *, source: Revision, target: Revision, user, summary: str, clause_ids=None
) -> dict[int, ClauseVersion]:
    """Copy ``source``'s clause versions (all, or those of ``clause_ids``) and positions.

    Returns the new clause versions by clause id. Positions come over marked carried over.
    """
    old_versions = source.clause_versions.all()
    positions = Position.objects.filter(clause_version__revision=source)
    if clause_ids is not None:
        old_versions = old_versions.filter(clause_id__in=clause_ids)
        positions = positions.filter(clause_version__clause_id__in=clause_ids)
    new_versions = bulk_create_tracked(
        ClauseVersion,
        [
            ClauseVersion(
                revision=target,
                clause_id=old.clause_id,
                number=old.number,
                position_in_draft=old.position_in_draft,
                text=old.text,
                status=old.status,
            )
            for old in old_versions
        ],
        user=user,
        summary=summary,
    )
    by_clause = {version.clause_id: version for version in new_versions}
    copy_positions(positions=positions, into=by_clause, user=user, summary=summary)
    return by_clause


# What a copied position takes over from the one it copies; carried_over is set anew.
POSITION_COPIED = ("stance", "summary", "quote", "source_title", "source_url", "stated_on")


def copy_positions(*, positions, into: dict[int, ClauseVersion], user, summary: str) -> None:
    """Copy ``positions`` onto the clause versions ``into`` (by clause id), carried over.

    Positions on a clause missing from ``into`` are left behind (one query to read them).
    """
    rows = positions.values_list("clause_version__clause_id", "party_id", *POSITION_COPIED)
    bulk_create_tracked(
        Position,
        [
            Position(
                clause_version=into[clause_id],
                party_id=party_id,
                carried_over=True,
                **dict(zip(POSITION_COPIED, values, strict=True)),
            )
            for clause_id, party_id, *values in rows
            if clause_id in into
        ],
        user=user,
        summary=summary,
    )


def revision_update(
    *, revision: Revision, expected_version: int, changes: dict, user, summary: str
) -> Revision:
    """Change a revision's label, date, status, provenance, source, author or predecessor."""
    only_editable(changes, REVISION_EDITABLE)
    return save_edit(
        revision, expected_version=expected_version, changes=changes, user=user, summary=summary
    )
