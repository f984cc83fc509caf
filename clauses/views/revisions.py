"""The revisions of a plan: the timeline, and one revision in draft order."""

from typing import NamedTuple

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render

from clauses.models import Revision
from clauses.selectors import (
    current_among,
    revision_change_counts,
    revision_get,
    revisions_with_clause_counts,
)
from clauses.selectors.corrections import deletions_in, revision_corrections
from clauses.selectors.plans import RevisionChanges, clause_versions_of
from clauses.text_languages import LANG, LanguageRefused, reading_of
from clauses.views.plans import plan_or_404
from core.conditional import reads_query

NO_SUCH_REVISION = "This plan has no revision with that number."
# Every position of every clause is on this page: 50 clauses keep a long negotiation's
# page within its budget (tests/browser/test_page_budgets.py).
REVISION_PAGE_SIZE = 50


class TimelineEntry(NamedTuple):
    revision: Revision
    changes: RevisionChanges | None  # None for a revision that continues none


@reads_query()
def revision_list(request, plan):
    """The timeline, newest first, with what each revision changed."""
    plan = plan_or_404(plan)
    revisions = list(revisions_with_clause_counts(plan=plan))
    counts = revision_change_counts(plan=plan)
    timeline = [TimelineEntry(r, counts.get(r.pk)) for r in reversed(revisions)]
    return render(
        request,
        "clauses/revision_list.html",
        {
            "plan": plan,
            "timeline": timeline,
            "current": current_among(revisions),
            "section": "revisions",
        },
    )


@reads_query("page", "format", LANG)
def revision_detail(request, plan, number):
    try:
        revision = revision_get(plan_slug=plan, number=number)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION) from None
    # Read whole (the same two queries), then paged in Python.
    page = Paginator(list(clause_versions_of([revision])), REVISION_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    try:
        # The texts of the page's clauses in the language asked for (one query).
        reading = reading_of(request.GET.get(LANG, ""), page.object_list)
    except LanguageRefused as refused:
        return HttpResponseBadRequest(refused.message, content_type="text/plain; charset=utf-8")
    return render(
        request,
        "clauses/revision_detail.html",
        {
            "plan": revision.plan,
            "revision": revision,
            "page": page,
            "reading": reading,
            "deletions": list(deletions_in(revision=revision)),
            "corrections": revision_corrections(revision=revision),
            "section": "revisions",
        },
    )
