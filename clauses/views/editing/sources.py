"""Recording a source positions may cite, and the text of one recorded without it
(editors who may record positions)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from clauses.services.sources import source_text_attach
from clauses.views.editing.edit_flow import editor_required, found_or_404
from core.forms import add_service_errors, summary_field
from core.tracking import EditConflict
from sources import services
from sources.forms import SourceForm
from sources.selectors import source_get
from sources.text import HTML_STRIPPED, MAX_TEXT, TOO_LONG

SOURCE_RECORDED = "Source recorded. Positions may now cite it, their quotes checked against it."
TEXT_RECORDED = "Text recorded: every quote citing this source is checked against it."
TEXT_ALREADY = "This source's text is recorded already; it is not changed."
CHANGED_MEANWHILE = "Someone changed this source meanwhile: check it and save again."


@editor_required("clauses.add_position")
def source_record(request):
    form = SourceForm(request.POST or None)
    if form.is_valid():
        try:
            source = services.source_create(
                values=form.values(),
                user=request.user,
                summary=form.cleaned_data["edit_summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext(SOURCE_RECORDED))
            if source.html_stripped:
                messages.warning(request, gettext(HTML_STRIPPED))
            return redirect(source)
    return render(request, "sources/source_form.html", {"form": form})


class SourceTextForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        strip=False,
        label=gettext_lazy("Text"),
        help_text=format_lazy(
            gettext_lazy(
                "The whole text (at most {count} characters): each quote citing the source "
                "must be in it."
            ),
            count=f"{MAX_TEXT:,}",
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    edit_summary = summary_field()

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > MAX_TEXT:
            raise forms.ValidationError(TOO_LONG.format(length=len(text)))
        return text


@editor_required("clauses.change_position")
def source_text(request, source: int):
    found = found_or_404(source_get, source)
    if found.text:
        messages.info(request, gettext(TEXT_ALREADY))
        return redirect(found)
    form = SourceTextForm(request.POST or None, initial={"version": found.version})
    if form.is_valid():
        try:
            saved = source_text_attach(
                source=found,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                user=request.user,
                summary=form.cleaned_data["edit_summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except EditConflict:
            form.add_error(None, CHANGED_MEANWHILE)
        else:
            messages.success(request, gettext(TEXT_RECORDED))
            if saved.html_stripped:
                messages.warning(request, gettext(HTML_STRIPPED))
            return redirect(saved)
    return render(request, "sources/source_text_form.html", {"form": form, "source": found})
