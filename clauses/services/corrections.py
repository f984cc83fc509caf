"""Corrections of what is already recorded: withdraw a revision and restore it, strike a
clause out of a revision and take that back, rename a clause.

Each is one transaction that changes its rows through the tracked saves (their history
keeps who, when and why), recomputes the fingerprints it touches, and writes one event
(``record_correction``) saying what the correction was, with what was there before and
after. Each takes the version the editor (or API client) read, and refuses a stale one
with ``EditConflict``, as every edit does.

What a revision that continues a withdrawn one does: it keeps continuing it. Its
``previous`` is left as recorded (the draft did answer that one), its diff is still
against it, and whether it is a branch does not change; its fingerprint chains on the
withdrawn revision's, which says "withdrawn", so the chain shows the withdrawal too. A
revision recorded afterwards that continues a withdrawn one is a branch, as one that
continues anything but the current revision is.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from clauses.models import Clause, ClauseDeletion, FormerClauseSlug, Revision
from clauses.selectors.corrections import (
    clause_worded_in,
    deletion_of,
    revisions_naming_clause,
    slugs_taken,
)
from clauses.services.correction_events import correcting, record_correction
from clauses.services.fingerprints import fingerprints_refresh
from clauses.vocabularies import CorrectionKind
from core.saving import save_new, unique_slug
from core.tracking import apply_edit, require_summary

WITHDRAWAL_REASON_REQUIRED = (
    "Say why this revision is withdrawn (e.g. “recorded twice”): the reason is shown on its pages."
)
ALREADY_WITHDRAWN = "Revision {number} is already withdrawn: restore it, or leave it as it is."
NOT_WITHDRAWN = "Revision {number} is not withdrawn: there is nothing to restore."
NOTHING_CONTINUED = (
    "Revision {number} continues no earlier revision: only a clause of the revision it "
    "continues can be marked deleted in it."
)
NOT_IN_CONTINUED = (
    "“{title}” is not in revision {previous}, which revision {number} continues: only a "
    "clause of that revision can be marked deleted in it."
)
WORDED_IN_REVISION = (
    "“{title}” is worded in revision {number} (point {point}), so it cannot be deleted "
    "in it. Correct its wording instead, or mark it deleted in a later revision."
)
ALREADY_DELETED = "“{title}” is already marked deleted in revision {number}."
TITLE_REQUIRED = "Give the clause its new title."
TITLE_UNCHANGED = "The clause is already called “{title}”: type the new title."


def _current_number(plan) -> int | None:
    current = Revision.objects.current_for(plan)
    return None if current is None else current.number


def revision_withdraw(
    *, revision: Revision, expected_version: int, reason: str, user, summary: str
) -> Revision:
    """Take a revision off the main line, with the reason shown on its pages. It stays
    readable, with its diff and compare; the plan's current revision falls back to the
    latest main-line revision left (``RevisionQuerySet``'s rule)."""
    require_summary(summary)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": WITHDRAWAL_REASON_REQUIRED})
    with correcting(revision, expected_version) as current:
        if current.withdrawn:
            raise ValidationError({"reason": ALREADY_WITHDRAWN.format(number=current.number)})
        current_before = _current_number(current.plan)
        saved = apply_edit(
            current,
            changes={"withdrawn": True, "withdrawal_reason": reason},
            user=user,
            summary=summary,
        )
        fingerprints_refresh(revision_ids=[saved.pk])
        record_correction(
            plan=saved.plan,
            kind=CorrectionKind.WITHDRAW,
            summary=summary,
            user=user,
            revision=saved,
            before={"withdrawn": False, "current_revision": current_before},
            after={
                "withdrawn": True,
                "reason": reason,
                "current_revision": _current_number(saved.plan),
            },
        )
    return saved


def revision_restore(*, revision: Revision, expected_version: int, user, summary: str) -> Revision:
    """Bring a withdrawn revision back: it is on the main line again (or a branch again,
    if it was one), and current again if it is the latest there."""
    require_summary(summary)
    with correcting(revision, expected_version) as current:
        if not current.withdrawn:
            raise ValidationError({"revision": NOT_WITHDRAWN.format(number=current.number)})
        reason = current.withdrawal_reason
        current_before = _current_number(current.plan)
        saved = apply_edit(
            current,
            changes={"withdrawn": False, "withdrawal_reason": ""},
            user=user,
            summary=summary,
        )
        fingerprints_refresh(revision_ids=[saved.pk])
        record_correction(
            plan=saved.plan,
            kind=CorrectionKind.RESTORE,
            summary=summary,
            user=user,
            revision=saved,
            before={"withdrawn": True, "reason": reason, "current_revision": current_before},
            after={"withdrawn": False, "current_revision": _current_number(saved.plan)},
        )
    return saved


def clause_deletion_add(
    *,
    revision: Revision,
    clause: Clause,
    user,
    summary: str,
    note: str = "",
    expected_version: int | None = None,
) -> ClauseDeletion:
    """Mark a clause of the revision it continues as struck out in ``revision`` (a clause
    the revision does not word). The diff then says "deleted in r<n>", whatever the
    revision's coverage. ``expected_version`` is the revision's version as read."""
    require_summary(summary)
    with correcting(revision, expected_version) as current:
        _check_deletable(current, clause)
        deletion = save_new(
            ClauseDeletion(revision=current, clause=clause, note=(note or "").strip()),
            user=user,
            summary=summary,
        )
        fingerprints_refresh(revision_ids=[current.pk])
        record_correction(
            plan=current.plan,
            kind=CorrectionKind.DELETE,
            summary=summary,
            user=user,
            revision=current,
            clause=clause,
            before={"deleted": False},
            after={"deleted": True, "note": deletion.note},
        )
    return deletion


def _check_deletable(revision: Revision, clause: Clause) -> None:
    names = {"title": clause.title, "number": revision.number}
    previous = revision.previous
    if previous is None:
        raise ValidationError({"clause": NOTHING_CONTINUED.format(**names)})
    worded = clause_worded_in(revision=revision, clause=clause)
    if worded is not None:
        raise ValidationError({"clause": WORDED_IN_REVISION.format(point=worded.number, **names)})
    if (
        clause.plan_id != revision.plan_id
        or clause_worded_in(revision=previous, clause=clause) is None
    ):
        raise ValidationError(
            {"clause": NOT_IN_CONTINUED.format(previous=previous.number, **names)}
        )
    if deletion_of(revision=revision, clause=clause) is not None:
        raise ValidationError({"clause": ALREADY_DELETED.format(**names)})


def clause_deletion_remove(
    *, deletion: ClauseDeletion, expected_version: int, user, summary: str
) -> None:
    """Take a deletion back: the clause is no longer struck out in that revision (its
    history keeps that it was, and the plan's record keeps the event)."""
    require_summary(summary)
    with correcting(deletion, expected_version) as current:
        revision, clause, note = current.revision, current.clause, current.note
        current._history_user = user
        current._change_reason = summary
        # The plan is found through the deletion's revision: bump its stamp while the row
        # is still there to lead to it.
        Revision.records_touched([revision.pk])
        current.delete()
        fingerprints_refresh(revision_ids=[revision.pk])
        record_correction(
            plan=revision.plan,
            kind=CorrectionKind.UNDELETE,
            summary=summary,
            user=user,
            revision=revision,
            clause=clause,
            before={"deleted": True, "note": note},
            after={"deleted": False},
        )


def clause_rename(
    *, clause: Clause, expected_version: int, title: str, user, summary: str
) -> Clause:
    """Give a clause a new title; its slug follows the title (unique in the plan) and the
    old slug is kept, so that every old address of the clause redirects to the new one."""
    require_summary(summary)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": TITLE_REQUIRED})
    with correcting(clause, expected_version) as current:
        if title == current.title:
            raise ValidationError({"title": TITLE_UNCHANGED.format(title=title)})
        plan, old_title = current.plan, current.title
        taken, own_former = slugs_taken(plan=plan, clause=current)
        old_slug = current.slug
        new_slug = old_slug
        if unique_slug(title, set(), fallback="clause") != old_slug:
            new_slug = unique_slug(title, set(taken), fallback="clause")
        saved = apply_edit(
            current,
            changes={"title": title, "slug": new_slug},
            user=user,
            summary=summary,
        )
        if new_slug != old_slug:
            if new_slug in own_former:
                # Renamed back: the slug is the clause's own again, no longer a former one.
                FormerClauseSlug.objects.filter(plan=plan, slug=new_slug).delete()
            # A slug another clause once had and this one took since leads here now.
            FormerClauseSlug.objects.update_or_create(
                plan=plan, slug=old_slug, defaults={"clause": saved, "retired_at": timezone.now()}
            )
            fingerprints_refresh(revision_ids=revisions_naming_clause(saved))
        record_correction(
            plan=plan,
            kind=CorrectionKind.RENAME,
            summary=summary,
            user=user,
            clause=saved,
            before={"title": old_title, "slug": old_slug},
            after={"title": saved.title, "slug": saved.slug},
        )
    return saved
