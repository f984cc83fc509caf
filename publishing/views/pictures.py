"""Pictures at stable URLs, each with its data as CSV beside it:

    /plans/<plan>/heatmap.svg                    .csv   every clause by every party, rows
                                                        by topic, or ?sort=gap: the widest
                                                        gap between the parties first
    /plans/<plan>/clauses/<clause>/timeline.svg  .csv   each party's stance across revisions
    /plans/<plan>/convergence.svg                .csv   per revision: agreed, contested, open,
                                                        the mean gap (?a=<party>&b=<party>),
                                                        of one topic's clauses (?topic=)
    /plans/<plan>/pictures/                      the plan's pictures, with their tables
                                                 (?sort=, ?topic=, ?a=, ?b= as above)

Server-rendered SVG from templates: no script, printable, embeddable in a report.
"""

from dataclasses import dataclass
from typing import cast

from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, ngettext, pgettext

from clauses.models import Clause
from clauses.selectors import clause_get, current_revision, plan_matrix
from clauses.views.plans import plan_or_404
from clauses.vocabularies import MAX_GAP, ORDINAL, TOPIC_LABELS, Topic
from clauses.vocabulary_words import STANCE_WORDS, words_of
from comparison.selectors.clause_pages import StanceRow, clause_timeline
from comparison.views.clauses import NO_SUCH_CLAUSE
from core.conditional import reads_query
from core.exports import csv_chunks, file_name
from parties.models import Party
from publishing.picture_rendering import heatmap_rows
from publishing.pictures import (
    HEAT_ORDERS,
    ConvergencePoint,
    HeatClause,
    HeatParty,
    PictureWords,
    TimelineSeries,
    TimelineStep,
    convergence_layout,
    gap_rank,
    heatmap_layout,
    timeline_layout,
)
from publishing.selectors.pictures import plan_convergence, plan_parties

SVG = "image/svg+xml; charset=utf-8"
PAIR_INCOMPLETE = "Choose two parties to compare, a and b, or neither for every party."
PAIR_SAME = "Choose two different parties: a and b are both {slug!r}."
PAIR_UNKNOWN = "No party {slug!r} holds a position in this plan; choose one of: {choices}."
SORT_UNKNOWN = "sort: no order {value!r}; choose one of: {choices}."
TOPIC_UNKNOWN = "topic: no topic {value!r}; choose one of: {choices}."


class BadQuery(Exception):
    """A query parameter the pictures cannot read; its message names it."""


def _sort(request) -> str:
    value = request.GET.get("sort", "") or HEAT_ORDERS[0]
    if value not in HEAT_ORDERS:
        raise BadQuery(SORT_UNKNOWN.format(value=value, choices=", ".join(HEAT_ORDERS)))
    return value


def _topic(request) -> str | None:
    value = request.GET.get("topic", "")
    if not value:
        return None
    if value not in Topic.values:
        raise BadQuery(TOPIC_UNKNOWN.format(value=value, choices=", ".join(Topic.values)))
    return value


def _refused(error: Exception) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")


def _svg(request, template: str, context: dict) -> HttpResponse:
    return HttpResponse(render_to_string(template, context, request), content_type=SVG)


def _csv(name: tuple[str, ...], columns: tuple[str, ...], rows) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in csv_chunks(columns, rows)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name(*name, extension="csv")}"'
    return response


# 1. The heatmap.


@dataclass(frozen=True)
class HeatmapData:
    plan: object
    revision: object
    parties: tuple[HeatParty, ...]
    clauses: tuple[HeatClause, ...]


