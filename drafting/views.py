"""Record a draft from its pasted text: paste, check the proposed alignment, confirm.

Nothing is stored between the steps: the alignment page carries the pasted text, and
confirming splits and aligns it again (the same text gives the same points), so any app
server can take any step.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from clauses import selectors
from clauses.views.editing.edit_flow import editor_required, found_or_404
from core.forms import add_service_errors
from drafting.forms import TEXT_CHANGED, AlignmentForm, PasteForm
from drafting.parse import DraftParseError
from drafting.services import draft_align, revision_from_paste

RECORDED = (
    "Revision {number} recorded from the pasted text: {kept} point(s) kept their clause, "
    "{new} new clause(s), {dropped} clause(s) dropped."
)
# Buttons of the alignment page besides "Record": check again with the current choices,
# or start over from the (edited) text.
CHECK = "check"
REALIGN = "realign"


@editor_required("clauses.add_revision", "clauses.add_clause", "clauses.add_clauseversion")
def paste_next(request, plan, number):
    """Paste the draft that continues revision ``number``."""
    previous = found_or_404(selectors.revision_get, plan_slug=plan, number=number)
    return _paste(request, previous.plan, previous)


@editor_required("clauses.add_revision", "clauses.add_clause", "clauses.add_clauseversion")
def paste(request, plan):
    """Paste a draft of the plan: continuing its current revision, or its first draft."""
    plan = found_or_404(selectors.plan_get, plan)
    return _paste(request, plan, selectors.current_revision(plan=plan))


def _paste(request, plan, previous):
    """``previous`` is what the draft continues unless the editor picks another revision."""
    form = PasteForm(request.POST or None, plan=plan, previous=previous)
    if form.is_valid():
        previous = form.cleaned_data.get("previous") or previous
        return _alignment_page(request, plan, previous, form.cleaned_data["text"])
    return _render_paste(request, plan, previous, form)


@require_POST
@editor_required("clauses.add_revision", "clauses.add_clause", "clauses.add_clauseversion")
def paste_confirm(request, plan, number=None):
    if number is None:
        plan = found_or_404(selectors.plan_get, plan)
        previous = selectors.current_revision(plan=plan)
    else:
        previous = found_or_404(selectors.revision_get, plan_slug=plan, number=number)
        plan = previous.plan
    text = request.POST.get("text", "")
    try:
        proposal = draft_align(text=text, previous=previous)
    except DraftParseError:
        return _paste_again(request, plan, previous, text)
    if REALIGN in request.POST:
        return _alignment_page(request, plan, previous, text, proposal=proposal)
    form = AlignmentForm(
        request.POST, proposal=proposal, plan_clauses=selectors.plan_clauses(plan=plan)
    )
    if form.is_valid() and CHECK not in request.POST:
        try:
            revision = revision_from_paste(
                plan=plan,
                previous=previous,
                points=form.confirmed_points(),
                label=form.cleaned_data["label"],
                expected_number=form.cleaned_data["expected_number"],
                branch=form.cleaned_data["branch"],
                user=request.user,
                summary=form.cleaned_data["edit_summary"],
                **form.revision_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, RECORDED.format(number=revision.number, **form.outcome()))
            return redirect(revision)
    if form.has_error("__all__", code="text_changed"):
        # The editor changed the text: show the new points' proposal, with the note.
        return _alignment_page(request, plan, previous, text, proposal=proposal, note=TEXT_CHANGED)
    return _render_alignment(request, plan, previous, form)


def _alignment_page(request, plan, previous, text, *, proposal=None, note=""):
    if proposal is None:
        proposal = draft_align(text=text, previous=previous)
    form = AlignmentForm(
        proposal=proposal,
        plan_clauses=selectors.plan_clauses(plan=plan),
        initial={
            "text": text,
            "expected_number": selectors.next_revision_number(plan),
            # A new draft usually comes the way its predecessor came (leaked, official...).
            **({"provenance": previous.provenance} if previous else {}),
        },
    )
    return _render_alignment(request, plan, previous, form, note=note)


def _render_alignment(request, plan, previous, form, *, note=""):
    dropped = form.dropped()
    return render(
        request,
        "drafting/align.html",
        {
            "plan": plan,
            "previous": previous,
            "form": form,
            "rows": form.rows(),
            "dropped": dropped,
            "previous_clauses": form.proposal.clauses,
            "kept": {c.clause_id for c in form.proposal.clauses} - {c.clause_id for c in dropped},
            "error_summary": form.error_summary(),
            "preamble": form.proposal.parsed.preamble,
            "current": selectors.current_revision(plan=plan),
            "note": note,
            "confirm_url": _confirm_url(plan, previous),
            "check": CHECK,
            "realign": REALIGN,
        },
    )


def _paste_again(request, plan, previous, text):
    """The paste page again, the text in it and the parser's message on it."""
    form = PasteForm(
        {"text": text, "previous": getattr(previous, "pk", None)}, plan=plan, previous=previous
    )
    form.is_valid()
    return _render_paste(request, plan, previous, form)


def _render_paste(request, plan, previous, form):
    return render(
        request, "drafting/paste.html", {"plan": plan, "previous": previous, "form": form}
    )


def _confirm_url(plan, previous):
    if previous is None:
        return reverse("editing:paste_confirm", kwargs={"plan": plan.slug})
    return reverse(
        "editing:paste_next_confirm", kwargs={"plan": plan.slug, "number": previous.number}
    )
