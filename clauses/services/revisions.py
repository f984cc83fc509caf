"""Writes that make plans and revisions: a new plan, a new (empty) revision, a clone.

What an edit may change of a plan or a revision, and what a clone copies, are the fields
clauses/fields.py declares."""

from typing import cast

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction

from clauses.fields import CLAUSE_VERSION, PLAN, POSITION, REVISION
from clauses.models import (
    PREVIOUS_OTHER_PLAN,
    ClauseVersion,
    Plan,
    Position,
    Revision,
    RevisionQuerySet,
)
from clauses.selectors import next_revision_number
from clauses.services.fingerprints import fingerprints_refresh
from clauses.vocabularies import Coverage, RevisionStatus
from core.saving import (
    Sql,
    bulk_create_tracked,
    insert_history_select,
    insert_select,
    only_editable,
    save_new,
    unique_slug,
)
from core.tracking import EditConflict, require_summary, save_edit

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
    only_editable(changes, PLAN.editable)
    return save_edit(
        plan, expected_version=expected_version, changes=changes, user=user, summary=summary
    )


def _insert_revision(
    *,
    plan: Plan,
    user,
    summary: str,
    label: str,
    previous: Revision | None,
    expected_number: int | None,
    branch: bool = False,
    **fields,
) -> Revision:
    """The next revision of ``plan``, which the caller has locked (in its transaction) so
    that two editors recording a draft at once get distinct numbers.

    It is a branch when the editor says so (a counter-proposal answering the current
    draft) or when it continues anything but the plan's current revision; a branch stays
    one, so the main line never jumps to a counter-proposal."""
    number = next_revision_number(plan)
    if expected_number is not None and expected_number != number:
        raise ValidationError({"number": NUMBER_TAKEN.format(number=expected_number)})
    current = Revision.objects.current_for(plan)
    revision = Revision(
        plan=plan,
        number=number,
        label=label or DEFAULT_LABEL.format(number=number),
        previous=previous,
        branch=branch
        or not RevisionQuerySet.continues_main_line(previous=previous, current=current),
        **fields,
    )
    return save_new(revision, user=user, summary=summary)


def revision_create(
    *,
    plan: Plan,
    user,
    summary: str,
    label: str = "",
    previous: Revision | None = None,
    expected_number: int | None = None,
    branch: bool = False,
    **fields,
) -> Revision:
    """A new revision with no clauses yet (built clause by clause, or filled from a paste).

    It takes the next number in the plan. ``fields`` are any of the editable revision fields;
    ``branch`` records it as a counter-proposal off the main line (see ``_insert_revision``).
    A form passes the number it announced as ``expected_number``, so that sending the form
    twice, or two editors recording at once, does not record the draft twice.
    """
    require_summary(summary)
    only_editable(fields, REVISION.editable)
    if previous is not None and previous.plan_id != plan.pk:
        raise ValidationError({"previous": PREVIOUS_OTHER_PLAN})
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        revision = _insert_revision(
            plan=plan,
            user=user,
            summary=summary,
            label=label,
            previous=previous,
            expected_number=expected_number,
            branch=branch,
            **fields,
        )
        fingerprints_refresh(revision_ids=[revision.pk])
    return revision


def revision_clone(
    *,
    source: Revision,
    user,
    summary: str,
    label: str = "",
    previous: Revision | None = None,
    expected_number: int | None = None,
    expected_source_version: int | None = None,
    branch: bool = False,
) -> Revision:
    """The next revision of the plan as a copy of ``source``, for the editor to change.

    ``source`` is locked until the copy is written, so nobody edits it halfway through;
    given ``expected_source_version`` (the version the editor or API client read), a
    source saved since is refused with ``EditConflict``: the copy is of what they saw.

    It continues ``previous`` when given (a counter-proposal answering an earlier draft),
    else ``source``; ``branch`` as for ``revision_create``. Every clause version and
    position is copied; copied positions are marked carried over until an editor reconfirms
    them. One transaction; the copies and their history rows are written by
    ``INSERT ... SELECT`` (see ``copy_clause_versions``), so the number of queries does not
    grow with the number of rows.
    """
    require_summary(summary)
    with transaction.atomic():
        # One query locks the source and its plan: the plan's lock numbers the revision.
        current = Revision.objects.select_for_update().select_related("plan").get(pk=source.pk)
        if expected_source_version is not None and current.version != expected_source_version:
            raise EditConflict(current, expected_source_version)
        if previous is not None and previous.plan_id != current.plan_id:
            raise ValidationError({"previous": PREVIOUS_OTHER_PLAN})
        revision = _insert_revision(
            plan=current.plan,
            user=user,
            summary=summary,
            label=label,
            previous=previous or source,
            expected_number=expected_number,
            provenance=source.provenance,
            status=RevisionStatus.DRAFT,
            branch=branch,
            # A clone is the editor's record of a whole new draft, whatever its source
            # described; an editor who has only a report of it marks it partial.
            coverage=Coverage.FULL_TEXT,
        )
        copy_clause_versions(source=source, target=revision, user=user, summary=summary)
        clone_positions(source=source, target=revision, user=user, summary=summary)
        fingerprints_refresh(revision_ids=[revision.pk])
    return revision


