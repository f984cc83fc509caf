"""The analyst's filter and picker forms (GET forms: every filtered page has its own URL)."""

from django import forms

from .matrix_order import PAIR, POINT, SORT_LABELS, STANCE
from .vocabularies import ClauseStatus, Stance, Topic

ANY_TOPIC = [("", "any topic"), *Topic.choices]
SAME_REVISION = "Pick two different revisions to compare."
QUERY_MAX_LENGTH = 200
SORT_NEEDS_PARTY = "Choose the party to highlight: this order is by its stance."
SORT_NEEDS_SECOND_PARTY = "Choose a second party to measure the disagreement against."
SAME_PARTY = "Choose two different parties."


class OverviewFilterForm(forms.Form):
    """Filters and order of the plan overview; the party choices are the parties of the
    revision. Every value lives in the URL, so a filtered, sorted view can be shared."""

    topic = forms.ChoiceField(choices=ANY_TOPIC, required=False)
    status = forms.ChoiceField(
        label="Clause status", choices=[("", "any status"), *ClauseStatus.choices], required=False
    )
    party = forms.ChoiceField(label="Highlight party", required=False)
    vs = forms.ChoiceField(label="Against party", required=False)
    stance = forms.MultipleChoiceField(
        label="Stance (of the highlighted party, or of any)",
        choices=Stance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sort = forms.ChoiceField(label="Sort by", choices=list(SORT_LABELS.items()), required=False)
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=QUERY_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "clause text, summaries"}),
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "none")] + [(p.slug, p.name) for p in parties]
        self.fields["vs"].choices = [("", "none")] + [(p.slug, p.name) for p in parties]

    def clean(self):
        data = super().clean()
        if data.get("sort") in (STANCE, PAIR) and not data.get("party"):
            self.add_error("party", SORT_NEEDS_PARTY)
        if data.get("sort") == PAIR and not data.get("vs"):
            self.add_error("vs", SORT_NEEDS_SECOND_PARTY)
        if data.get("vs") and data.get("vs") == data.get("party"):
            self.add_error("vs", SAME_PARTY)
        return data

    def narrowing(self) -> dict:
        """The filters as keyword arguments of ``Matrix.narrow``; none when invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "topic": data["topic"],
            "status": data["status"],
            "party": data["party"],
            "other": data["vs"],
            "stances": tuple(data["stance"]),
            "query": data["q"],
            "sort": data["sort"] or POINT,
        }


class DiffFilterForm(forms.Form):
    changed = forms.BooleanField(label="Only changed clauses", required=False)
    topic = forms.ChoiceField(choices=ANY_TOPIC, required=False)

    def apply(self, clauses):
        """The clause diffs that pass the filters (all of them when the form is invalid)."""
        if not self.is_valid():
            return list(clauses)
        data = self.cleaned_data
        return [
            c
            for c in clauses
            if (not data["changed"] or c.change != "unchanged")
            and (not data["topic"] or c.topic == data["topic"])
        ]


class CompareForm(forms.Form):
    """Pickers for the two sides of a comparison, among the plan's revisions."""

    a = forms.TypedChoiceField(label="From revision", coerce=int)
    b = forms.TypedChoiceField(label="To revision", coerce=int)

    def __init__(self, *args, revisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(r.number, f"r{r.number}: {r.label}") for r in revisions]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") is not None and data.get("a") == data.get("b"):
            raise forms.ValidationError(SAME_REVISION)
        return data
