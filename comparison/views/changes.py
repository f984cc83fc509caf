"""What was recorded in a plan since a day: ``/plans/<plan>/changes/?since=YYYY-MM-DD``."""

import datetime
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render

from clauses.selectors.changes import plan_changes
from clauses.since import SINCE, SinceError, parse_since
from clauses.views.plans import plan_or_404
from clauses.vocabularies import STANCE_LABELS
from core.conditional import reads_query

# Clauses a page: each holds its rewordings and moves, so a page stays readable.
CHANGES_PAGE_SIZE = 25
# Without ``since``, the page redirects to the last month.
DEFAULT_DAYS = 30


@reads_query(SINCE, "page")
def plan_changes_page(request, plan):
    plan = plan_or_404(plan)
    given = request.GET.get(SINCE)
    if given is None or not given.strip():
        # To the last month's address: the day is then in the URL, which a reader can cite,
        # and the page kept under the plan's stamp never outlives the day it names.
        start = datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=DEFAULT_DAYS)
        return redirect(f"{request.path}?{urlencode({SINCE: start.isoformat()})}")
    try:
        since = parse_since(given)
    except SinceError as refused:
        return HttpResponseBadRequest(str(refused), content_type="text/plain; charset=utf-8")
    changes = plan_changes(plan=plan, since=since)
    page = Paginator(changes.clauses, CHANGES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "comparison/changes.html",
        {
            "plan": plan,
            "since": since,
            "changes": changes,
            "page": page,
            "stances": STANCE_LABELS,
            "section": "changes",
        },
    )
