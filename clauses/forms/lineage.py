"""The editor's forms of the lineage corrections: re-link a point, split a clause, merge
clauses. Each is a ``CorrectionForm``: it carries the version of what it was loaded from
(the clause version for a re-link, the revision for a split or merge) and asks for an edit
summary."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from clauses.forms.corrections import CorrectionForm
from clauses.models import Clause, ClauseVersion, Revision
from clauses.selectors import nothing_of
from clauses.selectors.lineage import clauses_of_plan, versions_of_revision
from clauses.services.lineage import NewClausePoint
from parties.models import Party
from parties.selectors import parties_in_order

NEW_POINT_LINE = (
    "Line {line}: write each new point as “number | title | text”, e.g. "
    "“5a | Army in peacetime | The armed forces are capped at 800,000.”"
)
NEW_POINT_HELP = gettext_lazy(
    "One new point a line, as “number | title | text”; each becomes a new clause of this "
    "revision, filed under the topic of the clause split. Added at the end of the draft."
)
CHANGED_MEANWHILE = (
    "Someone else changed {what} while you were correcting it, so nothing was saved. "
    "Check the page as it is now (your choices are still in the form), then save again."
)


class _PointLabel:
    """A clause version offered as the point it is: "5a. Army in peacetime"."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.number}. {obj.clause.title}"


class _PointChoice(_PointLabel, forms.ModelChoiceField):
    pass


class _PointChoices(_PointLabel, forms.ModelMultipleChoiceField):
    pass


def _points_continued(revision: Revision):
    """The points of the revision ``revision`` continues (none if it continues none)."""
    if revision.previous is None:
        return nothing_of(ClauseVersion)
    return versions_of_revision(revision.previous)


class _LineageForm(CorrectionForm):
    stale_notice = CHANGED_MEANWHILE


class RelinkForm(_LineageForm):
    clause: "forms.ModelChoiceField[Clause]" = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("The clause this point belongs to"),
        help_text=gettext_lazy("A clause of the plan with no point in this revision yet."),
    )
    new_title = forms.CharField(
        max_length=200,
        required=False,
        label=gettext_lazy("Or a new clause made from this point: its title"),
        help_text=gettext_lazy("The new clause takes the topic of the clause the point leaves."),
    )

    def __init__(self, *args, record: ClauseVersion, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["clause"])
        field.queryset = clauses_of_plan(record.revision.plan).exclude(pk=record.clause_id)


def _parse_points(text: str) -> list[NewClausePoint]:
    points = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|", 2)]
        if len(parts) != 3 or not all(parts):
            raise ValidationError(NEW_POINT_LINE.format(line=line_number))
        points.append(NewClausePoint(number=parts[0], title=parts[1], text=parts[2]))
    return points


class SplitForm(_LineageForm):
    predecessor = _PointChoice(
        queryset=None,
        label=gettext_lazy("The clause split"),
        help_text=gettext_lazy("A point of the revision this one continues."),
    )
    successors = _PointChoices(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("The points of this revision it became"),
        help_text=gettext_lazy(
            "If the clause keeps a point here, it counts among them (it continues)."
        ),
    )
    new_successors = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label=gettext_lazy("New points it became"),
        help_text=NEW_POINT_HELP,
    )
    copy_positions_of: "forms.ModelMultipleChoiceField[Party]" = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Copy positions of"),
        help_text=gettext_lazy(
            "These parties' positions on the clause split are copied to each point it "
            "became that has none, marked carried over until reconfirmed."
        ),
    )

    def __init__(self, *args, record: Revision, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        cast(_PointChoice, self.fields["predecessor"]).queryset = _points_continued(record)
        cast(_PointChoices, self.fields["successors"]).queryset = versions_of_revision(record)
        parties = cast(forms.ModelMultipleChoiceField, self.fields["copy_positions_of"])
        parties.queryset = parties_in_order()

    def clean_new_successors(self) -> list[NewClausePoint]:
        return _parse_points(self.cleaned_data.get("new_successors") or "")


class MergeForm(_LineageForm):
    predecessors = _PointChoices(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("The clauses merged"),
        help_text=gettext_lazy("Two points or more of the revision this one continues."),
    )
    successor = _PointChoice(
        queryset=None,
        required=False,
        label=gettext_lazy("The point of this revision they became"),
        help_text=gettext_lazy("One of them continuing, or a clause new in this revision."),
    )
    new_number = forms.CharField(
        max_length=20, required=False, label=gettext_lazy("Or a new point: number")
    )
    new_title = forms.CharField(
        max_length=200, required=False, label=gettext_lazy("New point: title")
    )
    new_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label=gettext_lazy("New point: text"),
    )

    def __init__(self, *args, record: Revision, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        cast(_PointChoices, self.fields["predecessors"]).queryset = _points_continued(record)
        cast(_PointChoice, self.fields["successor"]).queryset = versions_of_revision(record)

    def new_successor(self) -> NewClausePoint | None:
        data = self.cleaned_data
        parts = (data.get("new_number", ""), data.get("new_title", ""), data.get("new_text", ""))
        if not any(part.strip() for part in parts):
            return None
        return NewClausePoint(number=parts[0], title=parts[1], text=parts[2])
