"""The synopsis page's row filters (a GET form: every filtered synopsis has its own URL)."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from clauses.filters import ANY_TOPIC
from comparison.synopsis import SHOW_DIFFERS, SHOW_ONLY_ONE, SHOW_SAME, filter_rows

SHOW_CHOICES = [
    ("", gettext_lazy("every clause")),
    (SHOW_DIFFERS, gettext_lazy("differs between the columns")),
    (SHOW_SAME, gettext_lazy("same in all columns")),
    (SHOW_ONLY_ONE, gettext_lazy("only in one column")),
]


class SynopsisFilterForm(forms.Form):
    """``topic`` keeps one topic's clauses, ``show`` those that differ, are the same in all
    columns or are in only one, ``party`` those on which that party's stance differs."""

    topic = forms.ChoiceField(label=gettext_lazy("Topic"), choices=ANY_TOPIC, required=False)
    show = forms.ChoiceField(label=gettext_lazy("Clauses"), choices=SHOW_CHOICES, required=False)
    party = forms.ChoiceField(label=gettext_lazy("Stance differs for"), required=False)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", gettext("any party"))] + [
            (p.slug, p.name) for p in parties
        ]

    def apply(self, rows) -> list:
        """The rows that pass the filters (every row when the form is invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        return filter_rows(
            rows,
            topic=data.get("topic") or "",
            show=data.get("show") or "",
            party=data.get("party") or "",
        )
