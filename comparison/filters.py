"""The comparison pages' filter and picker forms (GET forms: every filtered page has its
own URL): the diff's filters, the pair of revisions to compare, the party page's filters."""

from collections import Counter

from django import forms
from django.utils.translation import gettext, gettext_lazy

from clauses.filters import ANY_TOPIC
from clauses.matrix_order import POINT, largest_first
from clauses.vocabularies import TOPIC_LABELS, Stance
from clauses.vocabulary_words import STANCE_WORDS

SAME_REVISION = "Pick two different revisions to compare."


DIRECTIONS = [
    ("", gettext_lazy("either way")),
    ("toward", gettext_lazy("toward agreement")),
    ("away", gettext_lazy("away from agreement")),
]


class DiffFilterForm(forms.Form):
    """Filters of a diff. Unchanged clauses are left out unless asked for (the page counts
    them); ``party`` keeps the clauses where that party's position changed, ``direction``
    those where it (or, with no party, any party) moved that way: the clauses the summary's
    "moved" counts count."""

    unchanged = forms.BooleanField(label=gettext_lazy("Show unchanged clauses"), required=False)
    topic = forms.ChoiceField(label=gettext_lazy("Topic"), choices=ANY_TOPIC, required=False)
    party = forms.ChoiceField(label=gettext_lazy("Party"), required=False)
    direction = forms.ChoiceField(label=gettext_lazy("Moved"), choices=DIRECTIONS, required=False)
    clause = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", gettext("any party"))] + [
            (p.party_slug, p.party_name) for p in parties
        ]

    def apply(self, clauses) -> tuple[list, int]:
        """The clause diffs that pass the filters (all but the unchanged ones when the form
        is invalid), and how many unchanged clauses were left out for being unchanged."""
        data = self.cleaned_data if self.is_valid() else {}
        topic, party, direction = data.get("topic"), data.get("party"), data.get("direction")
        clause = data.get("clause")
        kept = [
            c
            for c in clauses
            if (not topic or c.topic == topic)
            and (not clause or c.slug == clause)
            and (not (party or direction) or _moved(c, party, direction))
        ]
        if data.get("unchanged") or clause:
            return kept, 0
        shown = [c for c in kept if c.change != "unchanged"]
        return shown, len(kept) - len(shown)


def changed_by_topic(clauses) -> list[tuple[str, str, int]]:
    """Each topic with its number of clauses that did not stay unchanged, largest first."""
    counts = Counter(c.topic for c in clauses if c.change != "unchanged")
    return [
        (topic, TOPIC_LABELS.get(topic, topic), count)
        for topic, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _moved(change, party: str | None, direction: str | None) -> bool:
    for move in change.parties:
        if party and move.party_slug != party:
            continue
        if direction and move.direction == direction:
            return True
        if not direction and move.changed:
            return True
    return False


class CompareForm(forms.Form):
    """Pickers for the two sides of a comparison, among the plan's revisions."""

    a = forms.TypedChoiceField(label=gettext_lazy("From revision"), coerce=int)
    b = forms.TypedChoiceField(label=gettext_lazy("To revision"), coerce=int)

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


# The default order is the empty value, so that a submitted form leaves it out of the URL.
PARTY_SORTS = [
    ("", gettext_lazy("where it stands apart from the others, furthest first")),
    (POINT, gettext_lazy("point (draft order)")),
]


class PartyFilterForm(forms.Form):
    """Filters and order of a party's page: a GET form, so every view has its own URL.

    ``plan`` is a slug, checked against the plans the party holds positions in by the page
    (which knows them only once it has read its rows, and fills the menu with them), so
    that an unknown plan is named in a message rather than dropping every other filter."""

    plan = forms.SlugField(label=gettext_lazy("Plan"), required=False, widget=forms.Select)
    topic = forms.ChoiceField(label=gettext_lazy("Topic"), choices=ANY_TOPIC, required=False)
    stance = forms.MultipleChoiceField(
        label=gettext_lazy("Stance"),
        choices=[(value, STANCE_WORDS[value]) for value in Stance.values],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    since = forms.IntegerField(
        label=gettext_lazy("Moved since revision"),
        min_value=1,
        max_value=2_147_483_647,
        required=False,
        widget=forms.NumberInput(attrs={"placeholder": gettext_lazy("number")}),
    )
    sort = forms.ChoiceField(label=gettext_lazy("Sort by"), choices=PARTY_SORTS, required=False)

    def offer_plans(self, plans) -> None:
        """Fill the plan menu with ``plans``, after every plan."""
        self.fields["plan"].widget.choices = [("", gettext("every plan"))] + [
            (plan.slug, plan.title) for plan in plans
        ]

    def plan_slug(self) -> str:
        return (self.cleaned_data.get("plan") or "") if self.is_valid() else ""

    def since_number(self) -> int | None:
        return self.cleaned_data.get("since") if self.is_valid() else None

    def apply(self, rows) -> list:
        """The party's rows that pass the filters, in the order asked (furthest from the
        others first by default); every row, so ordered, when the form is invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        topic, stances, since = data.get("topic"), set(data.get("stance") or ()), data.get("since")
        kept = [
            row
            for row in rows
            if (not topic or row.version.clause.topic == topic)
            and (not stances or row.stance in stances)
            and (since is None or row.stance != row.since)
        ]
        if data.get("sort") == POINT:
            return kept
        return largest_first(kept, lambda row: row.apart)
