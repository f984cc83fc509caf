"""Clause texts in a second language (``?lang=uk``): the bench plan's Ukrainian texts, the
naive and floor peers of the overview and the diff read in Ukrainian, and the Ukrainian
paste the translation aligner is measured on.

The peers are their plain page (bench/naive.py, bench/floor.py) with each shown clause
version's text in the language added, the original where it has none, and a stale
translation flagged, as the app's page shows them:

- naive: each clause version's translation read on its own (one query per version);
- floor: one SQL query for the texts of every version shown, joined to its translation.
"""

import hashlib
import re
from html import escape

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from bench import floor, naive
from clauses.models import ClauseVersion, Plan, Revision
from translations.models import ClauseVersionTranslation, text_sha256

LANGUAGE = "uk"
# The revisions translated: the latest and the one it continues (the overview's and the
# diff's), and the first.
SOURCE_TITLE = "Bench: Ukrainian working translation"


def ensure_translations(plan: Plan) -> int:
    """A Ukrainian unofficial text of every clause version of the plan's latest revision,
    of the one it continues and of its first, made once (later runs reuse them); every
    tenth made from an older wording, so some are stale. Returns how many were made."""
    revisions = list(plan.revisions.order_by("number"))
    if not revisions:
        return 0
    latest = max((r for r in revisions if not r.branch), key=lambda r: r.number)
    chosen = {revisions[0].pk, latest.pk, latest.previous_id}
    versions = ClauseVersion.objects.filter(revision_id__in=chosen - {None}).exclude(
        translations__language=LANGUAGE
    )
    made = [
        ClauseVersionTranslation(
            clause_version=version,
            language=LANGUAGE,
            text=ukrainian_text(version.number, version.text),
            official=False,
            source_title=SOURCE_TITLE,
            original_sha256=text_sha256(version.text if version.pk % 10 else "older wording"),
        )
        for version in versions.order_by("pk")
    ]
    ClauseVersionTranslation.objects.bulk_create(made, batch_size=1000)
    return len(made)


_FIGURES = re.compile(r"\d[\d,.]*")


def ukrainian_text(number: str, text: str) -> str:
    """A stand-in Ukrainian text of a point: what survives translation (its figures) in a
    Ukrainian sentence, as the aligner reads a real one."""
    figures = " ".join(_FIGURES.findall(text)) or "без цифр"
    return f"Сторони погоджуються щодо пункту {number}: {figures}. Положення набуває чинності."


def ukrainian_paste(revision: Revision) -> str:
    """The revision pasted in Ukrainian, numbered as the draft is."""
    versions = revision.clause_versions.order_by("position_in_draft", "pk")
    return "\n".join(f"{v.number}. {ukrainian_text(v.number, v.text)}" for v in versions)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _texts_html(texts: list[tuple[str, str, bool, bool]]) -> str:
    """(number, text, translated, stale) of each version as the page's list of texts."""
    items = [
        f'<li>{escape(number)}. <span lang="{LANGUAGE if translated else "en"}">{escape(text)}'
        f"</span>{'' if translated else ' (original)'}{' (stale)' if stale else ''}</li>"
        for number, text, translated, stale in texts
    ]
    return f"<ol class=texts>{''.join(items)}</ol>"


def _with_texts(response: HttpResponse, texts_html: str) -> HttpResponse:
    body = response.content.decode("utf-8")
    if "</main>" in body:
        return HttpResponse(body.replace("</main>", texts_html + "</main>", 1))
    return HttpResponse(body + texts_html)


# Naive: the naive page, then each version's translation read on its own.


def _naive_texts(versions, language: str) -> str:
    texts = []
    for version in versions:
        translation = version.translations.filter(language=language).first()
        if translation is None:
            texts.append((version.number, version.text, False, False))
        else:
            stale = translation.original_sha256 != _digest(version.text)
            texts.append((version.number, translation.text, True, stale))
    return _texts_html(texts)


def naive_overview_page(request, plan):
    page = naive.overview_page(request, plan)
    found = get_object_or_404(Plan, slug=plan)
    revision = found.revisions.order_by("-number").first()
    language = request.GET.get("lang", LANGUAGE)
    return _with_texts(page, _naive_texts(revision.clause_versions.all(), language))


