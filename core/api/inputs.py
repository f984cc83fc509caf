"""What every API write shares: the edit summary, and refusing a field by name.

Every write carries an edit summary, as ``edit_summary`` in the body or the
``X-Edit-Summary`` header (not ``summary``: a position has a field of that name). A field
the endpoint cannot change is refused by name rather than silently ignored.
"""

import unicodedata
from urllib.parse import unquote

from rest_framework import serializers
from rest_framework.request import Request

from core.api.exceptions import UNKNOWN_FIELD
from core.tracking import (
    SUMMARY_CONTROL_CHARACTER,
    SUMMARY_MAX_LENGTH,
    SUMMARY_REQUIRED,
    SUMMARY_TOO_LONG,
)

EDIT_SUMMARY_FIELD = "edit_summary"


EDIT_SUMMARY_HEADER = "X-Edit-Summary"


def edit_summary(request: Request) -> str:
    """The edit summary from the body, else from the header; 400 naming the one that was
    sent when neither has one, or when it is too long or holds a control character."""
    summary = request.data.get(EDIT_SUMMARY_FIELD) if isinstance(request.data, dict) else None
    field = EDIT_SUMMARY_FIELD
    if summary is None:
        # Headers carry Latin-1 only, so a non-ASCII summary comes percent-encoded.
        summary = unquote(request.headers.get(EDIT_SUMMARY_HEADER, ""))
        field = EDIT_SUMMARY_HEADER if summary else EDIT_SUMMARY_FIELD
    if not isinstance(summary, str) or not summary.strip():
        raise serializers.ValidationError({EDIT_SUMMARY_FIELD: SUMMARY_REQUIRED})
    summary = summary.strip()
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise serializers.ValidationError({field: SUMMARY_TOO_LONG.format(length=len(summary))})
    if any(unicodedata.category(character) == "Cc" for character in summary):
        raise serializers.ValidationError({field: SUMMARY_CONTROL_CHARACTER})
    return summary


class EditInput(serializers.Serializer):
    edit_summary = serializers.CharField(
        required=False,
        help_text="Why you made the change, kept in the history beside your name. "
        "Required: here, or in an X-Edit-Summary header (percent-encode non-ASCII text).",
    )

    def validate(self, attrs):
        if isinstance(self.initial_data, dict):
            unknown = sorted(set(self.initial_data) - set(self.fields))
            if unknown:
                allowed = ", ".join(name for name in self.fields if name != EDIT_SUMMARY_FIELD)
                raise serializers.ValidationError(
                    {name: UNKNOWN_FIELD.format(allowed=allowed) for name in unknown}
                )
        return attrs

    def changes(self) -> dict:
        """The model fields to change, by name (the edit summary travels separately)."""
        return {
            name: value for name, value in self.validated_data.items() if name != EDIT_SUMMARY_FIELD
        }
