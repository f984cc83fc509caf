"""The revisions of a plan: the timeline, and one revision in draft order."""

from django.http import Http404
from django.shortcuts import render

from ..models import Revision
from ..selectors import clause_versions_of, current_among, revision_get, revisions_of
from .plans import plan_or_404

NO_SUCH_REVISION = "This plan has no revision with that number."


def revision_list(request, plan):
    plan = plan_or_404(plan)
    revisions = list(revisions_of(plan=plan))
    return render(
        request,
        "clauses/revision_list.html",
        {
            "plan": plan,
            "revisions": revisions,
            "current": current_among(revisions),
            "section": "revisions",
        },
    )


def revision_detail(request, plan, number):
    try:
        revision = revision_get(plan_slug=plan, number=number)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION) from None
    return render(
        request,
        "clauses/revision_detail.html",
        {
            "plan": revision.plan,
            "revision": revision,
            "versions": clause_versions_of([revision]),
            "section": "revisions",
        },
    )
