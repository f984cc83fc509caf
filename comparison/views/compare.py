"""What changed: a revision against the one it continues, and any two revisions."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse

from clauses.models import Revision
from clauses.selectors import current_among, revision_get, revisions_of
from clauses.text_languages import LANG, LanguageRefused
from clauses.views.plans import plan_or_404
from clauses.views.revisions import NO_SUCH_REVISION
from comparison.filters import CompareForm, DiffFilterForm, changed_by_topic
from comparison.rendering import diff_clauses, summary_line
from comparison.selectors.diff_languages import revision_diff_in
from comparison.selectors.diffs import NothingToCompare, default_against
from core.conditional import reads_query

# Kept from the pickers to the comparison they redirect to, with the texts' language.
DIFF_FILTERS = ("unchanged", "topic", "party", "direction", LANG)
# Enough clauses to read through, few enough for a long negotiation's page to stay within
# its budget (tests/browser/test_page_budgets.py).
DIFF_PAGE_SIZE = 50


def _render_diff(request, *, plan, old, new, compare_form=None):
    """The diff page for ``old`` to ``new``, its texts in the language ``?lang=`` asks
    (the original by default; one query more for another)."""
    try:
        result, language = revision_diff_in(old=old, new=new, lang=request.GET.get(LANG, ""))
    except LanguageRefused as refused:
        return HttpResponseBadRequest(refused.message, content_type="text/plain; charset=utf-8")
    filters = DiffFilterForm(request.GET, parties=result.totals.parties)
    clauses, hidden_unchanged = filters.apply(result.clauses)
    page = Paginator(clauses, DIFF_PAGE_SIZE).get_page(request.GET.get("page"))
    articles = (
        diff_clauses(
            page.object_list,
            plan_slug=plan.slug,
            old_number=old.number,
            new_number=new.number,
            old_partial=result.old.partial,
            language=language,
        )
        if clauses
        else ""
    )
    return render(
        request,
        "comparison/diff.html",
        {
            "plan": plan,
            "old": old,
            "new": new,
            "diff": result,
            "summary_line": summary_line(result.totals),
            "clauses": clauses,
            "hidden_unchanged": hidden_unchanged,
            "changed_by_topic": changed_by_topic(result.clauses),
            "page": page,
            "clause_articles": articles,
            "filter_form": filters,
            "compare_form": compare_form,
            # The switch of the texts' language (templates/clauses/_text_languages.html).
            "reading": language,
            "section": "compare",
        },
    )


@reads_query(*DiffFilterForm.base_fields, "page", "format", LANG)
def revision_diff_page(request, plan, number):
    try:
        revision = revision_get(plan_slug=plan, number=number)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION) from None
    try:
        old = default_against(revision)
    except NothingToCompare:
        # A page a reader can land on: it says why there is no diff and links on to the
        # revision and the pickers (the API, which has no such page, answers 404).
        return render(
            request,
            "comparison/diff.html",
            {"plan": revision.plan, "old": None, "new": revision, "section": "compare"},
        )
    return _render_diff(request, plan=revision.plan, old=old, new=revision)


@reads_query(*DiffFilterForm.base_fields, "page", "format", LANG)
def compare(request, plan, a, b):
    plan = plan_or_404(plan)
    revisions = list(revisions_of(plan=plan))
    by_number = {r.number: r for r in revisions}
    if a not in by_number or b not in by_number:
        raise Http404(NO_SUCH_REVISION)
    form = CompareForm(initial={"a": a, "b": b}, revisions=revisions)
    return _render_diff(request, plan=plan, old=by_number[a], new=by_number[b], compare_form=form)


@reads_query(*CompareForm.base_fields, *DIFF_FILTERS)
def compare_form(request, plan):
    """The pickers; a valid pick redirects to the comparison's citable URL."""
    plan = plan_or_404(plan)
    revisions = list(revisions_of(plan=plan))
    if "a" in request.GET or "b" in request.GET:
        form = CompareForm(request.GET, revisions=revisions)
        if form.is_valid():
            picked = form.cleaned_data
            url = reverse(
                "clauses:compare", kwargs={"plan": plan.slug, "a": picked["a"], "b": picked["b"]}
            )
            kept = {k: request.GET[k] for k in DIFF_FILTERS if request.GET.get(k)}
            return redirect(f"{url}?{urlencode(kept)}" if kept else url)
    else:
        # Start from the latest revision against the one it continues.
        latest = current_among(revisions)
        try:
            old = default_against(latest) if latest else None
        except NothingToCompare:
            old = None
        form = CompareForm(
            initial={"a": old.number if old else None, "b": latest.number if latest else None},
            revisions=revisions,
        )
    return render(
        request,
        "comparison/compare_form.html",
        {"plan": plan, "form": form, "revisions": revisions, "section": "compare"},
    )
