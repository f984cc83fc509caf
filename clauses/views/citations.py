""" "Cite": a clause version, a revision, a position or a stored source as plain text,
BibTeX and CSL-JSON (a source's page, /sources/<id>/cite/, is comparison.views.sources).

``.../cite/`` is a page with the three; ``?format=json`` gives the same as JSON. A
citation carries the day it was accessed, so these pages are not conditional reads: a
page kept under the plan's change stamp would go on giving the day it was first drawn.
"""

import datetime
import json

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render

from clauses.citations import Citable, formatted
from clauses.models import ClauseVersion, Position, Revision
from clauses.selectors import clause_version_lookup, position_to_cite, revision_get
from clauses.vocabularies import STANCE_LABELS
from sources.models import NO_URL, Source
from sources.vocabularies import SourceKind

PUBLISHER = "Peace-plan clause tracker"
NO_SUCH_RECORD = "There is nothing with that address to cite."
FORMATS = ("", "html", "json")
BAD_FORMAT = "format: give json for the citations as JSON, or leave it out for the page."


def _revision_label(revision: Revision) -> str:
    return f"r{revision.number}: {revision.label}" if revision.label else f"r{revision.number}"


def revision_citable(revision: Revision, *, url: str, accessed: datetime.date) -> Citable:
    plan = revision.plan
    return Citable(
        kind="revision",
        key=f"{plan.slug}-r{revision.number}",
        # The title is the revision itself: not repeated as the revision the record is in.
        title=_revision_label(revision).replace(
            f"r{revision.number}", f"Revision {revision.number}", 1
        ),
        container=plan.title,
        url=url,
        accessed=accessed,
        author=revision.proposed_by.name if revision.proposed_by is not None else "",
        issued=revision.published_on,
        fingerprint=revision.fingerprint,
        publisher=PUBLISHER,
    )


def clause_version_citable(version: ClauseVersion, *, url: str, accessed: datetime.date) -> Citable:
    revision, clause = version.revision, version.clause
    return Citable(
        kind="clause_version",
        key=f"{revision.plan.slug}-r{revision.number}-{clause.slug}",
        title=f"{clause.title} (point {version.number})",
        container=revision.plan.title,
        url=url,
        accessed=accessed,
        issued=revision.published_on,
        revision=_revision_label(revision),
        fingerprint=revision.fingerprint,
        publisher=PUBLISHER,
    )


def position_citable(position: Position, *, url: str, accessed: datetime.date) -> Citable:
    version = position.clause_version
    revision, clause, party = version.revision, version.clause, position.party
    stance = STANCE_LABELS.get(position.stance, position.stance)
    return Citable(
        kind="position",
        key=f"{revision.plan.slug}-r{revision.number}-{clause.slug}-{party.slug}",
        title=f"Position on {clause.title} (point {version.number})",
        container=revision.plan.title,
        url=url,
        accessed=accessed,
        author=party.name,
        issued=position.stated_on,
        revision=_revision_label(revision),
        fingerprint=revision.fingerprint,
        publisher=PUBLISHER,
        note=f"Stance: {stance}"
        + (f"; source: {position.source_title}" if position.source_title else ""),
    )


def source_citable(source: Source, *, page: str, accessed: datetime.date) -> Citable:
    """A stored source: a news report as an article in its outlet, anything else as a
    document its outlet issued; dated as precisely as it is known, its URL (the source's
    page here, ``page``, when it has none) and the SHA-256 of its recorded text."""
    news = source.kind == SourceKind.NEWS_REPORT
    notes = [] if news else [source.get_kind_display().capitalize()]
    if not source.url:
        notes.append(NO_URL)  # the URL cited is then its page here
    return Citable(
        kind="source",
        key=f"source-{source.pk}-{source.title}",
        title=source.title,
        container=source.outlet if news else "",
        url=source.url or page,
        accessed=accessed,
        author="" if news else source.outlet,
        issued=source.published_on,
        issued_precision=source.published_on_precision,
        csl_type="" if news else "document",
        fingerprint=source.text_sha256 if source.text else "",
        fingerprint_of="text",
        note="; ".join(notes),
    )


def answer(request, citable: Citable, *, subject: str, back: str, url_label: str = ""):
    wanted = request.GET.get("format", "")
    if wanted not in FORMATS:
        return HttpResponseBadRequest(BAD_FORMAT, content_type="text/plain; charset=utf-8")
    data = formatted(citable)
    if wanted == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return render(
        request,
        "clauses/cite.html",
        {
            "citation": data,
            "csl_text": json.dumps([data["csl_json"]], indent=2, ensure_ascii=False),
            "subject": subject,
            "back": back,
            "url_label": url_label or "Permalink",
            "fingerprint_of": citable.fingerprint_of,
        },
    )


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def revision_cite(request, plan, number):
    try:
        revision = revision_get(plan_slug=plan, number=number)
    except Revision.DoesNotExist:
        raise Http404(NO_SUCH_RECORD) from None
    back = revision.get_absolute_url()
    citable = revision_citable(revision, url=request.build_absolute_uri(back), accessed=today())
    return answer(request, citable, subject=citable.title, back=back)


def clause_version_cite(request, plan, clause, number):
    try:
        version = clause_version_lookup(plan_slug=plan, clause_slug=clause, number=number)
    except ClauseVersion.DoesNotExist:
        raise Http404(NO_SUCH_RECORD) from None
    back = version.get_absolute_url()
    citable = clause_version_citable(
        version, url=request.build_absolute_uri(back), accessed=today()
    )
    return answer(request, citable, subject=f"{citable.title} in {citable.revision}", back=back)


def position_cite(request, plan, clause, number, party):
    try:
        position = position_to_cite(
            plan_slug=plan, clause_slug=clause, number=number, party_slug=party
        )
    except Position.DoesNotExist:
        raise Http404(NO_SUCH_RECORD) from None
    back = f"{position.clause_version.get_absolute_url()}#position-{position.party.slug}"
    citable = position_citable(position, url=request.build_absolute_uri(back), accessed=today())
    return answer(
        request,
        citable,
        subject=f"{position.party.name}: {citable.title} in {citable.revision}",
        back=back,
    )
