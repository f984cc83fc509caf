"""What every write shares: the edit summary, who made it, and slugs unique in a plan."""

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from ..tracking import TrackedModel
from ..versioning import SUMMARY_REQUIRED

NOT_EDITABLE = "{field} cannot be changed here."

# Long enough to stay unique in a plan of hundreds of clauses, short enough for a URL.
SLUG_LENGTH = 60


def require_summary(summary: str) -> None:
    if not summary or not summary.strip():
        raise ValidationError({"summary": SUMMARY_REQUIRED})


def only_editable(changes: Mapping[str, Any], editable: Collection[str]) -> None:
    """Refuse a change to a field this kind of edit does not own (e.g. ``plan``)."""
    refused = {name: NOT_EDITABLE.format(field=name) for name in changes if name not in editable}
    if refused:
        raise ValidationError(refused)


def save_new(record: TrackedModel, *, user, summary: str) -> TrackedModel:
    """Validate and insert one record with the editor and the summary in its history."""
    record.full_clean()
    record._history_user = user
    record._change_reason = summary
    record.save()
    return record


def unique_slug(text: str, taken: set[str], *, fallback: str) -> str:
    """A slug made from ``text`` that is not in ``taken``; adds it to ``taken``.

    "Security guarantees" twice gives security-guarantees and security-guarantees-2.
    """
    base = slugify(text)[:SLUG_LENGTH].strip("-") or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
    taken.add(slug)
    return slug


def bulk_create_tracked(model, rows: list, *, user, summary: str) -> list:
    """Insert ``rows`` and their history rows in bulk (a few queries, not one per row).

    ``bulk_create`` alone writes no history; this leaves the editor and the summary on
    every row, as a save would. Returns the rows with their primary keys.
    """
    if not rows:
        return []
    return bulk_create_with_history(rows, model, default_user=user, default_change_reason=summary)
