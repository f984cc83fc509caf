"""Record a translation of a revision from its pasted text: paste, check which clause each
point translates, confirm.

As with a pasted draft, nothing is stored between the steps: the confirmation page carries
the pasted text, and confirming splits and matches it again (the same text gives the same
points). A text that looks like a translation of another revision is flagged, and recorded
only when the editor ticks "Record it anyway".
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from clauses import selectors
from clauses.views.editing.edit_flow import editor_required, found_or_404
from core.forms import add_service_errors
from drafting.parse import parse_draft
from drafting.translation_align import OriginalPoint, align_translation
from drafting.translation_forms import TranslationAlignForm, TranslationPasteForm
from translations.languages import LANGUAGES
from translations.selectors import revision_points, translations_of_revision
from translations.services import TranslatedPoint, translations_record

RECORDED = (
    "{language} text of revision {number} recorded: {created} new, {changed} changed, "
    "{unchanged} unchanged."
)
# "Check again" keeps the editor's choices and records nothing.
CHECK = "check"
PERMISSIONS = (
    "translations.add_clauseversiontranslation",
    "translations.change_clauseversiontranslation",
)


@editor_required(*PERMISSIONS)
def translation_paste(request, plan, number):
    revision = found_or_404(selectors.revision_get, plan_slug=plan, number=number)
    form = TranslationPasteForm(request.POST or None)
    if form.is_valid():
        return _alignment_page(request, revision, form.cleaned_data)
    return _render_paste(request, revision, form)


@require_POST
@editor_required(*PERMISSIONS)
def translation_confirm(request, plan, number):
    revision = found_or_404(selectors.revision_get, plan_slug=plan, number=number)
    paste = TranslationPasteForm(request.POST)
    if not paste.is_valid():
        # The text no longer splits into points, or a detail went wrong: the paste page,
        # with everything typed in it.
        return _render_paste(request, revision, paste)
    form = _alignment_form(revision, paste.cleaned_data, data=request.POST)
    if form.is_valid() and CHECK not in request.POST:
        language = form.cleaned_data["language"]
        try:
            recorded = translations_record(
                revision=revision,
                language=language,
                points=[TranslatedPoint(pk, text) for pk, text in form.confirmed()],
                official=form.cleaned_data["official"],
                source=form.cleaned_data["source"],
                source_title=form.cleaned_data["source_title"],
                source_url=form.cleaned_data["source_url"],
                user=request.user,
                summary=form.cleaned_data["edit_summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext(RECORDED).format(
                    language=LANGUAGES[language].name,
                    number=revision.number,
                    created=recorded.created,
                    changed=recorded.changed,
                    unchanged=recorded.unchanged,
                ),
            )
            return redirect(f"{revision.get_absolute_url()}?lang={language}")
    return _render_alignment(request, revision, form)


def _alignment_form(revision, pasted: dict, *, data=None) -> TranslationAlignForm:
    points = revision_points(revision=revision)
    alignment = align_translation(
        parse_draft(pasted["text"]).points,
        [OriginalPoint(key=p.pk, number=p.number, text=p.text) for p in points],
        revision_number=revision.number,
    )
    translated = set(translations_of_revision(revision=revision, language=pasted["language"]))
    return TranslationAlignForm(
        data,
        initial=None if data is not None else pasted,
        alignment=alignment,
        points=points,
        translated=translated,
    )


def _alignment_page(request, revision, pasted: dict):
    return _render_alignment(request, revision, _alignment_form(revision, pasted))


def _render_alignment(request, revision, form):
    language = form["language"].value()
    return render(
        request,
        "drafting/translation_align.html",
        {
            "plan": revision.plan,
            "revision": revision,
            "form": form,
            "rows": form.rows(),
            "language": LANGUAGES.get(language),
            "preamble": parse_draft(form["text"].value()).preamble,
            "check": CHECK,
        },
    )


def _render_paste(request, revision, form):
    return render(
        request,
        "drafting/translation_paste.html",
        {"plan": revision.plan, "revision": revision, "form": form},
    )
