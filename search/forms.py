"""The search form: the query and its filters, all in the URL (a search can be shared).

The same form reads the page's and the API's parameters, so both refuse the same input
with the same messages.
"""

from django import forms
from django.utils.translation import gettext_lazy

from clauses.vocabularies import Topic
from search.kinds import Kind
from search.languages import ORIGINAL
from search.query import ParsedQuery, QueryRefused, parse_query
from search.selectors import Filters
from translations.languages import LANGUAGES, unknown_language
from translations.selectors import original_language

REVISION_ORDER = "to: the last revision must not come before the first ({first})."
NO_SUCH_PLAN = "plan: there is no plan {slug!r}; choose one of the list or leave it empty."
NO_SUCH_PARTY = "party: there is no party {slug!r}; choose one of the list or leave it empty."

# The parameters the page and the API read (core/conditional.py keeps only these).
PARAMETERS = ("q", "plan", "party", "topic", "kind", "lang", "from", "to", "current", "page")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": gettext_lazy('words, "a phrase", demil*, -nato'),
            }
        ),
    )
    plan = forms.ChoiceField(label=gettext_lazy("Plan"), required=False)
    party = forms.ChoiceField(label=gettext_lazy("Party"), required=False)
    topic = forms.ChoiceField(
        label=gettext_lazy("Topic"),
        choices=[("", gettext_lazy("any topic")), *Topic.choices],
        required=False,
    )
    kind = forms.MultipleChoiceField(
        label=gettext_lazy("In"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The language of the texts searched: the original's code for the record's own texts,
    # another for the translations into it.
    lang = forms.ChoiceField(
        label=gettext_lazy("Language"),
        choices=[
            ("", gettext_lazy("every language")),
            *((code, f"{language.name} ({code})") for code, language in LANGUAGES.items()),
        ],
        required=False,
        error_messages={"invalid_choice": unknown_language("%(value)s")},
    )
    current = forms.BooleanField(label=gettext_lazy("Current revisions only"), required=False)

    def __init__(self, *args, plans=(), parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_ids = {slug: pk for pk, slug, _ in plans}
        self.party_ids = {slug: pk for pk, slug, _ in parties}
        self.fields["plan"].choices = [("", gettext_lazy("every plan"))] + [
            (s, t) for _, s, t in plans
        ]
        self.fields["party"].choices = [("", gettext_lazy("any party"))] + [
            (s, n) for _, s, n in parties
        ]
        # "from" and "to" are Python keywords: declared here rather than as attributes.
        self.fields["from"] = forms.IntegerField(
            label=gettext_lazy("From revision"), required=False, min_value=1, max_value=1_000_000
        )
        self.fields["to"] = forms.IntegerField(
            label=gettext_lazy("To revision"), required=False, min_value=1, max_value=1_000_000
        )
        # Rearranged so the revision range sits before the check box.
        order = ["q", "plan", "party", "topic", "kind", "lang", "from", "to", "current"]
        self.order_fields(order)

    def clean(self):
        data = super().clean()
        first, last = data.get("from"), data.get("to")
        if first is not None and last is not None and last < first:
            self.add_error("to", REVISION_ORDER.format(first=first))
        query = data.get("q")
        self.parsed: ParsedQuery | None = None
        if query:
            try:
                self.parsed = parse_query(query)
            except QueryRefused as refused:
                self.add_error("q", str(refused))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            plan=self.plan_ids.get(data["plan"]) if data["plan"] else None,
            party=self.party_ids.get(data["party"]) if data["party"] else None,
            topic=data["topic"],
            kinds=tuple(data["kind"]),
            revision_from=data["from"],
            revision_to=data["to"],
            current_only=data["current"],
            language=self._language(data["lang"]),
        )

    @staticmethod
    def _language(code: str) -> str | None:
        """The passages' language for ``Filters``: None for every language, ``ORIGINAL``
        for the original's (the record's own texts), else the translations' code."""
        if not code:
            return None
        return ORIGINAL if code == original_language() else code
