"""The plan overview: where every clause stands and where each party stands on it."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render

from clauses.filters import OverviewFilterForm
from clauses.models import Plan, Revision
from clauses.rendering import matrix_rows
from clauses.selectors import (
    current_revision,
    plan_get,
    plan_matrix,
    revision_get,
    rows_with_details,
)
from clauses.text_languages import LANG, LanguageRefused, reading_of_texts
from clauses.vocabularies import Stance
from core.conditional import reads_query

NO_SUCH_PLAN = "There is no plan at this address."
BAD_REVISION = "revision: give a revision number, e.g. ?revision=2."
NO_SUCH_REVISION_SHOWN = "revision: this plan has no revision {number}."
# Enough rows to read a topic at a glance, few enough that the page stays within its budget
# on a long negotiation (tests/browser/test_page_budgets.py).
OVERVIEW_PAGE_SIZE = 100


def plan_or_404(slug: str) -> Plan:
    """The plan a page's URL names, or 404."""
    try:
        return plan_get(slug)
    except Plan.DoesNotExist:
        raise Http404(NO_SUCH_PLAN) from None


def overview_revisions(plan: Plan, asked: str) -> tuple[Revision | None, Revision | None]:
    """The plan's current revision, and the one the overview shows: the current one, or
    the one ``?revision=`` asks for (a branch, an earlier draft). Raises ValueError with
    the message for a value that is no number, Http404 for a number the plan lacks."""
    current = current_revision(plan=plan)
    if not asked or (current is not None and asked == str(current.number)):
        return current, current
    if not asked.isdigit():
        raise ValueError(BAD_REVISION)
    try:
        return current, revision_get(plan_slug=plan.slug, number=int(asked))
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION_SHOWN.format(number=int(asked))) from None


@reads_query(*OverviewFilterForm.base_fields, "revision", "page", "format", LANG)
def plan_overview(request, plan):
    """The matrix of the plan's current revision, or of any revision with ``?revision=N``."""
    plan = plan_or_404(plan)
    try:
        current, shown = overview_revisions(plan, request.GET.get("revision", ""))
    except ValueError as refused:
        return HttpResponseBadRequest(str(refused))
    # The filters, the orders and the counts read every clause's stances; the summaries,
    # quotes and demands are read for the rows of the page alone, unless the text search
    # (which reads every summary) is asked for.
    searching = bool(request.GET.get("q", "").strip())
    matrix = plan_matrix(revision=shown, details=searching)
    form = OverviewFilterForm(request.GET, parties=matrix.parties)
    matrix = matrix.narrow(**form.narrowing())
    # A page number out of range shows the nearest page: a shared link outlives its data.
    page = Paginator(matrix.rows, OVERVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = page.object_list if searching else rows_with_details(matrix, page.object_list)
    try:
        # The texts of the page's clauses in the language asked for, and the languages
        # they have, for the switch (one query).
        reading = reading_of_texts(
            request.GET.get(LANG, ""), [(row.version_pk, row.text) for row in rows]
        )
    except LanguageRefused as refused:
        return HttpResponseBadRequest(refused.message, content_type="text/plain; charset=utf-8")
    return render(
        request,
        "clauses/plan_overview.html",
        {
            "plan": plan,
            "revision": matrix.revision,
            "current": current,
            "matrix": matrix,
            "matrix_rows": (
                matrix_rows(matrix, plan_slug=plan.slug, rows=rows, reading=reading)
                if matrix.rows
                else ""
            ),
            "page": page,
            "reading": reading,
            "form": form,
            "stances": Stance.choices,
            "section": "overview",
        },
    )
