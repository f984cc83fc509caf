"""The API's one body format, JSON, read without letting a hostile body crash the server."""

from collections.abc import Iterable
from typing import Any

from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser

from core.api.inputs import EDIT_SUMMARY_FIELD
from core.input_text import printable, text_fault

JSON_TOO_DEEP = (
    "JSON parse error - the body nests arrays or objects too deeply to read; the API's "
    "bodies are flat objects of fields."
)


class JSONBodyParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Python's JSON decoder recurses once per level of nesting.
            raise ParseError(JSON_TOO_DEEP) from None
        # JSON escapes can spell NUL, other control characters and lone surrogates, which
        # no field may keep (core.input_text): refused by the field's dotted name.
        fault = _text_fault(data, "")
        if fault is not None:
            raise ValidationError({fault[0] or "body": fault[1]})
        return data


def _text_fault(value, path: str) -> tuple[str, str] | None:
    """The dotted name of the first string in ``value`` that is unfit to keep, and why."""
    if isinstance(value, str):
        message = text_fault(value)
        return (path, message) if message is not None else None
    items: Iterable[tuple[str, Any]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(index), item) for index, item in enumerate(value))
    else:
        return None
    for key, item in items:
        if not path and key == EDIT_SUMMARY_FIELD:
            continue  # checked with the edit summary's own message (core.api.inputs)
        name = f"{path}.{printable(key)}" if path else printable(key)
        message = text_fault(key)
        if message is not None:
            return name, message
        found = _text_fault(item, name)
        if found is not None:
            return found
    return None
