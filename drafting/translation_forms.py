"""The two steps of recording a translation of a revision: paste it, then confirm which
clause each of its points translates."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from core.forms import summary_field
from drafting.parse import DraftParseError, parse_draft
from drafting.translation_align import Alignment
from sources.models import Source
from sources.selectors import sources_in_order
from translations.languages import LANGUAGES
from translations.selectors import original_language

LEAVE_OUT = ""
CLAUSE_TWICE = (
    "Point {number} and point {other} are both matched to clause {clause}: a clause has one "
    "text per language. Leave one of them out or match it to another clause."
)
NOTHING_CHOSEN = "Every point is left out: match at least one point to a clause to record it."
CONFIRM_WRONG = (
    "Tick “Record it anyway” to record a text that looks like a translation of another "
    "revision, or go back and paste it into the right one."
)
TEXT_LABEL = gettext_lazy("Text of the translation")


def language_choices() -> list[tuple[str, str]]:
    """Every language the site knows but the originals'."""
    original = original_language()
    return [("", gettext("— choose the language —"))] + [
        (code, f"{language.name} ({code})")
        for code, language in LANGUAGES.items()
        if code != original
    ]


class TranslationPasteForm(forms.Form):
    """The translation as pasted, and what is recorded with each of its texts."""

    language = forms.ChoiceField(
        choices=(),
        label=gettext_lazy("Language of the translation"),
        help_text=gettext_lazy("The language it is in."),
    )
    official = forms.BooleanField(
        required=False,
        label=gettext_lazy("Official translation"),
        help_text=gettext_lazy(
            "Published by a party or the negotiators; leave it unticked for a news or "
            "working translation."
        ),
    )
    source: "forms.ModelChoiceField[Source]" = forms.ModelChoiceField(
        queryset=None,  # the recorded sources, set per form
        required=False,
        label=gettext_lazy("Recorded source"),
        help_text=gettext_lazy(
            "The recorded source that published the translation, if there is one; "
            "else give its title and URL below."
        ),
    )
    source_title = forms.CharField(
        max_length=300,
        required=False,
        label=gettext_lazy("Source"),
        help_text=gettext_lazy(
            "Where the translation was published: an outlet, a ministry's site."
        ),
    )
    source_url = forms.URLField(max_length=500, required=False, label=gettext_lazy("Source URL"))
    # No maxlength on the widget: a browser would cut a long paste silently, where the
    # parser says what is too long and what to do.
    text = forms.CharField(
        label=TEXT_LABEL,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false", "dir": "auto"}),
        help_text=gettext_lazy(
            'Each point on its own line, starting with its number: "1.", "2)", '
            '"Пункт 3:", "12а.". A translation of only some points keeps their numbers.'
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["source"].queryset = sources_in_order()

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            parse_draft(text)
        except DraftParseError as error:
            raise forms.ValidationError(error.message) from None
        return text


class TranslationAlignForm(TranslationPasteForm):
    """The paste again (hidden), a clause per point, and the edit summary."""

    edit_summary = summary_field()
    anyway = forms.BooleanField(required=False, label=gettext_lazy("Record it anyway"))

    def __init__(self, *args, alignment: Alignment, points: list, translated: set[int], **kw):
        """``points`` are the revision's clause versions (with their clauses), ``translated``
        the ids of those that already have a text in the language."""
        super().__init__(*args, **kw)
        self.alignment = alignment
        self.points = points
        self.translated = translated
        for name in ("language", "official", "source", "source_title", "source_url", "text"):
            self.fields[name].widget = forms.HiddenInput()
        choices = [(LEAVE_OUT, gettext("— leave this point out —"))] + [
            (str(point.pk), f"{point.number}. {point.clause.title}") for point in points
        ]
        translates = gettext("Point %(number)s translates")
        for match in alignment.matches:
            self.fields[f"point_{match.index}"] = forms.ChoiceField(
                choices=choices,
                required=False,
                label=translates % {"number": match.number},
                initial=str(match.key) if match.key is not None else LEAVE_OUT,
            )
        if not alignment.wrong_revision:
            del self.fields["anyway"]

    def chosen(self, index: int) -> int | None:
        value = self[f"point_{index}"].value()
        return int(value) if value else None

    def rows(self) -> list[dict]:
        by_pk = {point.pk: point for point in self.points}
        rows = []
        for match in self.alignment.matches:
            chosen = self.chosen(match.index)
            rows.append(
                {
                    "match": match,
                    "field": self[f"point_{match.index}"],
                    "proposed": by_pk.get(match.key) if match.key is not None else None,
                    "chosen": by_pk.get(chosen) if chosen is not None else None,
                    "replaces": chosen in self.translated,
                    "changed": chosen != match.key,
                }
            )
        return rows

    def clean(self):
        cleaned = super().clean()
        taken: dict[int, str] = {}
        numbers = {point.pk: point.number for point in self.points}
        for match in self.alignment.matches:
            value = cleaned.get(f"point_{match.index}")
            if not value:
                continue
            key = int(value)
            if key in taken:
                self.add_error(
                    f"point_{match.index}",
                    CLAUSE_TWICE.format(number=match.number, other=taken[key], clause=numbers[key]),
                )
            taken[key] = match.number
        if not taken:
            raise forms.ValidationError(NOTHING_CHOSEN)
        if self.alignment.wrong_revision and not cleaned.get("anyway"):
            self.add_error("anyway", CONFIRM_WRONG)
        return cleaned

    def confirmed(self) -> list[tuple[int, str]]:
        """(clause version id, text) of each point matched to a clause."""
        return [
            (int(self.cleaned_data[f"point_{m.index}"]), m.text)
            for m in self.alignment.matches
            if self.cleaned_data.get(f"point_{m.index}")
        ]