def _heatmap_data(plan, order: str = "topic") -> HeatmapData:
    """The current revision's matrix (three queries: revision, versions, positions' stances),
    its clauses in draft order, or by ``order="gap"`` widest gap first."""
    matrix = plan_matrix(revision=current_revision(plan=plan), details=False)
    parties = tuple(HeatParty(p.slug, p.name, p.short_name) for p in matrix.columns)
    clauses = tuple(
        HeatClause(
            slug=row.slug,
            number=row.number,
            title=row.title,
            topic=row.topic,
            stances=tuple(cell.stance for cell in row.cells),
        )
        for row in matrix.rows
    )
    if order == "gap":
        clauses = tuple(sorted(clauses, key=gap_rank))
    return HeatmapData(plan, matrix.revision, parties, clauses)


def _heatmap_context(request, plan, order: str) -> dict:
    data = _heatmap_data(plan, order)
    clause_url = request.build_absolute_uri(
        reverse("clauses:clause", kwargs={"plan": plan.slug, "clause": "CLAUSE"})
    ).replace("CLAUSE", "{clause}")
    heat = heatmap_layout(data.clauses, data.parties, clause_url, order, picture_words())
    return {
        "plan": plan,
        "revision": data.revision,
        "heat": heat,
        "heat_rows": heatmap_rows(heat),
        "data": data,
    }


@reads_query("sort")
def heatmap_svg(request, plan):
    """Four queries: the plan, then ``_heatmap_data``."""
    plan = plan_or_404(plan)
    try:
        order = _sort(request)
    except BadQuery as refused:
        return _refused(refused)
    return _svg(request, "publishing/pictures/heatmap.svg", _heatmap_context(request, plan, order))


HEATMAP_COLUMNS = (
    "plan",
    "revision",
    "clause",
    "clause_number",
    "clause_title",
    "topic",
    "party",
    "party_name",
    "stance",
    "stance_value",
    "gap",
)


@reads_query("sort")
def heatmap_csv(request, plan):
    plan = plan_or_404(plan)
    try:
        order = _sort(request)
    except BadQuery as refused:
        return _refused(refused)
    data = _heatmap_data(plan, order)
    number = data.revision.number if data.revision else None
    rows = (
        {
            "plan": data.plan.slug,
            "revision": number,
            "clause": clause.slug,
            "clause_number": clause.number,
            "clause_title": clause.title,
            "topic": clause.topic,
            "party": party.slug,
            "party_name": party.name,
            "stance": stance,
            "stance_value": ORDINAL.get(stance) if stance else None,
            "gap": clause.gap,
        }
        for clause in data.clauses
        for party, stance in zip(data.parties, clause.stances, strict=True)
    )
    return _csv((data.plan.slug, f"r{number}", "heatmap"), HEATMAP_COLUMNS, rows)


# 2. A clause's timeline.


def _timeline_data(plan_slug: str, clause_slug: str):
    """The clause and its steps and stance rows (three queries: the clause, its versions,
    their positions)."""
    try:
        clause = clause_get(plan_slug=plan_slug, clause_slug=clause_slug)
    except Clause.DoesNotExist:
        raise Http404(NO_SUCH_CLAUSE) from None
    timeline = clause_timeline(clause=clause)
    steps = tuple(
        TimelineStep(
            number=step.version.revision.number,
            url=reverse(
                "clauses:clause_version",
                kwargs={
                    "plan": clause.plan.slug,
                    "clause": clause.slug,
                    "number": step.version.revision.number,
                },
            ),
            wording_changed=step.change is not None
            and (step.change.change == "added" or step.change.text_changed),
        )
        for step in timeline.steps
    )
    series = tuple(_timeline_series(row) for row in timeline.stances)
    return clause, steps, series


def _timeline_series(row: StanceRow) -> TimelineSeries:
    # A timeline's rows are its clause's parties; StanceRow leaves the party's type open.
    party = cast(Party, row.party)
    return TimelineSeries(
        slug=party.slug,
        name=party.name,
        short_name=party.short_name,
        color=party.color,
        stances=tuple(p.stance if p is not None else None for p in row.cells),
    )


