"""The editor's corrections: withdraw and restore a revision, strike a clause out of a
revision and take it back, rename a clause. Thin views over clauses/services/corrections.py.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext

from clauses import selectors
from clauses.forms.corrections import (
    DeletionForm,
    RenameForm,
    RestoreForm,
    UndeleteForm,
    WithdrawForm,
)
from clauses.selectors.corrections import deletion_get
from clauses.services import corrections
from clauses.views.editing.correction_flow import (
    as_read_by,
    correction_applied,
    correction_page,
    revision_or_404,
)
from clauses.views.editing.edit_flow import editor_required, found_or_404

WITHDRAWN = (
    "Revision {number} withdrawn: it is off the main line, and the plan's current revision "
    "is now {current}. Restore it from this page if this was a mistake."
)
RESTORED = "Revision {number} restored: it is back in the plan's record."
DELETED = "“{title}” marked deleted in revision {number}."
UNDELETED = "“{title}” is no longer marked deleted in revision {number}."
RENAMED = "Renamed “{title}”: its address is now {url}; the old one redirects here."


@editor_required("clauses.change_revision")
def revision_withdraw(request, plan, number):
    revision = revision_or_404(plan, number)
    form = WithdrawForm(request.POST or None, record=revision)
    saved = correction_applied(
        form,
        lambda data: corrections.revision_withdraw(
            revision=revision,
            reason=data["reason"],
            **as_read_by(request, data),
        ),
        what=f"Revision {revision.number}",
    )
    if saved is not None:
        current = selectors.current_revision(plan=revision.plan)
        messages.success(
            request,
            gettext(WITHDRAWN).format(
                number=revision.number,
                current=f"r{current.number}" if current else "none (no revision left)",
            ),
        )
        return redirect(revision)
    return correction_page(request, "clauses/edit/revision_withdraw.html", form, revision=revision)


@editor_required("clauses.change_revision")
def revision_restore(request, plan, number):
    revision = revision_or_404(plan, number)
    form = RestoreForm(request.POST or None, record=revision)
    saved = correction_applied(
        form,
        lambda data: corrections.revision_restore(
            revision=revision,
            **as_read_by(request, data),
        ),
        what=f"Revision {revision.number}",
    )
    if saved is not None:
        messages.success(request, gettext(RESTORED).format(number=revision.number))
        return redirect(revision)
    return correction_page(request, "clauses/edit/revision_restore.html", form, revision=revision)


@editor_required("clauses.change_revision")
def clause_delete(request, plan, number):
    revision = revision_or_404(plan, number)
    form = DeletionForm(request.POST or None, record=revision)
    saved = correction_applied(
        form,
        lambda data: corrections.clause_deletion_add(
            revision=revision,
            clause=data["clause"],
            note=data["note"],
            **as_read_by(request, data),
        ),
        what=f"Revision {revision.number}",
    )
    if saved is not None:
        messages.success(
            request, gettext(DELETED).format(title=saved.clause.title, number=revision.number)
        )
        return redirect(revision)
    return correction_page(request, "clauses/edit/clause_delete.html", form, revision=revision)


@editor_required("clauses.change_revision")
def clause_undelete(request, plan, number, clause):
    deletion = found_or_404(deletion_get, plan_slug=plan, number=number, clause_slug=clause)
    revision = deletion.revision
    form = UndeleteForm(request.POST or None, record=deletion)
    done = correction_applied(
        form,
        lambda data: corrections.clause_deletion_remove(
            deletion=deletion,
            **as_read_by(request, data),
        )
        or True,
        what=f"The deletion of “{deletion.clause.title}”",
    )
    if done:
        messages.success(
            request, gettext(UNDELETED).format(title=deletion.clause.title, number=revision.number)
        )
        return redirect(revision)
    return correction_page(
        request, "clauses/edit/clause_undelete.html", form, revision=revision, deletion=deletion
    )


@editor_required("clauses.change_clause")
def clause_rename(request, plan, clause):
    clause = found_or_404(selectors.clause_get, plan_slug=plan, clause_slug=clause)
    form = RenameForm(request.POST or None, record=clause, initial={"title": clause.title})
    saved = correction_applied(
        form,
        lambda data: corrections.clause_rename(
            clause=clause,
            title=data["title"],
            **as_read_by(request, data),
        ),
        what=f"The clause “{clause.title}”",
    )
    if saved is not None:
        url = saved.get_absolute_url()
        messages.success(request, gettext(RENAMED).format(title=saved.title, url=url))
        return redirect(url)
    return correction_page(request, "clauses/edit/clause_rename.html", form, clause=clause)
