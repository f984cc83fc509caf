"""Propose statements from a report (editors): paste a report or choose a stored source;
the report is stored as a source; the statements proposed from it are shown to accept,
edit or reject; the accepted ones become positions citing it. Nothing but the source is
recorded before the editor confirms, and the proposals are computed again from the
stored text on every visit (the same text gives the same proposals)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from clauses import selectors as clause_selectors
from clauses.views.editing.edit_flow import editor_required, found_or_404
from core.forms import add_service_errors
from sources.text import HTML_STRIPPED
from statements import selectors, services
from statements.clauses_match import WHOLE_PLAN
from statements.extract import DIRECT
from statements.forms import REJECT, ConfirmForm, ProposalFormSet, ReportForm

PERMISSIONS = ("clauses.add_position", "clauses.change_position")
STORED = "Report stored as source “{title}”: check the statements proposed from it."
NO_TEXT = (
    "Source “{title}” has no text recorded, so no statement can be proposed from it: add "
    "its text first."
)
NOTHING_ACCEPTED = (
    "No proposal is accepted: nothing was recorded. Accept the statements to record, or "
    "leave this page."
)
RECORDED = "{count} position(s) recorded from “{title}”, citing it."


@editor_required(*PERMISSIONS)
def propose(request, plan):
    """The report to propose statements from."""
    plan = found_or_404(clause_selectors.plan_get, plan)
    form = ReportForm(request.POST or None, sources=selectors.stored_reports())
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data.get("source")
        if source is None:
            source = services.report_store(
                values=form.source_values(),
                user=request.user,
                summary=form.cleaned_data["edit_summary"],
            )
            if getattr(source, "html_stripped", False):
                messages.warning(request, gettext(HTML_STRIPPED))
            messages.info(request, gettext(STORED).format(title=source.title))
        return redirect(_review_url(plan, source.pk))
    return render(request, "statements/propose.html", {"plan": plan, "form": form})


@editor_required(*PERMISSIONS)
def review(request, plan, source):
    """The statements proposed from stored source ``source``, to accept, edit or reject."""
    plan = found_or_404(clause_selectors.plan_get, plan)
    source = found_or_404(selectors.source_with_text, source)
    if not source.text:
        messages.error(request, gettext(NO_TEXT).format(title=source.title))
        return redirect(reverse("editing:statements_propose", kwargs={"plan": plan.slug}))
    proposing = selectors.proposing_for(plan=plan)
    kwargs = {"parties": proposing.parties, "clause_versions": proposing.clause_versions}
    message = ""
    if request.method == "POST":
        formset = ProposalFormSet(request.POST, form_kwargs=kwargs)
        confirm = ConfirmForm(request.POST)
        if formset.is_valid() and confirm.is_valid():
            recorded = _record(request, source, formset, confirm)
            if recorded:
                messages.success(
                    request, gettext(RECORDED).format(count=recorded, title=source.title)
                )
                return redirect(plan)
    else:
        extraction = proposing.propose(source.text, _language(source.language))
        message = extraction.message
        initial = [_initial(p, proposing) for p in extraction.proposals]
        formset = ProposalFormSet(initial=initial, form_kwargs=kwargs)
        confirm = ConfirmForm()
    return render(
        request,
        "statements/review.html",
        {
            "plan": plan,
            "source": source,
            "formset": formset,
            "form": confirm,
            "message": message,
            "no_clauses": not proposing.clause_versions,
        },
    )


def _record(request, source, formset, confirm) -> int:
    """Record the accepted proposals; the number recorded, or 0 with the refusal on the
    page (nothing recorded then)."""
    chosen = [(f, f.cleaned_data) for f in formset.forms if f.accepted]
    if not chosen:
        confirm.add_error(None, NOTHING_ACCEPTED)
        return 0
    accepted = [
        services.Accepted(
            clause_version=data["clause_version"],
            party=data["party"],
            stance=data["stance"],
            quote=data["quote"].strip(),
            summary=data["summary"],
            stated_on=data["stated_on"],
            stated_on_precision=data["stated_on_precision"],
        )
        for _, data in chosen
    ]
    try:
        saved = services.statements_accept(
            source=source,
            accepted=accepted,
            user=request.user,
            summary=confirm.cleaned_data["edit_summary"],
        )
    except services.ProposalRefused as refused:
        add_service_errors(chosen[refused.index][0], refused.error)
        return 0
    return len(saved)


def _language(code: str) -> str | None:
    return code if code in ("en", "uk", "ru") else None


def _initial(proposal, proposing) -> dict:
    keys = [k for k in proposal.clauses if k != WHOLE_PLAN]
    concerns = [
        f"{proposing.clause_versions[k].number}. {proposing.clause_versions[k].clause.title}"
        for k in keys
        if k in proposing.clause_versions
    ]
    if WHOLE_PLAN in proposal.clauses:
        concerns.append(WHOLE_PLAN)
    return {
        "decision": REJECT,
        "quote": proposal.quote,
        "party": proposal.party if proposal.party in proposing.parties else "",
        "clause_version": keys[0] if keys else "",
        "stance": proposal.stance,
        "summary": "" if proposal.kind == DIRECT else proposal.quote,
        "stated_on": proposal.stated_on,
        "stated_on_precision": proposal.date_precision or "day",
        "speaker": proposal.speaker,
        "kind": proposal.kind,
        "concerns": "; ".join(concerns),
    }


def _review_url(plan, source_pk: int) -> str:
    return reverse("editing:statements_review", kwargs={"plan": plan.slug, "source": source_pk})
