"""The editor's form recording a source: its fields, its text, and an explicit "no URL
given" when it has no address."""

from django import forms
from django.utils.translation import gettext_lazy

from core.forms import in_readers_words, summary_field
from sources.fields import SOURCE
from sources.models import Source
from sources.text import MAX_TEXT, TOO_LONG

URL_OR_NONE = 'Give the source\'s URL, or tick "No URL given".'
URL_AND_NONE = 'A URL is given: untick "No URL given", or clear the URL.'


class SourceForm(forms.ModelForm):
    no_url_given = forms.BooleanField(
        required=False,
        label=gettext_lazy("No URL given"),
        help_text=gettext_lazy(
            "Tick when the source has no web address (a printed text, a report that names none)."
        ),
    )
    edit_summary = summary_field()

    class Meta:
        model = Source
        fields = (*SOURCE.form_fields, "text")
        widgets = {
            "text": forms.Textarea(attrs={"rows": 16}),
            "published_on": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {
            "published_on": "Published on",
            "published_on_precision": "Date known to the",
            "text": "Full text",
        }
        help_texts = {
            "text": f"Paste the whole text (at most {MAX_TEXT:,} characters): every quote "
            "citing this source is checked against it. HTML is stripped to its text.",
        }

    field_order = ("kind", "title", "outlet", "url", "no_url_given")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's own limit is checked here first, with the same message.
        self.fields["text"].max_length = None
        in_readers_words(self)
        self.fields["text"].widget.attrs.pop("maxlength", None)

    def clean_text(self):
        text = self.cleaned_data.get("text") or ""
        if len(text) > MAX_TEXT:
            raise forms.ValidationError(TOO_LONG.format(length=len(text)))
        return text

    def clean(self):
        cleaned = super().clean()
        url, none = cleaned.get("url"), cleaned.get("no_url_given")
        if "url" not in self.errors:
            if not url and not none:
                self.add_error("url", URL_OR_NONE)
            elif url and none:
                self.add_error("no_url_given", URL_AND_NONE)
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
