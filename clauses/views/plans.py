"""The plan overview: where every clause stands and where each party stands on it."""

from django.http import Http404
from django.shortcuts import render

from ..filters import OverviewFilterForm
from ..models import Plan
from ..rendering import matrix_rows
from ..selectors import current_revision, plan_get, plan_matrix
from ..vocabularies import Stance

NO_SUCH_PLAN = "There is no plan at this address."


def plan_or_404(slug: str) -> Plan:
    """The plan a page's URL names, or 404."""
    try:
        return plan_get(slug)
    except Plan.DoesNotExist:
        raise Http404(NO_SUCH_PLAN) from None


def plan_overview(request, plan):
    plan = plan_or_404(plan)
    matrix = plan_matrix(revision=current_revision(plan=plan))
    form = OverviewFilterForm(request.GET, parties=matrix.parties)
    matrix = matrix.narrow(**form.narrowing())
    return render(
        request,
        "clauses/plan_overview.html",
        {
            "plan": plan,
            "revision": matrix.revision,
            "matrix": matrix,
            "matrix_rows": matrix_rows(matrix, plan_slug=plan.slug) if matrix.rows else "",
            "form": form,
            "stances": Stance.choices,
            "section": "overview",
        },
    )
