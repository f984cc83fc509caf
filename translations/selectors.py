"""Reads of the parallel texts: the only code of this app that reads the database."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import Case, F, QuerySet, TextField, Value, When

from clauses.models import ClauseVersion, Revision
from clauses.text_languages import LanguageRefused, Reading, ShownText, TextLanguage
from translations.languages import LANGUAGES, direction, unknown_language
from translations.models import ClauseVersionTranslation, text_sha256

ORIGINAL = "original"
OFFICIAL = "official"
UNOFFICIAL = "unofficial"
MISSING = "missing"


def original_language() -> str:
    """The language every clause version's own text is recorded in."""
    return settings.ORIGINAL_TEXT_LANGUAGE


def language_checked(code: str) -> str:
    """``code`` if the site knows it ("" gives the original's); raises LanguageRefused."""
    if not code:
        return original_language()
    if code not in LANGUAGES:
        raise LanguageRefused(unknown_language(code))
    return code


def _original(version: Any, *, kind: str) -> ShownText:
    code = original_language()
    return ShownText(
        text=version.text,
        language=code,
        language_name=LANGUAGES[code].name if code in LANGUAGES else code,
        direction=direction(code),
        kind=kind,
    )


def _shown(row: dict, version: Any) -> ShownText:
    code = row["language"]
    return ShownText(
        text=row["shown_text"],
        language=code,
        language_name=LANGUAGES[code].name,
        direction=direction(code),
        kind=OFFICIAL if row["official"] else UNOFFICIAL,
        stale=row["original_sha256"] != text_sha256(version.text),
    )


def _rows(language: str, versions: Sequence[Any]) -> list[dict]:
    """Every translation of ``versions``: its language and marks, and its text in
    ``language`` only (one query)."""
    ids = [version.pk for version in versions]
    if not ids:
        return []
    return list(
        ClauseVersionTranslation.objects.filter(clause_version_id__in=ids)
        .annotate(
            shown_text=Case(
                When(language=language, then=F("text")),
                default=Value(""),
                output_field=TextField(),
            )
        )
        .values("clause_version_id", "language", "official", "original_sha256", "shown_text")
        .order_by("clause_version_id", "language")
    )


def texts_in(language: str, versions: Sequence[Any]) -> dict[int, ShownText]:
    """The text of each clause version (loaded with its ``text``) in ``language``: the
    translation, marked official or not and stale or not, else the original marked
    ``missing`` (the original itself, marked ``original``, when it was asked for). One
    query; none for the original."""
    language = language_checked(language)
    if language == original_language():
        return {version.pk: _original(version, kind=ORIGINAL) for version in versions}
    return _texts(language, versions, _rows(language, versions))


def _texts(language: str, versions: Sequence[Any], rows: list[dict]) -> dict[int, ShownText]:
    by_version = {version.pk: version for version in versions}
    texts = {version.pk: _original(version, kind=MISSING) for version in versions}
    for row in rows:
        if row["language"] == language:
            version = by_version[row["clause_version_id"]]
            texts[version.pk] = _shown(row, version)
    return texts


def languages_of(versions: Sequence[Any]) -> dict[int, list[str]]:
    """The languages each clause version has a text in, the original's first (one query)."""
    found: dict[int, list[str]] = defaultdict(list)
    ids = [version.pk for version in versions]
    rows = ClauseVersionTranslation.objects.filter(clause_version_id__in=ids).values_list(
        "clause_version_id", "language"
    )
    for version_id, code in rows.order_by("clause_version_id", "language"):
        found[version_id].append(code)
    return {pk: [original_language(), *found.get(pk, [])] for pk in ids}


def reading(language: str, versions: Sequence[Any]) -> Reading:
    """What a page with ``?lang=`` shows (clauses/text_languages.py): the texts of
    ``versions`` in ``language`` and the languages they can be read in. One query."""
    language = language_checked(language)
    original = original_language()
    rows = _rows(language, versions)
    codes = sorted({row["language"] for row in rows} | {original, language})
    available = [(code, LANGUAGES[code].name if code in LANGUAGES else code) for code in codes]
    if language == original:
        texts = {version.pk: _original(version, kind=ORIGINAL) for version in versions}
    else:
        texts = _texts(language, versions, rows)
    return Reading(
        language=language,
        language_name=LANGUAGES[language].name if language in LANGUAGES else language,
        original=original,
        available=available,
        texts=texts,
        languages=_languages_by_version(versions, rows),
    )


def _language_name(code: str) -> str:
    return LANGUAGES[code].name if code in LANGUAGES else code


def _languages_by_version(versions: Sequence[Any], rows: list[dict]) -> dict[int, list]:
    """Each version's languages from its translations' ``rows``: the original first, then
    each translation by code, official or not, stale or not (no query)."""
    original = original_language()
    first = TextLanguage(original, _language_name(original), official=True, original=True)
    found: dict[int, list[TextLanguage]] = {version.pk: [first] for version in versions}
    digests = {version.pk: text_sha256(version.text) for version in versions}
    for row in rows:
        version_id = row["clause_version_id"]
        found[version_id].append(
            TextLanguage(
                row["language"],
                _language_name(row["language"]),
                official=row["official"],
                stale=row["original_sha256"] != digests[version_id],
            )
        )
    return found


def revision_points(*, revision: Revision) -> list[ClauseVersion]:
    """The clause versions of a revision in draft order, with their clauses (one query)."""
    return list(
        ClauseVersion.objects.filter(revision=revision)
        .select_related("clause")
        .order_by("position_in_draft", "pk")
    )


def translations_of_revision(*, revision: Revision, language: str) -> dict[int, Any]:
    """The revision's texts in ``language``, by clause version id (one query)."""
    rows = ClauseVersionTranslation.objects.filter(
        clause_version__revision=revision, language=language
    )
    return {row.clause_version_id: row for row in rows}


def translations(
    *, plan: str | None = None, revision: int | None = None, language: str | None = None
) -> QuerySet[ClauseVersionTranslation]:
    """Translations, filtered by plan slug, revision number and language, with what their
    representation shows (one query)."""
    rows = ClauseVersionTranslation.objects.select_related(
        "clause_version__clause", "clause_version__revision__plan"
    )
    if plan:
        rows = rows.filter(clause_version__revision__plan__slug=plan)
    if revision is not None:
        rows = rows.filter(clause_version__revision__number=revision)
    if language:
        rows = rows.filter(language=language)
    return rows.order_by(
        "clause_version__revision__plan__slug",
        "clause_version__revision__number",
        "clause_version__position_in_draft",
        "language",
        "pk",
    )


def stale_translations(*, revision: Revision) -> list[ClauseVersionTranslation]:
    """The revision's translations made from a wording its clause versions no longer have
    (one query; the digest is compared in Python, as every database can)."""
    rows = ClauseVersionTranslation.objects.filter(
        clause_version__revision=revision
    ).select_related("clause_version")
    return [row for row in rows if row.stale]


def translation_get(pk: int) -> ClauseVersionTranslation:
    return ClauseVersionTranslation.objects.select_related(
        "clause_version__clause", "clause_version__revision__plan"
    ).get(pk=pk)
