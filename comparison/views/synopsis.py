"""The synopsis: two to six revisions of a plan side by side, one row per clause.

``/plans/<plan>/synopsis/?revisions=1,3,3:uk&base=1&topic=&show=&party=&page=``: every
choice is in the URL (a column may name a language: ``3:uk``). The column pickers submit
``c`` (the revision) and ``cl`` (its language) once per column, in order; that answers a
redirect to the same page with ``revisions`` instead, so a synopsis has one address.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from markupsafe import Markup

from clauses.selectors import revisions_of
from clauses.views.plans import plan_or_404
from clauses.vocabularies import PROVENANCE_LABELS, TOPIC_LABELS
from comparison import synopsis as pure
from comparison.selectors.synopsis import quoted_rows, revision_infos, synopsis_of
from comparison.synopsis_filters import SynopsisFilterForm
from comparison.synopsis_rendering import picker_options, synopsis_rows
from core.conditional import reads_query
from translations.languages import LANGUAGES
from translations.selectors import original_language

# Enough rows to read through; few enough for six columns of ten parties' stances on a
# long negotiation to stay within the page budget (1 MB, 20,000 elements).
SYNOPSIS_PAGE_SIZE = 50
FILTERS = ("topic", "show", "party")
PICKER = "c"
LANGUAGE_PICKER = "cl"


def chosen(request, plan, infos) -> tuple[list[pure.ColumnPick], int]:
    """The picked columns and the base column's index, from the request (or the default
    ones); ``SynopsisRefused`` naming the parameter at fault."""
    return pure.choose(
        request.GET.get("revisions"),
        request.GET.get("base"),
        infos,
        plan=plan.slug,
        original=original_language(),
    )


def _picked_url(request, plan) -> str:
    """The synopsis the column pickers ask for, at its one address."""
    languages = request.GET.getlist(LANGUAGE_PICKER)
    columns = []
    for index, number in enumerate(request.GET.getlist(PICKER)):
        language = languages[index] if index < len(languages) else ""
        if number:
            columns.append(f"{number}:{language}" if language else number)
    query = {"revisions": ",".join(columns)}
    for name in ("base", *FILTERS):
        if request.GET.get(name):
            query[name] = request.GET[name]
    return f"{reverse('clauses:synopsis', kwargs={'plan': plan.slug})}?{urlencode(query)}"


@reads_query("revisions", "base", PICKER, LANGUAGE_PICKER, *FILTERS, "page", "format", "shape")
def synopsis_page(request, plan):
    plan = plan_or_404(plan)
    if PICKER in request.GET:
        return redirect(_picked_url(request, plan))
    revisions = list(revisions_of(plan=plan))
    infos = revision_infos(revisions)
    context = {
        "plan": plan,
        "revisions": revisions,
        "section": "synopsis",
    }
    try:
        picks, base = chosen(request, plan, infos)
    except pure.SynopsisRefused as refused:
        context.update(
            error=str(refused),
            error_field=refused.field,
            picked=[],
            pickers=_pickers(infos, []),
            base_picker=picker_options(_base_options(infos, []))(""),
        )
        # A plan of fewer than two revisions is not the reader's error.
        status = 200 if len(revisions) < pure.MIN_COLUMNS else 400
        return render(request, "comparison/synopsis.html", context, status=status)
    result = synopsis_of(plan=plan, revisions=infos, picks=picks, base=base)
    form = SynopsisFilterForm(request.GET, parties=result.parties)
    rows = form.apply(result.rows)
    page = Paginator(rows, SYNOPSIS_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = quoted_rows(plan=plan, result=result, rows=page.object_list)
    context.update(
        synopsis=result,
        picked=[pick.key for pick in picks],
        base=result.base.number,
        base_key=result.base.key,
        pickers=_pickers(infos, picks),
        # The first column is the base by default: the picker says so with its first option.
        base_picker=picker_options(_base_options(infos, result.columns))(
            "" if base == 0 else result.base.key
        ),
        rows=rows,
        page=page,
        body=synopsis_rows(shown, result, plan_slug=plan.slug) if rows else "",
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
                _with(request, base=column.key),
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


def _pickers(infos, picks) -> list[tuple[Markup, Markup]]:
    """The six column pickers' options, each with its pick selected: the revisions (after
    an empty choice) and the languages (the original first)."""
    revisions = picker_options([("", "—"), *_revision_options(infos)])
    languages = picker_options(_language_options())
    slots = [*((str(pick.number), pick.language) for pick in picks)]
    slots += [("", "")] * (pure.MAX_COLUMNS - len(slots))
    return [(revisions(number), languages(language)) for number, language in slots]


def _revision_options(infos) -> list[tuple[str, str]]:
    """Each revision as a column picker offers it (value, label), made once for the six
    pickers."""
    return [
        (
            str(info.number),
            f"r{info.number}: {info.label} ({_(info.line)}"  # noqa: INT001 -- "main line", "branch"
            + (f", {date_format(info.published_on, 'j M Y')}" if info.published_on else "")
            + ")",
        )
        for info in infos
    ]


def _language_options() -> list[tuple[str, str]]:
    """The languages a column can show its clauses in, the original first ("")."""
    original = original_language()
    name = LANGUAGES[original].name if original in LANGUAGES else original
    return [
        ("", _("%(language)s (original)") % {"language": name}),
        *(
            (code, f"{language.name} ({code})")
            for code, language in LANGUAGES.items()
            if code != original
        ),
    ]


def _base_options(infos, columns) -> list[tuple[str, str]]:
    """What the base picker offers: the first column, every revision (its original
    column, or its first), then each picked column shown in a language."""
    return [
        ("", _("the first column")),
        *((str(info.number), f"r{info.number}: {info.label}") for info in infos),
        *(
            (
                column.key,
                _("r%(number)s: %(label)s, in %(language)s")
                % {
                    "number": column.number,
                    "label": column.label,
                    "language": column.language_name,
                },
            )
            for column in columns
            if column.language
        ),
    ]
