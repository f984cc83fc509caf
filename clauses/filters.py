"""The analyst's filter and picker forms (GET forms: every filtered page has its own URL)."""

from django import forms
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from clauses.matrix_order import PAIR, POINT, SORT_LABELS, STANCE
from clauses.vocabularies import ClauseStatus, Stance, Topic

ANY_TOPIC = [("", gettext_lazy("any topic")), *Topic.choices]
QUERY_MAX_LENGTH = 200
SORT_NEEDS_PARTY = "Choose the party to highlight: this order is by its stance."
SAME_PARTY = "Choose two different parties."
SORT_NEEDS_SECOND_PARTY = "Choose a second party to measure the disagreement against."


class OverviewFilterForm(forms.Form):
    """Filters and order of the plan overview; the party choices are the parties of the
    revision. Every value lives in the URL, so a filtered, sorted view can be shared."""

    topic = forms.ChoiceField(label=gettext_lazy("Topic"), choices=ANY_TOPIC, required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Clause status"),
        choices=[("", gettext_lazy("any status")), *ClauseStatus.choices],
        required=False,
    )
    party = forms.ChoiceField(label=gettext_lazy("Highlight party"), required=False)
    vs = forms.ChoiceField(label=gettext_lazy("Against party"), required=False)
    stance = forms.MultipleChoiceField(
        label=gettext_lazy("Stance (of the highlighted party, or of any)"),
        choices=Stance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The draft's order is the empty value, so that a submitted form leaves it out of the URL.
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        # The labels are English in clauses.matrix_order (pure, no Django): the catalogue
        # holds each of them.
        choices=[
            ("" if value == POINT else value, gettext_lazy(label))  # noqa: INT001 -- in the catalogue
            for value, label in SORT_LABELS.items()
        ],
        required=False,
    )
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("clause text, summaries")}
        ),
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        none = pgettext_lazy("no party", "none")
        self.fields["party"].choices = [("", none)] + [(p.slug, p.name) for p in parties]
        if self.data.get("sort") == POINT:
            # Links cited before the draft's order became the empty value still work.
            self.data = self.data.copy()
            self.data["sort"] = ""
        self.fields["vs"].choices = [("", none)] + [(p.slug, p.name) for p in parties]

    def clean(self):
        data = super().clean()
        if data.get("sort") in (STANCE, PAIR) and not data.get("party"):
            self.add_error("party", gettext(SORT_NEEDS_PARTY))  # noqa: INT001
        if data.get("sort") == PAIR and not data.get("vs"):
            self.add_error("vs", gettext(SORT_NEEDS_SECOND_PARTY))  # noqa: INT001
        if data.get("vs") and data.get("vs") == data.get("party"):
            self.add_error("vs", gettext(SAME_PARTY))  # noqa: INT001
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