def naive_revision_diff_page(request, plan, number):
    page = naive.revision_diff_page(request, plan, number)
    new = get_object_or_404(Revision, plan__slug=plan, number=number)
    language = request.GET.get("lang", LANGUAGE)
    versions = [*new.previous.clause_versions.all(), *new.clause_versions.all()]
    return _with_texts(page, _naive_texts(versions, language))


# Floor: the floor page, then one query for every shown version's text.

_TEXTS_SQL = """
SELECT cv.number, cv.text, t.text, t.original_sha256
FROM clauses_clauseversion cv
JOIN clauses_revision r ON r.id = cv.revision_id
JOIN clauses_plan pl ON pl.id = r.plan_id
LEFT JOIN translations_clauseversiontranslation t
       ON t.clause_version_id = cv.id AND t.language = %s
WHERE pl.slug = %s AND r.number IN ({numbers})
ORDER BY r.number, cv.position_in_draft, cv.id
"""

_LATEST_SQL = """
SELECT r.number, p.number FROM clauses_revision r
JOIN clauses_plan pl ON pl.id = r.plan_id
LEFT JOIN clauses_revision p ON p.id = r.previous_id
WHERE pl.slug = %s AND {where} ORDER BY r.number DESC LIMIT 1
"""


def _floor_texts(plan: str, numbers: list[int], language: str) -> str:
    sql = _TEXTS_SQL.format(numbers=", ".join(["%s"] * len(numbers)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [language, plan, *numbers])
        rows = cursor.fetchall()
    return _texts_html(
        [
            (
                number,
                translated if translated is not None else text,
                translated is not None,
                bool(translated is not None and digest != _digest(text)),
            )
            for number, text, translated, digest in rows
        ]
    )


def _numbers(plan: str, where: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(_LATEST_SQL.format(where=where), [plan, *params])
        row = cursor.fetchone()
    return [n for n in (row or ()) if n is not None]


def floor_overview_page(request, plan):
    page = floor.overview_page(request, plan)
    latest = _numbers(plan, "NOT r.branch", [])[:1]
    return _with_texts(page, _floor_texts(plan, latest, request.GET.get("lang", LANGUAGE)))


def floor_revision_diff_page(request, plan, number):
    page = floor.revision_diff_page(request, plan, number)
    numbers = _numbers(plan, "r.number = %s", [number])
    return _with_texts(page, _floor_texts(plan, numbers, request.GET.get("lang", LANGUAGE)))


# The translation paste's alignment: the naive peer scores pairs greedily, the floor
# matches point numbers alone.


def naive_translation_align(paste: str, revision: Revision) -> list[tuple[str, int | None]]:
    """Each pasted point's clause version: the one sharing most figures and names with
    it, its number breaking ties, chosen greedily in the paste's order (no one-to-one
    matching, no order), each text's features computed once."""
    from drafting.parse import parse_draft
    from drafting.translation_align import features, label

    originals = [
        (version.pk, label(version.number), features(version.text))
        for version in revision.clause_versions.order_by("position_in_draft", "pk")
    ]
    taken: set[int] = set()
    matches = []
    for point in parse_draft(paste).points:
        ours, ours_label = features(point.text), label(point.number)
        best, best_score = None, 0
        for pk, number, theirs in originals:
            if pk in taken:
                continue
            score = len(ours.figures & theirs.figures) + len(ours.names & theirs.names)
            score += 3 if number == ours_label else 0
            if score > best_score:
                best, best_score = pk, score
        if best is not None:
            taken.add(best)
        matches.append((point.number, best))
    return matches


def floor_translation_align(paste: str, revision: Revision) -> list[tuple[str, int | None]]:
    """Each pasted point's clause version by its number alone (one query)."""
    from drafting.parse import parse_draft
    from drafting.translation_align import label

    by_label = {
        label(number): pk
        for pk, number in revision.clause_versions.values_list("pk", "number").order_by(
            "position_in_draft", "pk"
        )
    }
    return [(p.number, by_label.get(label(p.number))) for p in parse_draft(paste).points]
