"""The plan overview: where every clause stands and where each party stands on it."""

from django.shortcuts import get_object_or_404, render

from ..filters import OverviewFilterForm
from ..models import Plan
from ..rendering import matrix_rows
from ..selectors import latest_revision, plan_matrix
from ..vocabularies import Stance


def plan_overview(request, plan):
    plan = get_object_or_404(Plan, slug=plan)
    matrix = plan_matrix(revision=latest_revision(plan=plan))
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
