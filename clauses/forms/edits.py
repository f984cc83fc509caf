"""Forms that edit one revision, clause, clause version or position, or add a clause.

Each edit form's fields are what clauses/fields.py declares an editor may change of the
record (``form_fields``); a date is picked from a calendar and a text typed in a short
area, whatever the field (``widgets_of``).
"""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from clauses.fields import CLAUSE, CLAUSE_VERSION, PLAN, POSITION, REVISION
from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.selectors.plans import clauses_not_in, revisions_newest_first
from clauses.vocabularies import ClauseStatus, Topic
from core.fields import Declaration
from core.forms import EditForm, in_readers_words, summary_field
from sources.models import Source
from sources.selectors import sources_in_order

NEW_OR_EXISTING = (
    "Give the new clause a title and a topic, or choose an existing clause of the plan."
)
NOT_BOTH = "Either choose an existing clause or describe a new one, not both."

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BRANCH_HELP = gettext_lazy(
    "A counter-proposal off the main line: the plan's current revision stays where it is. "
    "A draft that continues anything but the current revision is a branch in any case."
)


def widgets_of(declaration: Declaration) -> dict[str, forms.Widget]:
    """A date picker for each date field of the record's form, a three-line area for each
    text."""
    widgets: dict[str, forms.Widget] = {}
    for name in declaration.form_fields:
        field = declaration.model_field(name)
        if isinstance(field, models.DateField):
            widgets[name] = DATE_WIDGET
        elif isinstance(field, models.TextField):
            widgets[name] = forms.Textarea(attrs={"rows": 3})
    return widgets


def labels_of(declaration: Declaration) -> dict[str, str]:
    """Each link's label with "URL" in capitals, which the model's name in words lacks."""
    return {
        name: capfirst(declaration.model_field(name).verbose_name).replace(" url", " URL")
        for name in declaration.form_fields
        if isinstance(declaration.model_field(name), models.URLField)
    }


def revision_choice_label(revision: Revision) -> str:
    """A revision as a "Continues" list names it, branches marked."""
    label = f"{revision.number}. {revision.label}"
    return gettext("%(label)s (branch)") % {"label": label} if revision.branch else label


def branch_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=gettext_lazy("Record it as a branch (a counter-proposal)"),
        required=False,
        help_text=BRANCH_HELP,
    )


class PlanForm(forms.ModelForm):
    edit_summary = summary_field()

    class Meta:
        model = Plan
        fields = PLAN.form_fields
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_readers_words(self)


class PlanEditForm(EditForm):
    """A plan's title and description; its slug, and so its URLs, stay."""

    class Meta:
        model = Plan
        fields = PLAN.form_fields
        widgets = PlanForm.Meta.widgets


class RevisionForm(EditForm):
    class Meta:
        model = Revision
        fields = REVISION.form_fields
        labels = {**labels_of(REVISION), "previous": "Continues"}
        widgets = widgets_of(REVISION)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        revision = self.instance
        earlier = revisions_newest_first(plan_id=revision.plan_id, below=revision.number or None)
        # Offered: the earlier revisions of the same plan; the model's clean() still
        # checks a value sent from outside this list.
        self.fields["previous"].queryset = earlier
        self.fields["previous"].label_from_instance = revision_choice_label


class NewRevisionForm(RevisionForm):
    """A revision with no clauses yet, to be built clause by clause."""

    expected_number = forms.IntegerField(widget=forms.HiddenInput)
    branch = branch_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["version"]
        self.fields["label"].required = False
        self.fields["label"].help_text = 'e.g. "US 28-point draft"; left empty: "Revision N".'


class CloneForm(forms.Form):
    label = forms.CharField(
        max_length=200,
        required=False,
        help_text=gettext_lazy('e.g. "Joint US-Ukraine framework"; left empty: "Revision N".'),
    )
    previous: "forms.ModelChoiceField[Revision]" = forms.ModelChoiceField(
        queryset=None,  # the plan's revisions, set per form
        label=gettext_lazy("Continues"),
        help_text=gettext_lazy("The draft this one answers; diffs compare against it."),
    )
    branch = branch_field()
    expected_number = forms.IntegerField(widget=forms.HiddenInput)
    edit_summary = summary_field()

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        # The copy of the field declared above, which ``fields`` types as a plain Field.
        previous = cast("forms.ModelChoiceField[Revision]", self.fields["previous"])
        previous.queryset = revisions_newest_first(plan_id=plan.pk)
        # Labels this field's choices; the stubs let only a subclass replace the method.
        previous.label_from_instance = revision_choice_label  # type: ignore[method-assign,assignment]


class ClauseVersionForm(EditForm):
    class Meta:
        model = ClauseVersion
        fields = CLAUSE_VERSION.form_fields
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        labels = {"number": "Number in the draft"}


class ClauseForm(EditForm):
    class Meta:
        model = Clause
        fields = CLAUSE.form_fields
        widgets = widgets_of(CLAUSE)


class PositionForm(EditForm):
    class Meta:
        model = Position
        fields = POSITION.form_fields
        labels = {
            **labels_of(POSITION),
            "summary": "Position in a sentence or two",
            "stated_on_precision": "Date known to the",
        }
        help_texts = {
            "summary": "",
            "quote": "The source's very words (whitespace and quotation marks aside); leave "
            'words out with "[...]". Leave it empty for a paraphrase: the position is then '
            "labelled as one.",
            "source": "A recorded source (Sources > Record a source): its title and URL "
            "replace those typed below, and the quote is checked against its text.",
        }
        widgets = widgets_of(POSITION)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "source" in self.fields:
            # Listed by title; their texts are read only to check the quote of a save.
            source = cast("forms.ModelChoiceField[Source]", self.fields["source"])
            source.queryset = sources_in_order()


class ClauseAddForm(forms.Form):
    """Add a clause to a revision: an existing clause of the plan, or a new one."""

    clause: "forms.ModelChoiceField[Clause]" = forms.ModelChoiceField(
        queryset=None,  # the plan's clauses the revision lacks, set per form
        required=False,
        label=gettext_lazy("Existing clause"),
        help_text=gettext_lazy(
            "A clause of the plan this revision does not hold yet (e.g. one dropped "
            "from an earlier draft). Leave empty to add a new clause."
        ),
    )
    title = forms.CharField(max_length=200, required=False, label=gettext_lazy("New clause: title"))
    topic = forms.ChoiceField(
        choices=[("", "—")] + Topic.choices, required=False, label=gettext_lazy("New clause: topic")
    )
    number = forms.CharField(
        max_length=20,
        required=False,
        help_text=gettext_lazy('As in the draft: "9", "14a". Default: next.'),
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}))
    status = forms.ChoiceField(choices=ClauseStatus.choices)  # ClauseVersion.status's
    edit_summary = summary_field()

    def __init__(self, *args, revision: Revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].initial = ClauseVersion._meta.get_field("status").default
        # The copy of the field declared above, which ``fields`` types as a plain Field.
        clause = cast("forms.ModelChoiceField[Clause]", self.fields["clause"])
        clause.queryset = clauses_not_in(revision=revision)

    def clean(self):
        data = super().clean()
        new = data.get("title", "").strip() or data.get("topic")
        if data.get("clause") and new:
            raise ValidationError(NOT_BOTH)
        if not data.get("clause") and not (data.get("title", "").strip() and data.get("topic")):
            raise ValidationError(NEW_OR_EXISTING)
        return data
