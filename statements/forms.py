"""The forms of "Propose statements from a report": the report (pasted, or a stored
source), then one form per proposal to accept, edit or reject. Nothing a form refuses is
lost: each is shown again with what was typed."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from clauses.vocabularies import Stance
from core.forms import summary_field
from sources.models import Source
from sources.text import MAX_TEXT, TOO_LONG, prepare_text
from sources.vocabularies import DatePrecision, SourceKind
from statements import language

EMPTY_TEXT = "Paste the report's text, or choose a stored source."
BOTH_GIVEN = "Paste a report or choose a stored source, not both."
TITLE_REQUIRED = "Give the report's title: the positions accepted from it cite it."
READ_LANGUAGES = [("", "detect"), *language.READS.items()]
ACCEPT, REJECT = "accept", "reject"
CLAUSE_REQUIRED = "Choose the clause this statement is a position on, or reject it."
PARTY_REQUIRED = "Choose the party this statement is a position of, or reject it."
QUOTE_REQUIRED = "An accepted statement keeps its quote: copy it from the report."
STORE_SUMMARY = "Report stored to propose statements from it"
ACCEPT_SUMMARY = "Position from a statement in the report"


class ReportForm(forms.Form):
    """A report to propose statements from: pasted with its details, or a stored source."""

    conflict = None

    source: "forms.ModelChoiceField[Source]" = forms.ModelChoiceField(
        queryset=None,  # the stored sources with a text, set per form
        required=False,
        label=gettext_lazy("Or choose a stored source"),
        help_text=gettext_lazy("A source already recorded with its text."),
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        strip=False,
        label=gettext_lazy("Report text"),
        help_text=format_lazy(
            gettext_lazy(
                "As published, up to {count} characters, in {languages}. HTML is stripped to "
                "its text."
            ),
            count=f"{MAX_TEXT:,}",
            languages=language.languages_read(),
        ),
    )
    title = forms.CharField(max_length=300, required=False)
    outlet = forms.CharField(
        max_length=200, required=False, help_text=gettext_lazy("Who published it.")
    )
    url = forms.URLField(
        label=gettext_lazy("URL"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Blank when none is given."),
    )
    published_on = forms.DateField(
        required=False,
        label=gettext_lazy("Published on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_on_precision = forms.ChoiceField(
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
        label=gettext_lazy("Date known to the"),
    )
    kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.NEWS_REPORT)
    language = forms.ChoiceField(choices=READ_LANGUAGES, required=False)
    edit_summary = summary_field()

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["edit_summary"].initial = STORE_SUMMARY
        self.html_stripped = False

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > MAX_TEXT:
            raise forms.ValidationError(TOO_LONG.format(length=len(text)))
        return text

    def clean(self):
        data = super().clean()
        text, source = (data.get("text") or ""), data.get("source")
        if self.has_error("text") or self.has_error("source"):
            return data
        if source is not None and text.strip():
            raise forms.ValidationError(BOTH_GIVEN)
        if source is not None:
            return data
        if not text.strip():
            self.add_error("text", EMPTY_TEXT)
            return data
        prepared = prepare_text(text)
        self.html_stripped = prepared.html_stripped
        if not prepared.text.strip():
            self.add_error("text", EMPTY_TEXT)
            return data
        detected = data.get("language") or language.detect(prepared.text)
        if detected is None:
            self.add_error(
                "text",
                OTHER_LANGUAGE_FORM.format(languages=language.languages_read()),
            )
            return data
        data["language"] = detected
        if not (data.get("title") or "").strip():
            self.add_error("title", TITLE_REQUIRED)
        return data

    def source_values(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "title": data["title"].strip(),
            "outlet": data["outlet"],
            "url": data["url"],
            "published_on": data["published_on"],
            "published_on_precision": data["published_on_precision"],
            "kind": data["kind"],
            "language": data["language"],
        }


OTHER_LANGUAGE_FORM = (
    "No statements found: this text is not in a language proposals are made from "
    "({languages}). Paste a report in one of them, or choose its language below if it is."
)


class ProposalForm(forms.Form):
    """One proposed statement: accept it (edited or not) or reject it."""

    decision = forms.ChoiceField(
        choices=[(ACCEPT, "Accept"), (REJECT, "Reject")],
        initial=REJECT,
        widget=forms.RadioSelect,
    )
    quote = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        strip=False,
        help_text=gettext_lazy("Verbatim from the report; “[...]” between parts left out."),
    )
    party = forms.ChoiceField(required=False)
    clause_version = forms.ChoiceField(required=False, label=gettext_lazy("Clause"))
    stance = forms.ChoiceField(choices=Stance.choices, initial=Stance.UNKNOWN)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label=gettext_lazy("Position in a sentence or two"),
    )
    stated_on = forms.DateField(
        required=False,
        label=gettext_lazy("Stated on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    stated_on_precision = forms.ChoiceField(
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
        label=gettext_lazy("Date known to the"),
    )
    speaker = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.CharField(widget=forms.HiddenInput, required=False)

    concerns = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, parties: dict, clause_versions: dict, **kwargs):
        """``parties`` by slug and ``clause_versions`` by id (as text), read once for all
        the proposals of the page: the choices cost no query per proposal."""
        super().__init__(*args, **kwargs)
        self.parties, self.versions_by_id = parties, clause_versions
        self.fields["party"].choices = [("", "—"), *((s, p.name) for s, p in parties.items())]  # type: ignore[attr-defined]
        self.fields["clause_version"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((key, f"{v.number}. {v.clause.title}") for key, v in clause_versions.items()),
        ]

    def clean(self):
        data = super().clean()
        if data.get("decision") != ACCEPT:
            return data
        data["party"] = self.parties.get(data.get("party") or "")
        data["clause_version"] = self.versions_by_id.get(data.get("clause_version") or "")
        if data["party"] is None:
            self.add_error("party", PARTY_REQUIRED)
        if data["clause_version"] is None:
            self.add_error("clause_version", CLAUSE_REQUIRED)
        if not (data.get("quote") or "").strip():
            self.add_error("quote", QUOTE_REQUIRED)
        return data

    @property
    def accepted(self) -> bool:
        return self.cleaned_data.get("decision") == ACCEPT


class ConfirmForm(forms.Form):
    """The edit summary of the positions recorded from the accepted proposals."""

    conflict = None
    edit_summary = summary_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_summary"].initial = ACCEPT_SUMMARY


ProposalFormSet = forms.formset_factory(ProposalForm, extra=0)