def copy_clause_versions(*, source: Revision, target: Revision, user, summary: str) -> None:
    """Copy every clause version of ``source`` into ``target``, with a history row each.

    Raw SQL here, because a large plan's revision holds hundreds of clause versions and
    thousands of positions: reading them into Python and writing them back with
    ``bulk_create_with_history`` costs model instances for every row and its history row,
    every value's round trip, and on SQLite a statement per 999 parameters (over 150
    queries for 500 clauses and 10 parties). ``INSERT ... SELECT`` copies inside the
    database: two statements here and two in ``clone_positions`` at any size, on SQLite
    and PostgreSQL alike (the clone case in bench/results.md).

    Run right after ``target`` is created, so that its clause versions are exactly the
    copies. The copies start at version 1, as a new row does.
    """
    quote_name = connection.ops.quote_name
    table = quote_name(ClauseVersion._meta.db_table)
    old = quote_name("old")
    values = {
        "version": ("%s", [1]),
        "revision_id": ("%s", [target.pk]),
        **{
            name: (f"{old}.{quote_name(_column(ClauseVersion, name))}", [])
            for name in CLAUSE_VERSION_COPIED
        },
    }
    insert_select(
        ClauseVersion,
        values,
        (
            f"FROM {table} {old} WHERE {old}.{quote_name('revision_id')} = %s "
            f"ORDER BY {old}.{quote_name('position_in_draft')}, {old}.{quote_name('id')}",
            [source.pk],
        ),
    )
    new = quote_name("new")
    insert_history_select(
        ClauseVersion,
        "new",
        (
            f"FROM {table} {new} WHERE {new}.{quote_name('revision_id')} = %s "
            f"ORDER BY {new}.{quote_name('id')}",
            [target.pk],
        ),
        user=user,
        summary=summary,
    )


def _attname(model: type[models.Model], name: str) -> str:
    """The attribute of ``model``'s field ``name`` that holds its column's value: the field's
    name, or ``<name>_id`` for a relation (a position's ``source``)."""
    return cast(models.Field, model._meta.get_field(name)).attname


def _column(model: type[models.Model], name: str) -> str:
    """The column of ``model``'s field ``name``, one of its own concrete fields (not the
    reverse side of a relation, which ``get_field`` may also return)."""
    return cast(models.Field, model._meta.get_field(name)).column


# What a cloned clause version takes over from the one it copies (columns as attnames):
# its clause and every declared field.
CLAUSE_VERSION_COPIED = ("clause_id", *CLAUSE_VERSION.names)


def clone_positions(*, source: Revision, target: Revision, user, summary: str) -> None:
    """Copy every position of ``source`` onto ``target``'s copy of its clause version.

    In SQL (see ``copy_clause_versions`` for why), after it: a position follows
    its clause, from the source's version to the target's, matched on (revision, clause)
    as the unique constraint (and its index) has them. Copies are marked carried over and
    start at version 1; each gets a history row with the editor and the summary.
    """
    quote_name = connection.ops.quote_name
    positions = quote_name(Position._meta.db_table)
    versions = quote_name(ClauseVersion._meta.db_table)
    old, old_cv, new_cv = quote_name("old"), quote_name("old_cv"), quote_name("new_cv")
    revision_id, clause_id, pk = (
        quote_name("revision_id"),
        quote_name("clause_id"),
        quote_name("id"),
    )
    values: dict[str, Sql] = {
        "version": ("%s", [1]),
        "clause_version_id": (f"{new_cv}.{pk}", []),
        "party_id": (f"{old}.{quote_name('party_id')}", []),
        "carried_over": ("%s", [True]),
        **{
            _attname(Position, name): (f"{old}.{quote_name(_column(Position, name))}", [])
            for name in POSITION_COPIED
        },
    }
    insert_select(
        Position,
        values,
        (
            f"FROM {positions} {old} "
            f"JOIN {versions} {old_cv} ON {old_cv}.{pk} = {old}.{quote_name('clause_version_id')} "
            f"JOIN {versions} {new_cv} "
            f"ON {new_cv}.{revision_id} = %s AND {new_cv}.{clause_id} = {old_cv}.{clause_id} "
            f"WHERE {old_cv}.{revision_id} = %s "
            f"ORDER BY {new_cv}.{pk}, {old}.{quote_name('party_id')}",
            [target.pk, source.pk],
        ),
    )
    new, new_version = quote_name("new"), quote_name("version_of_new")
    insert_history_select(
        Position,
        "new",
        (
            f"FROM {positions} {new} JOIN {versions} {new_version} "
            f"ON {new_version}.{pk} = {new}.{quote_name('clause_version_id')} "
            f"WHERE {new_version}.{revision_id} = %s ORDER BY {new}.{pk}",
            [target.pk],
        ),
        user=user,
        summary=summary,
    )


# What a copied position takes over from the one it copies: every declared field but
# carried_over, which is set anew.
POSITION_COPIED = tuple(name for name in POSITION.names if name != "carried_over")
_POSITION_COPIED_ATTNAMES = tuple(_attname(Position, name) for name in POSITION_COPIED)


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
                **dict(zip(_POSITION_COPIED_ATTNAMES, values, strict=True)),
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
    only_editable(changes, REVISION.editable)
    with transaction.atomic():
        saved = save_edit(
            revision,
            expected_version=expected_version,
            changes=changes,
            user=user,
            summary=summary,
        )
        if "previous" in changes:
            # The revision it continues is part of its fingerprint's chain.
            fingerprints_refresh(revision_ids=[saved.pk])
    return saved