@reads_query()
def timeline_svg(request, plan, clause):
    clause, steps, series = _timeline_data(plan, clause)
    layout = timeline_layout(steps, series, picture_words())
    return _svg(
        request,
        "publishing/pictures/timeline.svg",
        {"plan": clause.plan, "clause": clause, "timeline": layout, "steps": steps},
    )


TIMELINE_COLUMNS = (
    "plan",
    "clause",
    "revision",
    "wording_changed",
    "party",
    "party_name",
    "stance",
    "stance_value",
)


@reads_query()
def timeline_csv(request, plan, clause):
    clause, steps, series = _timeline_data(plan, clause)
    rows = (
        {
            "plan": clause.plan.slug,
            "clause": clause.slug,
            "revision": step.number,
            "wording_changed": step.wording_changed,
            "party": party.slug,
            "party_name": party.name,
            "stance": stance,
            "stance_value": ORDINAL.get(stance) if stance else None,
        }
        for party in series
        for step, stance in zip(steps, party.stances, strict=True)
    )
    return _csv((clause.plan.slug, clause.slug, "timeline"), TIMELINE_COLUMNS, rows)


# 3. The convergence chart.


class BadPair(BadQuery):
    pass


def _pair(request, parties) -> tuple | None:
    """The two parties ``?a=`` and ``?b=`` name, or None for every party; BadPair says
    what is wrong."""
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if not a and not b:
        return None
    if not a or not b:
        raise BadPair(PAIR_INCOMPLETE)
    if a == b:
        raise BadPair(PAIR_SAME.format(slug=a))
    by_slug = {party.slug: party for party in parties}
    for slug in (a, b):
        if slug not in by_slug:
            choices = ", ".join(by_slug) or "none"
            raise BadPair(PAIR_UNKNOWN.format(slug=slug, choices=choices))
    return by_slug[a], by_slug[b]


def _convergence_data(request, plan):
    """The plan's parties, the chosen pair and each revision's standing, over every clause
    or one ``?topic=``'s (five queries: its parties, then ``plan_convergence``)."""
    parties = plan_parties(plan=plan)
    pair = _pair(request, parties)
    standings = plan_convergence(
        plan=plan, pair=(pair[0].pk, pair[1].pk) if pair else None, topic=_topic(request)
    )
    points = [
        ConvergencePoint(
            number=s.number,
            label=s.label,
            url=reverse("clauses:revision", kwargs={"plan": plan.slug, "number": s.number}),
            agreed=s.agreed,
            contested=s.contested,
            open=s.open,
            mean_gap=s.mean_gap,
            gap_clauses=s.gap_clauses,
            outside_text=s.outside_text,
            moved=s.moved,
        )
        for s in standings
    ]
    return parties, pair, points


def picture_words() -> PictureWords:
    """The words the pictures write, in the reader's language."""
    return PictureWords(
        stances=words_of(STANCE_WORDS),
        no_position=gettext("no position"),
        no_position_recorded=gettext("no position recorded"),
        statuses={
            "agreed": pgettext("convergence", "agreed"),
            "contested": pgettext("convergence", "contested"),
            "open": pgettext("convergence", "open"),
        },
        gap_title=gap_title,
        # {gap} is filled in by the picture: kept as it is through the translation.
        row_gap=gettext("gap %(gap)s") % {"gap": "{gap}"},
        row_gap_unknown=gettext("gap not known"),
    )


def gap_title(point: ConvergencePoint) -> str:
    """A revision's mean gap in words, for the point drawing it."""
    return "; ".join(
        [
            ngettext(
                "r%(number)s: mean gap %(gap).2f over %(count)s clause",
                "r%(number)s: mean gap %(gap).2f over %(count)s clauses",
                point.gap_clauses,
            )
            % {"number": point.number, "gap": point.mean_gap, "count": point.gap_clauses},
            ngettext("%(count)s stance moved", "%(count)s stances moved", point.moved)
            % {"count": point.moved},
        ]
    )


