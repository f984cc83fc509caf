"""What every API write shares: the edit summary, and refusing a field by name.

Every write carries an edit summary, as ``edit_summary`` in the body or the
``X-Edit-Summary`` header (not ``summary``: a position has a field of that name). A field
the endpoint cannot change is refused by name rather than silently ignored.
"""

import re
import unicodedata
from collections.abc import Mapping
from urllib.parse import unquote_to_bytes

from rest_framework import serializers
from rest_framework.request import Request

from core.api.exceptions import UNKNOWN_FIELD
from core.input_text import decode, text_fault
from core.tracking import (
    SUMMARY_CONTROL_CHARACTER,
    SUMMARY_MAX_LENGTH,
    SUMMARY_REQUIRED,
    SUMMARY_TOO_LONG,
)

EDIT_SUMMARY_FIELD = "edit_summary"
NOT_TEXT = "Send text here, as a JSON string (not {kind})."


def _escaped(characters) -> str:
    """Characters as a regular expression's character class lists them (runs as ranges),
    in escapes that both Python's and ECMAScript's regular expressions read alike."""
    runs: list[list[int]] = []
    for code in sorted(map(ord, characters)):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(
        f"\\u{first:04x}" + (f"-\\u{last:04x}" if last > first else "") for first, last in runs
    )


