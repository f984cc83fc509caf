"""The search page: ``/search/?q=...`` with its filters, results grouped by clause."""

from django.shortcuts import render

from core.conditional import reads_query
from search.forms import PARAMETERS, SearchForm
from search.rendering import shown
from search.selectors import party_choices, plan_choices, search_page
from search.services import index_catch_up


def page_number(raw: str | None) -> int:
    """``?page=``: a number from 1, anything else the first page."""
    return int(raw) if raw and raw.isascii() and raw.isdigit() and 0 < int(raw) < 10**6 else 1


@reads_query(*PARAMETERS)
def search(request):
    form = SearchForm(
        request.GET if request.GET.get("q") is not None else None,
        plans=plan_choices(),
        parties=party_choices(),
    )
    context: dict = {"form": form, "section": "search"}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and form.parsed is not None:
        index_catch_up()
        page = search_page(
            query=form.parsed, filters=form.filters(), page=page_number(request.GET.get("page"))
        )
        context["results"] = page
        context["clauses"] = shown(page, form.parsed)
    return render(request, "search/search.html", context, status=status)