def _gap_of(pair) -> str:
    if not pair:
        return gettext("over every party")
    return gettext("between %(first)s and %(second)s") % {
        "first": pair[0].name,
        "second": pair[1].name,
    }


def _of_topic(request) -> str:
    """The clauses the chart counts, in words (the topic was checked already)."""
    topic = request.GET.get("topic", "")
    if not topic:
        return gettext("its clauses")
    return gettext("its %(topic)s clauses") % {"topic": TOPIC_LABELS[topic]}


@reads_query("a", "b", "topic")
def convergence_svg(request, plan):
    plan = plan_or_404(plan)
    try:
        _parties, pair, points = _convergence_data(request, plan)
    except BadQuery as refused:
        return _refused(refused)
    return _svg(
        request,
        "publishing/pictures/convergence.svg",
        {
            "plan": plan,
            "chart": convergence_layout(points, MAX_GAP, picture_words()),
            "points": points,
            "gap_of": _gap_of(pair),
            "of_topic": _of_topic(request),
            "topic": request.GET.get("topic", ""),
        },
    )


CONVERGENCE_COLUMNS = (
    "plan",
    "revision",
    "revision_label",
    "agreed",
    "contested",
    "open",
    "outside_text",
    "moved",
    "mean_gap",
    "gap_clauses",
    "gap_between",
    "topic",
)


@reads_query("a", "b", "topic")
def convergence_csv(request, plan):
    plan = plan_or_404(plan)
    try:
        _parties, pair, points = _convergence_data(request, plan)
    except BadQuery as refused:
        return _refused(refused)
    between = f"{pair[0].slug} {pair[1].slug}" if pair else "all"
    topic = request.GET.get("topic", "") or "all"
    rows = (
        {
            "plan": plan.slug,
            "revision": p.number,
            "revision_label": p.label,
            "agreed": p.agreed,
            "contested": p.contested,
            "open": p.open,
            "outside_text": p.outside_text,
            "moved": p.moved,
            "mean_gap": round(p.mean_gap, 3) if p.mean_gap is not None else None,
            "gap_clauses": p.gap_clauses,
            "gap_between": between,
            "topic": topic,
        }
        for p in points
    )
    name = (
        plan.slug,
        "convergence",
        *(p.slug for p in pair or ()),
        *((topic,) if topic != "all" else ()),
    )
    return _csv(name, CONVERGENCE_COLUMNS, rows)


@reads_query("a", "b", "topic", "sort")
def plan_pictures(request, plan):
    """The plan's pictures on one page, drawn inline (their links and hover titles work)
    and each with its data as a table or text (eight queries: the plan, the heatmap's
    three, the convergence's four)."""
    plan = plan_or_404(plan)
    try:
        order = _sort(request)
        sort_error = ""
    except BadQuery as refused:
        order, sort_error = HEAT_ORDERS[0], str(refused)
    context = _heatmap_context(request, plan, order)
    try:
        parties, pair, points = _convergence_data(request, plan)
        error = ""
    except BadQuery as refused:
        parties, pair, points, error = plan_parties(plan=plan), None, [], str(refused)
    chart_query = request.GET.copy()
    chart_query.pop("sort", None)
    query = chart_query.urlencode()
    context.update(
        {
            "parties": parties,
            "pair": pair,
            "points": points,
            "chart": convergence_layout(points, MAX_GAP, picture_words()) if points else None,
            "error": error,
            "gap_of": _gap_of(pair),
            "of_topic": "" if error else _of_topic(request),
            "query": f"?{query}" if query and not error else "",
            "order": order,
            "orders": HEAT_ORDERS,
            "topic": request.GET.get("topic", "") if not error else "",
            "topics": Topic.choices,
            "sort_error": sort_error,
            "section": "pictures",
        }
    )
    status = 400 if error or sort_error else 200
    return render(request, "publishing/pictures.html", context, status=status)
