"""Writes of the sources app: each validates, runs in one transaction and records the
editor and the edit summary in history. HTML pasted as text is stripped to its text; the
source saved says so in ``html_stripped`` (not a field)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.saving import only_editable, save_new
from core.tracking import require_summary, save_edit
from sources.fields import SOURCE
from sources.models import Source
from sources.text import prepare_text

EDITABLE = (*SOURCE.editable, "text")
TEXT_KEPT = (
    "A source's text, once recorded, is what its quotes were checked against and is not "
    "changed: record the other text as a source of its own."
)


def _prepared(values: dict) -> tuple[dict, bool]:
    if "text" not in values:
        return values, False
    prepared = prepare_text(values["text"] or "")
    return {**values, "text": prepared.text}, prepared.html_stripped


def source_create(*, values: dict, user, summary: str) -> Source:
    """A new source; ``values`` holds its fields by name (``text`` among them)."""
    require_summary(summary)
    only_editable(values, EDITABLE)
    values, stripped = _prepared(values)
    with transaction.atomic():
        source = save_new(Source(**values), user=user, summary=summary)
    source.html_stripped = stripped
    return source


def source_update(
    *, source: Source, expected_version: int, changes: dict, user, summary: str
) -> Source:
    """Change a source if nobody saved it since ``expected_version`` (else EditConflict).

    Its text may be added where there was none; a text already recorded is the document
    positions were checked against and is not changed here."""
    only_editable(changes, EDITABLE)
    changes, stripped = _prepared(changes)
    if "text" in changes and source.text and changes["text"] != source.text:
        raise ValidationError({"text": TEXT_KEPT})
    with transaction.atomic():
        saved = save_edit(
            source, expected_version=expected_version, changes=changes, user=user, summary=summary
        )
    saved.html_stripped = stripped
    return saved
