"""The sources positions cite: the list, and what one source says."""

from django.http import Http404
from django.shortcuts import render
from markupsafe import Markup, escape

from clauses.views import citations
from comparison.selectors import sources as selectors
from core.conditional import reads_query
from sources.models import Source
from sources.selectors import source_get
from sources.vocabularies import format_date

NO_SUCH_SOURCE = "No source is recorded at this address."


@reads_query()
def source_list(request):
    return render(request, "comparison/source_list.html", {"sources": selectors.source_list()})


@reads_query()
def source_detail(request, source: int):
    try:
        found = source_get(source)
    except Source.DoesNotExist:
        raise Http404(NO_SUCH_SOURCE) from None
    groups = selectors.source_citations(found)
    citations = [c for party in groups for clause in party.clauses for c in clause.citations]
    return render(
        request,
        "comparison/source_detail.html",
        {
            "source": found,
            "published": format_date(found.published_on, found.published_on_precision),
            "recorded": selectors.source_recorded(found),
            "groups": groups,
            "citation_count": len(citations),
            "marked_text": marked_text(found.text, citations),
        },
    )


def source_cite(request, source: int):
    """The "Cite" page of a source. Not a conditional read: it carries today's date."""
    try:
        found = source_get(source)
    except Source.DoesNotExist:
        raise Http404(NO_SUCH_SOURCE) from None
    back = found.get_absolute_url()
    citable = citations.source_citable(
        found, page=request.build_absolute_uri(back), accessed=citations.today()
    )
    return citations.answer(
        request, citable, subject=found.title, back=back, url_label="URL" if found.url else ""
    )


def marked_text(text: str, citations) -> Markup:
    """The source's text, escaped, each quoted span in a ``<mark>`` whose id is the first
    citing position's anchor (overlapping spans merged); paragraphs kept."""
    spans: list[tuple[int, int, str]] = sorted(
        (start, end, citation.anchor) for citation in citations for start, end in citation.spans
    )
    merged: list[list] = []
    for start, end, anchor in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(anchor)
        else:
            merged.append([start, end, [anchor]])
    parts: list[str] = []
    at = 0
    for start, end, anchors in merged:
        parts.append(str(escape(text[at:start])))
        ids = " ".join(dict.fromkeys(anchors))
        first = ids.split(" ")[0]
        parts.append(
            f'<mark class="source-quote" id="{escape(first)}" data-quotes="{escape(ids)}">'
            f"{escape(text[start:end])}</mark>"
        )
        at = end
    parts.append(str(escape(text[at:])))
    return Markup("".join(parts))  # noqa: S704 -- every piece of text is escaped above
