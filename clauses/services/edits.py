"""Writes that change one clause version or one position, and add clauses and positions.

Every change to an existing row goes through ``tracking.save_edit``: it is refused with
``EditConflict`` when someone saved the row since the editor loaded it. What an edit may
change of each record is what clauses/fields.py declares ``editable``.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from clauses.fields import CLAUSE, CLAUSE_VERSION, POSITION
from clauses.models import Clause, ClauseVersion, Position, Revision
from clauses.selectors import position_of
from clauses.selectors.corrections import new_clause_slugs_taken
from clauses.services.fingerprints import fingerprints_refresh
from clauses.vocabularies import ClauseStatus
from core.saving import locked, only_editable, save_new, unique_slug
from core.tracking import EditConflict, require_summary, save_edit


def clause_version_update(
    *, clause_version: ClauseVersion, expected_version: int, changes: dict, user, summary: str
) -> ClauseVersion:
    """Change a clause's wording, number, status or place in one revision."""
    only_editable(changes, CLAUSE_VERSION.editable)
    with transaction.atomic():
        saved = save_edit(
            clause_version,
            expected_version=expected_version,
            changes=changes,
            user=user,
            summary=summary,
        )
        fingerprints_refresh(revision_ids=[saved.revision_id])
    return saved


def clause_update(
    *, clause: Clause, expected_version: int, changes: dict, user, summary: str
) -> Clause:
    """Change what a clause is called or filed under (in every revision: it is one clause)."""
    only_editable(changes, CLAUSE.editable)
    return save_edit(
        clause, expected_version=expected_version, changes=changes, user=user, summary=summary
    )


def position_update(
    *, position: Position, expected_version: int, changes: dict, user, summary: str
) -> Position:
    """Change a party's position.

    Saving it, even with nothing else changed, reconfirms it: it is no longer carried over.
    """
    only_editable(changes, POSITION.editable)
    with transaction.atomic():
        saved = save_edit(
            position,
            expected_version=expected_version,
            changes={**changes, "carried_over": False},
            user=user,
            summary=summary,
        )
        fingerprints_refresh(clause_version_ids=[saved.clause_version_id])
    return saved


def position_create(
    *, clause_version: ClauseVersion, party, values: dict, user, summary: str
) -> Position:
    """A party's first position on a clause version (there may be one per party).

    ``values`` holds the position's fields (stance, summary, ...) by name, as ``changes``
    does for an update: a position has a ``summary`` field of its own, apart from the
    edit summary.
    """
    require_summary(summary)
    only_editable(values, POSITION.editable)
    with transaction.atomic():
        position = Position(clause_version=clause_version, party=party, **values)
        saved = save_new(position, user=user, summary=summary)
        fingerprints_refresh(revision_ids=[clause_version.revision_id])
    return saved


def position_save(
    *,
    clause_version: ClauseVersion,
    party,
    expected_version: int,
    values: dict,
    user,
    summary: str,
) -> Position:
    """Record or change the party's position on the clause version, as the editor's form
    and the API both do: one URL for a position recorded or not yet.

    ``expected_version`` is the version the editor loaded: 0 for a position not recorded
    then. Raises ``EditConflict`` (nothing written) when someone changed the position since,
    or recorded it in between; the conflict carries the position as it is now.
    """
    require_summary(summary)
    only_editable(values, POSITION.editable)
    with transaction.atomic():
        # Two editors recording the same party's first position take turns on this lock.
        locked(clause_version)
        current = position_of(clause_version=clause_version, party=party)
        if current is not None:
            return position_update(
                position=current,
                expected_version=expected_version,
                changes=values,
                user=user,
                summary=summary,
            )
        if expected_version != 0:
            # Loaded as recorded, and gone since: shown as the other side of the conflict.
            gone = Position(clause_version=clause_version, party=party, version=0)
            raise EditConflict(gone, expected_version)
        try:
            with transaction.atomic():
                return position_create(
                    clause_version=clause_version,
                    party=party,
                    values=values,
                    user=user,
                    summary=summary,
                )
        except (ValidationError, IntegrityError):
            # Recorded by someone else between our read and our insert: a conflict too.
            created = position_of(clause_version=clause_version, party=party)
            if created is None:
                raise
            raise EditConflict(created, expected_version) from None


def clause_version_add(
    *,
    revision: Revision,
    user,
    summary: str,
    text: str,
    clause: Clause | None = None,
    title: str = "",
    topic: str = "",
    number: str = "",
    status: str = ClauseStatus.OPEN,
    position_in_draft: int | None = None,
    expected_revision_version: int | None = None,
) -> ClauseVersion:
    """Add a clause to a revision: an existing clause of the plan, or a new one.

    A new clause needs a title and a topic; its slug is made from the title, unique in the
    plan. Without a place it goes at the end of the draft, numbered after the last point.
    Given ``expected_revision_version`` (the version of the revision an API client read),
    a revision saved since is refused with ``EditConflict`` under the revision's lock.
    """
    require_summary(summary)
    with transaction.atomic():
        if expected_revision_version is not None:
            current = locked(revision)
            if current.version != expected_revision_version:
                raise EditConflict(current, expected_revision_version)
        if clause is None:
            taken = new_clause_slugs_taken(revision.plan)
            clause = save_new(
                Clause(
                    plan=revision.plan,
                    slug=unique_slug(title, taken, fallback="clause"),
                    title=title,
                    topic=topic,
                ),
                user=user,
                summary=summary,
            )
        if position_in_draft is None:
            last = revision.clause_versions.aggregate(last=Max("position_in_draft"))["last"]
            position_in_draft = (last or 0) + 1
        version = ClauseVersion(
            revision=revision,
            clause=clause,
            number=number or str(position_in_draft),
            position_in_draft=position_in_draft,
            text=text,
            status=status,
        )
        saved = save_new(version, user=user, summary=summary)
        fingerprints_refresh(revision_ids=[revision.pk])
    return saved
