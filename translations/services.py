"""Writes of the parallel texts: the only code of this app that writes. Each write runs in
one transaction, leaves history with the editor and the edit summary, and bumps the plan's
change stamp (through core.saving and core.tracking)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clauses.models import ClauseVersion, Revision
from core.saving import bulk_create_tracked, only_editable, save_new
from core.tracking import apply_edit, require_summary, save_edit
from translations.languages import LANGUAGES, unknown_language
from translations.models import ClauseVersionTranslation, text_sha256
from translations.selectors import original_language

ORIGINAL_LANGUAGE = (
    "The clause texts of this site are recorded in {name} ({code}) as originals; "
    "a translation is in another language."
)
NO_TEXTS = "Give the text of at least one point."
EMPTY_TEXT = "The translation of point {number} is empty."
NOT_IN_REVISION = "Clause version {pk} is not a point of revision {number}."
POINT_TWICE = "Point {number} is given twice."
ALREADY_TRANSLATED = "Point {number} already has a text in {name}; change that text instead."
RECORDED_MEANWHILE = (
    "Another editor recorded a {name} text of some of these points meanwhile, so "
    "nothing was recorded: match the translation again."
)
EDITABLE = ("text", "official", "source", "source_title", "source_url")


@dataclass(frozen=True)
class TranslatedPoint:
    clause_version_id: int
    text: str


@dataclass(frozen=True)
class Recorded:
    created: int
    changed: int
    unchanged: int


def _language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValidationError({"language": unknown_language(code).removeprefix("lang: ")})
    if code == original_language():
        name = LANGUAGES[code].name
        raise ValidationError({"language": ORIGINAL_LANGUAGE.format(name=name, code=code)})


def translations_record(
    *,
    revision: Revision,
    language: str,
    points: Sequence[TranslatedPoint],
    official: bool,
    source=None,
    source_title: str = "",
    source_url: str = "",
    user,
    summary: str,
) -> Recorded:
    """Record ``points`` as the revision's texts in ``language``: a point with no text in
    that language yet gets one, a point that has one gets it replaced (a new version in its
    history) and, either way, the digest of the wording it was made from. All or nothing."""
    require_summary(summary)
    _language(language)
    if not points:
        raise ValidationError({"texts": NO_TEXTS})
    with transaction.atomic():
        versions = {
            v.pk: v
            for v in ClauseVersion.objects.select_for_update().filter(
                revision=revision, pk__in=[p.clause_version_id for p in points]
            )
        }
        seen: set[int] = set()
        for point in points:
            version = versions.get(point.clause_version_id)
            if version is None:
                raise ValidationError(
                    {
                        "clause_version": NOT_IN_REVISION.format(
                            pk=point.clause_version_id, number=revision.number
                        )
                    }
                )
            if point.clause_version_id in seen:
                raise ValidationError({"clause_version": POINT_TWICE.format(number=version.number)})
            seen.add(point.clause_version_id)
            if not point.text.strip():
                raise ValidationError({"text": EMPTY_TEXT.format(number=version.number)})
        existing = {
            row.clause_version_id: row
            for row in ClauseVersionTranslation.objects.select_for_update().filter(
                clause_version__in=list(versions), language=language
            )
        }
        new, changed, unchanged = [], 0, 0
        for point in points:
            version = versions[point.clause_version_id]
            values = {
                "text": point.text.strip(),
                "official": official,
                "source": source,
                "source_title": source_title,
                "source_url": source_url,
                "original_sha256": text_sha256(version.text),
            }
            current = existing.get(version.pk)
            if current is None:
                row = ClauseVersionTranslation(clause_version=version, language=language, **values)
                # The point and the source are rows read above; uniqueness is checked
                # under the lock: no query per row.
                row.full_clean(
                    exclude=["clause_version", "source"],
                    validate_unique=False,
                    validate_constraints=False,
                )
                new.append(row)
                continue
            before = current.version
            apply_edit(current, changes=values, user=user, summary=summary)
            if current.version == before:
                unchanged += 1
            else:
                changed += 1
        try:
            with transaction.atomic():
                bulk_create_tracked(ClauseVersionTranslation, new, user=user, summary=summary)
        except IntegrityError:
            # Another editor recorded a text of one of these points meanwhile.
            raise ValidationError(
                {"language": RECORDED_MEANWHILE.format(name=LANGUAGES[language].name)}
            ) from None
    return Recorded(created=len(new), changed=changed, unchanged=unchanged)


def translation_create(
    *,
    clause_version: ClauseVersion,
    language: str,
    text: str,
    official: bool,
    source=None,
    source_title: str = "",
    source_url: str = "",
    user,
    summary: str,
) -> ClauseVersionTranslation:
    """Record one point's text in ``language``; refused when it already has one."""
    require_summary(summary)
    _language(language)
    with transaction.atomic():
        locked = ClauseVersion.objects.select_for_update().get(pk=clause_version.pk)
        taken = ClauseVersionTranslation.objects.filter(clause_version=locked, language=language)
        if taken.exists():
            raise ValidationError(
                {
                    "language": ALREADY_TRANSLATED.format(
                        number=locked.number, name=LANGUAGES[language].name
                    )
                }
            )
        row = ClauseVersionTranslation(
            clause_version=locked,
            language=language,
            text=text.strip(),
            official=official,
            source=source,
            source_title=source_title,
            source_url=source_url,
            original_sha256=text_sha256(locked.text),
        )
        return save_new(row, user=user, summary=summary)


def translation_edit(
    translation: ClauseVersionTranslation,
    *,
    expected_version: int,
    changes: Mapping[str, Any],
    user,
    summary: str,
) -> ClauseVersionTranslation:
    """Change one translation if nobody saved it since ``expected_version``. A new text is
    made from the wording the clause version has now, so it is no longer stale."""
    only_editable(changes, EDITABLE)
    changes = dict(changes)
    if "text" in changes:
        changes["text"] = str(changes["text"]).strip()
        changes["original_sha256"] = text_sha256(translation.clause_version.text)
    return save_edit(
        translation,
        expected_version=expected_version,
        changes=changes,
        user=user,
        summary=summary,
    )
