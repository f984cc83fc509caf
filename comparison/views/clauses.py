"""One clause: its wording in each revision, each party's stance, its edit history (a long
negotiation's latest revisions first, the earlier ones a page at a time)."""

from collections.abc import Callable

from django.http import Http404, HttpResponseBadRequest, HttpResponseNotFound
from django.shortcuts import render
from django.utils.translation import gettext as _

from clauses.models import Clause, ClauseVersion
from clauses.row_links import number_link
from clauses.selectors import clause_edit_history, clause_get
from clauses.selectors.corrections import clause_corrections, deletions_of_clause
from clauses.text_languages import LANG, LanguageRefused, reading_of
from comparison.rendering import edit_history, party_stances
from comparison.selectors.clause_pages import (
    NoSuchRevisionPage,
    clause_timeline,
    clause_version_get,
)
from core.conditional import reads_query
from core.downloads import bad_request

NO_SUCH_CLAUSE = "This plan has no clause at this address."
NO_SUCH_CLAUSE_VERSION = "This clause does not appear in a revision with that number."
# The page of the clause's revisions shown: ``?history=2`` the twenty before the latest
# twenty, ``?history=all`` every one (see REVISIONS_PER_PAGE).
HISTORY = "history"
EVERY_REVISION = "all"
BAD_HISTORY = "history must be “all” or a page number from 1, not “{value}”."
NO_SUCH_HISTORY_PAGE = (
    "history: this clause's revisions fill {pages} page{s}; there is no page {number}. "
    "Its latest revisions are on page 1, and ?history=all shows every one."
)


def history_page(value: str) -> int | None:
    """The page of revisions ``?history=`` asks for: 1 (the latest) when not given, None
    for every revision. Raises ValueError for anything else than "all" or a number from 1."""
    if value == "":
        return 1
    if value == EVERY_REVISION:
        return None
    if not value.isdecimal() or int(value) < 1:
        raise ValueError(value)
    return int(value)


@reads_query("format", LANG, HISTORY)
def clause_detail(request, plan, clause):
    try:
        clause = clause_get(plan_slug=plan, clause_slug=clause)
    except Clause.DoesNotExist:
        raise Http404(NO_SUCH_CLAUSE) from None
    value = request.GET.get(HISTORY, "")
    try:
        page = history_page(value)
    except ValueError:
        return bad_request(BAD_HISTORY.format(value=value))
    try:
        timeline = clause_timeline(clause=clause, page=page)
    except NoSuchRevisionPage as missing:
        message = NO_SUCH_HISTORY_PAGE.format(
            pages=missing.pages, s="s" if missing.pages > 1 else "", number=page
        )
        return HttpResponseNotFound(message, content_type="text/plain; charset=utf-8")
    shown = timeline.page
    try:
        # Each wording in the language asked for, and the languages they have (one query).
        reading = reading_of(request.GET.get(LANG, ""), [step.version for step in timeline.steps])
    except LanguageRefused as refused:
        return HttpResponseBadRequest(refused.message, content_type="text/plain; charset=utf-8")
    history = clause_edit_history(clause=clause, revisions=shown.bounds)
    deletions = [
        deletion
        for deletion in deletions_of_clause(clause=clause).values()
        if shown.spans(deletion.revision.number)
    ]
    # Each revision's link made once from one reversed URL: the page links every
    # revision holding the clause, fifty or more on a long negotiation.
    version_url = number_link(
        "clauses:clause_version", "number", plan=clause.plan.slug, clause=clause.slug
    )
    return render(
        request,
        "comparison/clause_detail.html",
        {
            "plan": clause.plan,
            "clause": clause,
            "timeline": timeline,
            "history": history,
            # The page's long parts, from Jinja2 templates (comparison/rendering.py).
            "party_stances": party_stances(
                timeline, plan_slug=clause.plan.slug, clause_slug=clause.slug
            ),
            "edit_history": edit_history(history),
            "wording_rows": wording_rows(timeline.wordings, deletions, version_url),
            "revision_page": shown,
            "revision_links": [(number, version_url(number)) for number in shown.numbers],
            "corrections": clause_corrections(clause=clause),
            "reading": reading,
        },
    )


def _continues(step) -> str:
    """The revision a repeated wording's revision continues, in words ("continues r3",
    plain text), as clauses/_revision_marks.html says it; "" for one continuing none."""
    previous = step.version.revision.previous
    return _("continues r%(number)s") % {"number": previous.number} if previous else ""


def wording_rows(
    wordings, deletions, version_url: Callable[[int], str]
) -> list[tuple[str, object, list]]:
    """The clause's wordings (``WordingRun``) and the revisions that strike it out
    (``ClauseDeletion``), latest revision first, each as ("wording", run, its repeats
    latest first, each with the link to it and what its revision continues in words) or
    ("deleted", deletion, []): a deletion shows in the row of the revision that made it."""
    rows: list[tuple[int, str, object, list]] = [
        (
            run.head.version.revision.number,
            "wording",
            run,
            [
                (step, version_url(step.version.revision.number), _continues(step))
                for step in run.repeats[::-1]
            ],
        )
        for run in wordings
    ]
    rows += [(deletion.revision.number, "deleted", deletion, []) for deletion in deletions]
    rows.sort(key=lambda row: row[0], reverse=True)
    return [(kind, item, links) for _number, kind, item, links in rows]


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
