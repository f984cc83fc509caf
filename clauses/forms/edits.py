"""Forms that edit one revision, clause, clause version or position, or add a clause."""

from django import forms
from django.core.exceptions import ValidationError

from clauses.models import Clause, ClauseVersion, Plan, Position, Revision
from clauses.selectors.plans import clauses_not_in, revisions_newest_first
from clauses.vocabularies import Topic
from core.forms import EditForm, summary_field

NEW_OR_EXISTING = (
    "Give the new clause a title and a topic, or choose an existing clause of the plan."
)
NOT_BOTH = "Either choose an existing clause or describe a new one, not both."

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BRANCH_HELP = (
    "A counter-proposal off the main line: the plan's current revision stays where it is. "
    "A draft that continues anything but the current revision is a branch in any case."
)


def revision_choice_label(revision: Revision) -> str:
    """A revision as a "Continues" list names it, branches marked."""
    label = f"{revision.number}. {revision.label}"
    return f"{label} (branch)" if revision.branch else label


def branch_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="Record it as a branch (a counter-proposal)", required=False, help_text=BRANCH_HELP
    )


class PlanForm(forms.ModelForm):
    edit_summary = summary_field()

    class Meta:
        model = Plan
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class RevisionForm(EditForm):
    class Meta:
        model = Revision
        fields = [
            "label",
            "published_on",
            "status",
            "provenance",
            "coverage",
            "proposed_by",
            "previous",
            "source_title",
            "source_url",
            "notes",
        ]
        labels = {
            "previous": "Continues",
            "published_on": "Published on",
            "source_url": "Source URL",
        }
        widgets = {"published_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

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
        help_text='e.g. "Joint US-Ukraine framework"; left empty: "Revision N".',
    )
    previous = forms.ModelChoiceField(
        queryset=None,  # the plan's revisions, set per form
        label="Continues",
        help_text="The draft this one answers; diffs compare against it.",
    )
    branch = branch_field()
    expected_number = forms.IntegerField(widget=forms.HiddenInput)
    edit_summary = summary_field()

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = revisions_newest_first(plan_id=plan.pk)
        self.fields["previous"].label_from_instance = revision_choice_label


class ClauseVersionForm(EditForm):
    class Meta:
        model = ClauseVersion
        fields = ["number", "text", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        labels = {"number": "Number in the draft"}


class ClauseForm(EditForm):
    class Meta:
        model = Clause
        fields = ["title", "topic", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PositionForm(EditForm):
    class Meta:
        model = Position
        fields = [
            "stance",
            "summary",
            "demand",
            "quote",
            "source_title",
            "source_url",
            "stated_on",
        ]
        labels = {
            "stated_on": "Stated on",
            "summary": "Position in a sentence or two",
            "source_url": "Source URL",
        }
        help_texts = {"summary": ""}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "quote": forms.Textarea(attrs={"rows": 3}),
            "stated_on": DATE_WIDGET,
        }


class ClauseAddForm(forms.Form):
    """Add a clause to a revision: an existing clause of the plan, or a new one."""

    clause = forms.ModelChoiceField(
        queryset=None,  # the plan's clauses the revision lacks, set per form
        required=False,
        label="Existing clause",
        help_text="A clause of the plan this revision does not hold yet (e.g. one dropped "
        "from an earlier draft). Leave empty to add a new clause.",
    )
    title = forms.CharField(max_length=200, required=False, label="New clause: title")
    topic = forms.ChoiceField(
        choices=[("", "—")] + Topic.choices, required=False, label="New clause: topic"
    )
    number = forms.CharField(
        max_length=20, required=False, help_text='As in the draft: "9", "14a". Default: next.'
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}))
    status = forms.ChoiceField(choices=ClauseVersion._meta.get_field("status").choices)
    edit_summary = summary_field()

    def __init__(self, *args, revision: Revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].initial = ClauseVersion._meta.get_field("status").default
        self.fields["clause"].queryset = clauses_not_in(revision=revision)

    def clean(self):
        data = super().clean()
        new = data.get("title", "").strip() or data.get("topic")
        if data.get("clause") and new:
            raise ValidationError(NOT_BOTH)
        if not data.get("clause") and not (data.get("title", "").strip() and data.get("topic")):
            raise ValidationError(NEW_OR_EXISTING)
        return data
