"""What changed: a revision against the one it continues, and any two revisions."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ..filters import CompareForm, DiffFilterForm
from ..models import Plan, Revision
from ..rendering import diff_clauses
from ..selectors import revision_diff, revision_get, revisions_of
from .revisions import NO_SUCH_REVISION

DIFF_FILTERS = ("changed", "topic")


def _render_diff(request, *, plan, old, new, revisions=None, compare_form=None):
    """The diff page for ``old`` to ``new``; without ``old`` it says there is nothing to
    compare against."""
    result = revision_diff(old=old, new=new) if old is not None else None
    filters = DiffFilterForm(request.GET)
    clauses = filters.apply(result.clauses) if result else []
    articles = (
        diff_clauses(clauses, plan_slug=plan.slug, old_number=old.number, new_number=new.number)
        if clauses
        else ""
    )
    return render(
        request,
        "clauses/diff.html",
        {
            "plan": plan,
            "old": old,
            "new": new,
            "diff": result,
            "clauses": clauses,
            "clause_articles": articles,
            "filter_form": filters,
            "compare_form": compare_form,
            "section": "compare",
        },
    )


def revision_diff_page(request, plan, number):
    try:
        revision = revision_get(plan_slug=plan, number=number)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_REVISION) from None
    return _render_diff(request, plan=revision.plan, old=revision.previous, new=revision)


def compare(request, plan, a, b):
    plan = get_object_or_404(Plan, slug=plan)
    revisions = list(revisions_of(plan=plan))
    by_number = {r.number: r for r in revisions}
    if a not in by_number or b not in by_number:
        raise Http404(NO_SUCH_REVISION)
    form = CompareForm(initial={"a": a, "b": b}, revisions=revisions)
    return _render_diff(request, plan=plan, old=by_number[a], new=by_number[b], compare_form=form)


def compare_form(request, plan):
    """The pickers; a valid pick redirects to the comparison's citable URL."""
    plan = get_object_or_404(Plan, slug=plan)
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
        latest = revisions[-1] if revisions else None
        old = latest.previous if latest and latest.previous else None
        form = CompareForm(
            initial={"a": old.number if old else None, "b": latest.number if latest else None},
            revisions=revisions,
        )
    return render(
        request,
        "clauses/compare_form.html",
        {"plan": plan, "form": form, "revisions": revisions, "section": "compare"},
    )