# What str.strip() strips (str.isspace), and the control characters of the edit summary's
# rule (Unicode category Cc), as classes of the schema's patterns.
_WHITESPACE = _escaped(c for c in map(chr, range(0x10000)) if c.isspace())
_CONTROL = _escaped(c for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Cc")
# Every other text the server keeps refuses the control characters but tab and line breaks
# (core.input_text): the schema states that rule for each text parameter and field.
UNREADABLE_CHARACTERS = _escaped(
    c for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Cc" and c not in "\t\n\r"
)
READABLE_TEXT_PATTERN = f"^[^{UNREADABLE_CHARACTERS}]*$"
# A header's value is read as the bytes it came in (Latin-1 characters in WSGI): what
# peaceplan.input_checks refuses there is a C0 control but tab, and DEL.
HEADER_TEXT_PATTERN = "^[^\\x00-\\x08\\x0a-\\x1f\\x7f]*$"
# A text field that trims its value and may not be blank holds something besides spaces.
_TEXT = f"[^{UNREADABLE_CHARACTERS}]*"
NON_BLANK_PATTERN = f"^{_TEXT}[^{UNREADABLE_CHARACTERS}{_WHITESPACE}]{_TEXT}$"
# The edit summary as ``edit_summary`` accepts it: stripped, 1 to SUMMARY_MAX_LENGTH
# characters, none of them a control character (those stripped off the ends aside).
EDIT_SUMMARY_PATTERN = (
    f"^[{_WHITESPACE}]*[^{_CONTROL}{_WHITESPACE}]"
    f"(?:[^{_CONTROL}]{{0,{SUMMARY_MAX_LENGTH - 2}}}[^{_CONTROL}{_WHITESPACE}])?"
    f"[{_WHITESPACE}]*$"
)


EDIT_SUMMARY_HEADER = "X-Edit-Summary"
# The header's value in its plainest form: printable ASCII, not blank.
SUMMARY_HEADER_PATTERN = "^[\\x20-\\x7e]*[\\x21-\\x7e][\\x20-\\x7e]*$"
# RFC 8187's extended value: charset, an optional language, then the percent-encoded text.
EXTENDED_VALUE = re.compile(r"UTF-8'[A-Za-z0-9-]*'(?P<text>.*)", re.IGNORECASE | re.DOTALL)


def header_text(request: Request, name: str) -> str:
    """The text of header ``name`` ("" when absent), read as UTF-8 whichever way it was
    sent: raw UTF-8 bytes, percent-encoded UTF-8 (a literal % then travels as %25), or
    RFC 8187's ``UTF-8''caf%C3%A9``. 400 naming the header if it is not UTF-8."""
    value = request.headers.get(name, "")
    extended = EXTENDED_VALUE.fullmatch(value)
    if extended is not None:
        value = extended.group("text")
    # WSGI hands a header's bytes over as Latin-1 characters; anything beyond Latin-1 was
    # decoded already (a test client's string).
    try:
        raw = value.encode("latin-1")
    except UnicodeEncodeError:
        raw = value.encode()
    raw = unquote_to_bytes(raw)
    try:
        return raw.decode()
    except UnicodeDecodeError:
        # Control characters are the caller's to refuse, with its own message.
        raise serializers.ValidationError({name: decode(raw)[1]}) from None


def edit_summary(request: Request) -> str:
    """The edit summary from the body, else from the header; 400 naming the one that was
    sent when neither has one, or when it is too long or holds a control character."""
    summary = request.data.get(EDIT_SUMMARY_FIELD) if isinstance(request.data, dict) else None
    field = EDIT_SUMMARY_FIELD
    if summary is None:
        summary = header_text(request, EDIT_SUMMARY_HEADER)
        field = EDIT_SUMMARY_HEADER if summary else EDIT_SUMMARY_FIELD
    if not isinstance(summary, str) or not summary.strip():
        raise serializers.ValidationError({EDIT_SUMMARY_FIELD: SUMMARY_REQUIRED})
    summary = summary.strip()
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise serializers.ValidationError({field: SUMMARY_TOO_LONG.format(length=len(summary))})
    if any(unicodedata.category(character) == "Cc" for character in summary):
        raise serializers.ValidationError({field: SUMMARY_CONTROL_CHARACTER})
    # What a control character aside makes text unfit to keep: a lone surrogate.
    fault = text_fault(summary)
    if fault is not None:
        raise serializers.ValidationError({field: fault})
    return summary


def _not_text(fields: Mapping[str, serializers.Field], data: Mapping) -> dict:
    """The errors of the values of ``data`` sent for a text field that are not text,
    nested as DRF nests its errors. DRF's CharField would take a number as its digits:
    ``"title": 0`` is more likely a client's mistake than a title."""
    errors: dict = {}
    for name, field in fields.items():
        if field.read_only or name not in data:
            continue
        value = data[name]
        if isinstance(field, serializers.CharField):
            if value is not None and not isinstance(value, str):
                errors[name] = [NOT_TEXT.format(kind=type(value).__name__)]
        elif isinstance(field, serializers.ListSerializer) and isinstance(value, list):
            child = field.child
            if isinstance(child, serializers.Serializer):
                items = [
                    _not_text(child.fields, item) if isinstance(item, Mapping) else {}
                    for item in value
                ]
                if any(items):
                    errors[name] = items
        elif isinstance(field, serializers.Serializer) and isinstance(value, Mapping):
            found = _not_text(field.fields, value)
            if found:
                errors[name] = found
    return errors


class ClosedInput(serializers.Serializer):
    """A body, or a part of one, that refuses fields it does not have (400 naming each), as
    the schema states (``additionalProperties: false``): a misspelt field is never ignored."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        # Checked on what this part was given: a nested part has no initial_data of its own.
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                allowed = ", ".join(name for name in self.fields if name != EDIT_SUMMARY_FIELD)
                raise serializers.ValidationError(
                    {name: UNKNOWN_FIELD.format(allowed=allowed) for name in unknown}
                )
        return value


class EditInput(ClosedInput):
    edit_summary = serializers.CharField(
        required=False,
        help_text="Why you made the change, kept in the history beside your name. "
        "Required: here, or in an X-Edit-Summary header (UTF-8, raw or percent-encoded).",
    )

    def to_internal_value(self, data):
        wrong = _not_text(self.fields, data) if isinstance(data, Mapping) else {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if wrong and isinstance(error.detail, dict):
                raise serializers.ValidationError({**error.detail, **wrong}) from None
            raise
        if wrong:
            raise serializers.ValidationError(wrong)
        return value

    def changes(self) -> dict:
        """The model fields to change, by name (the edit summary travels separately)."""
        return {
            name: value for name, value in self.validated_data.items() if name != EDIT_SUMMARY_FIELD
        }
