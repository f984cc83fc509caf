"""The editor's forms for corrections: withdraw or restore a revision, strike a clause out
of a revision or take that back, rename a clause.

Each carries the version of the record it was loaded from (``version``, hidden) and asks
for an edit summary; the services check the rest and refuse with a message naming the
field. A form that meets a save made meanwhile takes the saved version and says so
(``show_stale``), so that sending it again is a deliberate choice.
"""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from clauses.models import Clause, Revision
from clauses.selectors.corrections import deletable_clauses, plan_clauses_queryset
from clauses.services.corrections import TITLE_REQUIRED, WITHDRAWAL_REASON_REQUIRED
from core import text_limits
from core.forms import summary_field

STALE = (
    "{what} was saved by {by} meanwhile{at}, so nothing was changed. Look at it again "
    "(it is shown as it is now); send the form again if you still mean it."
)
CLAUSE_REQUIRED = "Choose the clause this revision strikes out."


class CorrectionForm(forms.Form):
    """What every correction form has (these and the lineage forms): the version of the
    record it was loaded from, and the edit summary, asked last."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    edit_summary = summary_field()
    # What the form says when the record was saved meanwhile: it may name ``what`` was,
    # ``by`` whom and ``at`` what time.
    stale_notice = STALE

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = record.version
        self.fields["edit_summary"] = self.fields.pop("edit_summary")

    def show_stale(self, current, *, what: str, saved=(None, None)) -> None:
        """Carry the version saved meanwhile, so that sending the form again is a
        deliberate choice made on what is recorded now, and say so."""
        by, at = saved
        data = cast(dict[str, Any], self.data).copy()
        data[self.add_prefix("version")] = current.version
        self.data = data
        self.add_error(
            None,
            self.stale_notice.format(
                what=what,
                by=by or "someone else",
                at=f" (at {at:%Y-%m-%d %H:%M})" if at else "",
            ),
        )


class WithdrawForm(CorrectionForm):
    reason = forms.CharField(
        label=gettext_lazy("Why it is withdrawn"),
        max_length=text_limits.NOTES,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Shown on the revision's pages, e.g. “recorded twice: see revision 3”."
        ),
        error_messages={"required": WITHDRAWAL_REASON_REQUIRED},
    )


class RestoreForm(CorrectionForm):
    pass


class DeletionForm(CorrectionForm):
    """Strike a clause of the revision continued out of this revision."""

    clause: "forms.ModelChoiceField[Clause]" = forms.ModelChoiceField(
        queryset=None,  # the plan's clauses, set per form
        label=gettext_lazy("Clause struck out"),
        help_text=gettext_lazy(
            "A clause of the revision this one continues that this draft deletes."
        ),
        error_messages={"required": CLAUSE_REQUIRED},
    )
    note = forms.CharField(
        required=False,
        max_length=text_limits.NOTES,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("What the draft or its source says, e.g. “point 4 deleted”."),
    )

    def __init__(self, *args, record: Revision, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        clause = cast("forms.ModelChoiceField[Clause]", self.fields["clause"])
        # Any clause of the plan is accepted, so that the service can say why one is
        # refused (worded in this revision, not in the one continued); only those it
        # would accept are offered.
        clause.queryset = plan_clauses_queryset(plan_id=record.plan_id)
        offered = [(c.pk, c.title) for c in deletable_clauses(revision=record)]
        clause.choices = [("", "—"), *offered]


class UndeleteForm(CorrectionForm):
    pass


class RenameForm(CorrectionForm):
    title = forms.CharField(
        label=gettext_lazy("New title"),
        max_length=Clause._meta.get_field("title").max_length or 200,
        help_text=gettext_lazy(
            "The clause's address follows the new title; its old address keeps "
            "working, redirecting here."
        ),
        error_messages={"required": TITLE_REQUIRED},
    )
