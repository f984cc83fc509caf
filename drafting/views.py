"""Record a draft from its pasted text: paste, check the proposed alignment, confirm.

Nothing is stored between the steps: the alignment page carries the pasted text, and
confirming splits and aligns it again (the same text gives the same points), so any app
server can take any step. Splitting a point at the labels its text holds rewrites that text
(``parse.split_point``) and aligns it again.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from clauses import selectors
from clauses.views.editing.edit_flow import editor_required, found_or_404
from clauses.vocabularies import Coverage
from core.forms import add_service_errors
from drafting.coverage import guess_coverage, too_many_dropped
from drafting.forms import TEXT_CHANGED, AlignmentForm, PasteForm
from drafting.parse import DraftParseError, parse_draft, split_point
from drafting.selectors import revision_recorded
from drafting.services import draft_align, revision_from_paste

RECORDED = (
    "Revision {number} recorded from the pasted text: {kept} point(s) kept their clause, "
    "{new} new clause(s), {dropped} clause(s) dropped."
)
SPLIT_DONE = (
    "Point {number} was split at the labels its text held ({labels}), and the text aligned "
    "again: check the new points."
)
SWITCHED_TO_PARTIAL = (
    "The draft is now partial: the clauses no point matches will be recorded as not "
    "described, not as removed."
)
PASTE_RACE = (
    "Revision {number} was recorded by {who} on {when} while you were checking this "
    "alignment, so nothing was recorded. Align your text again against revision {current} "
    "(the plan's current revision): your text and the revision's details are kept."
)
PASTE_RACE_SOMEONE = "someone"
# Buttons of the alignment page besides "Record": check again with the current choices,
# start over from the (edited) text, split a point at the labels its text holds, or
# record the draft as partial.
CHECK = "check"
REALIGN = "realign"
SPLIT = "split"
PARTIAL = "switch_partial"
# What aligning again carries over from the page: the revision's details, not the matches
# (the points may have changed).
CARRIED = ("label", *AlignmentForm.REVISION_FIELDS, "branch", "edit_summary")


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
        carried = (
            {"coverage": form.cleaned_data["coverage"]} if form.cleaned_data["coverage"] else {}
        )
        return _alignment_page(request, plan, previous, form.cleaned_data["text"], carried=carried)
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
    note = ""
    if SPLIT in request.POST:
        text, note = _split(text, request.POST[SPLIT])
    try:
        proposal = draft_align(text=text, previous=previous)
    except DraftParseError:
        return _paste_again(request, plan, previous, text)
    if REALIGN in request.POST or SPLIT in request.POST:
        carried = {name: request.POST[name] for name in CARRIED if name in request.POST}
        return _alignment_page(
            request, plan, previous, text, proposal=proposal, note=note, carried=carried
        )
    data = request.POST
    if PARTIAL in data:
        data = data.copy()
        data["coverage"] = Coverage.PARTIAL
        note = SWITCHED_TO_PARTIAL
    form = AlignmentForm(data, proposal=proposal, plan_clauses=selectors.plan_clauses(plan=plan))
    race = None
    if form.is_valid() and CHECK not in data and PARTIAL not in data:
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
            if "number" in getattr(error, "error_dict", {}):
                race = _race(plan, form.cleaned_data["expected_number"])
                form.add_error(None, race["message"])
            else:
                add_service_errors(form, error)
        else:
            messages.success(
                request, gettext(RECORDED).format(number=revision.number, **form.outcome())
            )
            return redirect(revision)
    if form.has_error("__all__", code="text_changed"):
        # The editor changed the text: show the new points' proposal, with the note.
        return _alignment_page(request, plan, previous, text, proposal=proposal, note=TEXT_CHANGED)
    return _render_alignment(request, plan, previous, form, note=note, race=race)


def _split(text: str, index: str) -> tuple[str, str]:
    """The text with point ``index`` split at its embedded labels, and the note saying so."""
    try:
        point = parse_draft(text).points[int(index)]
    except (DraftParseError, ValueError, IndexError):
        return text, ""
    if not point.embedded:
        return text, ""
    labels = ", ".join(point.embedded)
    return split_point(text, int(index)), SPLIT_DONE.format(number=point.number, labels=labels)


def _race(plan, number: int) -> dict:
    """What the page says when revision ``number`` was recorded since the editor aligned:
    who recorded it and when, and the revision to align against now."""
    recorded = revision_recorded(plan=plan, number=number)
    current = selectors.current_revision(plan=plan)
    who = (recorded.username if recorded else None) or PASTE_RACE_SOMEONE
    when = date_format(localtime(recorded.recorded_at), "j F Y, H:i T") if recorded else "—"
    return {
        "number": number,
        "who": who,
        "when": when,
        "current": current,
        "realign_url": _confirm_url(plan, current),
        "message": PASTE_RACE.format(
            number=number, who=who, when=when, current=current.number if current else number
        ),
    }


def _alignment_page(request, plan, previous, text, *, proposal=None, note="", carried=None):
    """The alignment of ``text`` against ``previous``, unconfirmed; ``carried`` are values
    of the revision's details to keep (from the paste form, or the page aligned again)."""
    if proposal is None:
        proposal = draft_align(text=text, previous=previous)
    initial = {
        "text": text,
        "expected_number": selectors.next_revision_number(plan),
        # A new draft usually comes the way its predecessor came (leaked, official...).
        **({"provenance": previous.provenance} if previous else {}),
        "coverage": guess_coverage(proposal.parsed),
        **(carried or {}),
    }
    form = AlignmentForm(
        proposal=proposal, plan_clauses=selectors.plan_clauses(plan=plan), initial=initial
    )
    return _render_alignment(request, plan, previous, form, note=note)


def _render_alignment(request, plan, previous, form, *, note="", race=None):
    dropped = form.dropped()
    previous_clauses = form.proposal.clauses
    full_text = form["coverage"].value() == Coverage.FULL_TEXT
    return render(
        request,
        "drafting/align.html",
        {
            "plan": plan,
            "previous": previous,
            "form": form,
            "rows": form.rows(),
            "dropped": dropped,
            "previous_clauses": previous_clauses,
            "kept": {c.clause_id for c in previous_clauses} - {c.clause_id for c in dropped},
            "partial": not full_text,
            "many_dropped": full_text
            and too_many_dropped(dropped=len(dropped), clauses=len(previous_clauses)),
            "error_summary": form.error_summary(),
            "preamble": form.proposal.parsed.preamble,
            # The race's current revision is the plan's, read a moment ago.
            "current": race["current"] if race else selectors.current_revision(plan=plan),
            "note": note,
            "confirm_url": _confirm_url(plan, previous),
            "check": CHECK,
            "realign": REALIGN,
            "split": SPLIT,
            "switch_partial": PARTIAL,
            "race": race,
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
