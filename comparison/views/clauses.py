"""One clause: its wording in every revision, each party's stance, its edit history."""

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render

from clauses.models import Clause, ClauseVersion
from clauses.selectors import clause_edit_history, clause_get
from clauses.selectors.corrections import clause_corrections, deletions_of_clause
from clauses.text_languages import LANG, LanguageRefused, reading_of
from comparison.rendering import edit_history, stance_steps
from comparison.selectors.clause_pages import clause_timeline, clause_version_get
from core.conditional import reads_query

NO_SUCH_CLAUSE = "This plan has no clause at this address."
NO_SUCH_CLAUSE_VERSION = "This clause does not appear in a revision with that number."


@reads_query("format")
def clause_detail(request, plan, clause):
    try:
        clause = clause_get(plan_slug=plan, clause_slug=clause)
    except Clause.DoesNotExist:
        raise Http404(NO_SUCH_CLAUSE) from None
    timeline = clause_timeline(clause=clause)
    history = clause_edit_history(clause=clause)
    deletions = deletions_of_clause(clause=clause)
    return render(
        request,
        "comparison/clause_detail.html",
        {
            "plan": clause.plan,
            "clause": clause,
            "timeline": timeline,
            "history": history,
            # The page's two long parts, from Jinja2 templates (comparison/rendering.py).
            "stance_steps": stance_steps(
                timeline, plan_slug=clause.plan.slug, clause_slug=clause.slug
            ),
            "edit_history": edit_history(history),
            "wording_rows": wording_rows(timeline.wordings, deletions.values()),
            "corrections": clause_corrections(clause=clause),
        },
    )


def wording_rows(wordings, deletions) -> list[tuple[str, object]]:
    """The clause's wordings (``WordingRun``) and the revisions that strike it out
    (``ClauseDeletion``), latest revision first, each as ("wording", run) or
    ("deleted", deletion): a deletion shows in the row of the revision that made it."""
    rows = [(run.head.version.revision.number, "wording", run) for run in wordings]
    rows += [(deletion.revision.number, "deleted", deletion) for deletion in deletions]
    rows.sort(key=lambda row: row[0], reverse=True)
    return [(kind, item) for _number, kind, item in rows]


@reads_query(LANG)
def clause_version_detail(request, plan, clause, number):
    try:
        view = clause_version_get(plan_slug=plan, clause_slug=clause, number=number)
    except ClauseVersion.DoesNotExist:
        raise Http404(NO_SUCH_CLAUSE_VERSION) from None
    version = view.step.version
    try:
        # Its text in the language asked for, and the languages it has (one query).
        reading = reading_of(request.GET.get(LANG, ""), [version])
    except LanguageRefused as refused:
        return HttpResponseBadRequest(refused.message, content_type="text/plain; charset=utf-8")
    return render(
        request,
        "comparison/clause_version.html",
        {
            "plan": version.clause.plan,
            "clause": version.clause,
            "revision": version.revision,
            "clause_version": version,
            "step": view.step,
            "positions": view.positions,
            "versions": view.versions,
            "lineage": view.lineage,
            "reading": reading,
        },
    )
