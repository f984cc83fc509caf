"""The synopsis: two to six revisions of a plan side by side, one row per clause.

``/plans/<plan>/synopsis/?revisions=1,3,5&base=1&topic=&show=&party=&page=``: every choice
is in the URL. The column pickers submit ``c`` once per column (in order); that answers a
redirect to the same page with ``revisions`` instead, so a synopsis has one address.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from clauses.selectors import revisions_of
from clauses.views.plans import plan_or_404
from clauses.vocabularies import PROVENANCE_LABELS, TOPIC_LABELS
from comparison import synopsis as pure
from comparison.selectors.synopsis import revision_infos, synopsis_of
from comparison.synopsis_filters import SynopsisFilterForm
from comparison.synopsis_rendering import synopsis_rows
from core.conditional import reads_query

# Enough rows to read through; few enough for six columns of ten parties' stances on a
# long negotiation to stay within the page budget (1 MB, 20,000 elements).
SYNOPSIS_PAGE_SIZE = 50
FILTERS = ("topic", "show", "party")
PICKER = "c"


def chosen(request, plan, infos) -> tuple[list[int], int]:
    """The picked revisions' numbers and the base's, from the request (or the default
    ones); ``SynopsisRefused`` naming the parameter at fault."""
    return pure.choose(request.GET.get("revisions"), request.GET.get("base"), infos, plan=plan.slug)


def _picked_url(request, plan) -> str:
    """The synopsis the column pickers ask for, at its one address."""
    numbers = [value for value in request.GET.getlist(PICKER) if value]
    query = {"revisions": ",".join(numbers)}
    for name in ("base", *FILTERS):
        if request.GET.get(name):
            query[name] = request.GET[name]
    return f"{reverse('clauses:synopsis', kwargs={'plan': plan.slug})}?{urlencode(query)}"


@reads_query("revisions", "base", PICKER, *FILTERS, "page", "format", "shape")
def synopsis_page(request, plan):
    plan = plan_or_404(plan)
    if PICKER in request.GET:
        return redirect(_picked_url(request, plan))
    revisions = list(revisions_of(plan=plan))
    infos = revision_infos(revisions)
    context = {"plan": plan, "revisions": revisions, "section": "synopsis"}
    try:
        numbers, base = chosen(request, plan, infos)
    except pure.SynopsisRefused as refused:
        context.update(error=str(refused), error_field=refused.field, picked=[], slots=_slots([]))
        # A plan of fewer than two revisions is not the reader's error.
        status = 200 if len(revisions) < pure.MIN_COLUMNS else 400
        return render(request, "comparison/synopsis.html", context, status=status)
    result = synopsis_of(plan=plan, revisions=infos, numbers=numbers, base=base)
    form = SynopsisFilterForm(request.GET, parties=result.parties)
    rows = form.apply(result.rows)
    page = Paginator(rows, SYNOPSIS_PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        synopsis=result,
        picked=numbers,
        base=base,
        slots=_slots(numbers),
        rows=rows,
        page=page,
        body=synopsis_rows(page.object_list, result, plan_slug=plan.slug) if rows else "",
        filter_form=form,
        topic_counts=[
            (topic, TOPIC_LABELS.get(topic, topic), count, _with(request, topic=topic))
            for topic, count in result.counts.topics.items()
        ],
        show_links={show: _with(request, show=show) for show in pure.SHOWS},
        party_counts=[
            (party, result.counts.parties[party.slug], _with(request, party=party.slug))
            for party in result.parties
        ],
        headers=[
            (
                column,
                _with(request, base=column.number),
                PROVENANCE_LABELS.get(column.provenance, column.provenance),
            )
            for column in result.columns
        ],
    )
    return render(request, "comparison/synopsis.html", context)


def _with(request, **changed) -> str:
    """This page's query with ``changed`` values (and from the first page)."""
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in changed.items():
        query[name] = value
    return f"?{query.urlencode()}"


def _slots(numbers) -> list[int | None]:
    """The six column pickers' picks."""
    return [*numbers, *[None] * (pure.MAX_COLUMNS - len(numbers))]
