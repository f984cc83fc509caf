"""One JSON shape for every API error, whatever raised it:

    {"status": 400, "code": "invalid", "detail": "stance: Select a valid choice. ...",
     "errors": [{"field": "stance", "code": "invalid_choice", "message": "..."}]}

``errors`` names each field, query parameter or header at fault (dotted for nested fields,
"body" for an unreadable body, null when no one thing is). A 412 adds ``etag`` and
``current``, the resource as it is now. Django's own ValidationError (from the services'
``full_clean``) becomes a 400 like DRF's, and a change the database refuses a 409, so no
bad request ends as a 500.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from core.api.exceptions import WRITE_CONFLICT, Conflict, PreconditionFailed

VALUE_OUT_OF_RANGE = "A value does not fit the database: {reason}"

# Fields whose error is about the request as a whole, not one field of it.
WHOLE_REQUEST = {"non_field_errors", "__all__", "detail"}
FIELD_OF_EXCEPTION = {
    exceptions.ParseError: "body",
    exceptions.UnsupportedMediaType: "Content-Type",
    exceptions.NotAcceptable: "Accept",
}


def api_exception_handler(exc, context):
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    errors = _flatten(exc.get_full_details(), FIELD_OF_EXCEPTION.get(type(exc)))
    first = errors[0] if errors else {"field": None, "message": str(exc.detail)}
    response.data = {
        "status": response.status_code,
        "code": _code(exc),
        "detail": f"{first['field']}: {first['message']}" if first["field"] else first["message"],
        "errors": errors,
    }
    if isinstance(exc, PreconditionFailed):
        response.data["etag"] = exc.etag
        response.data["current"] = exc.current
        response["ETag"] = exc.etag
    return response


def _as_api_exception(exc):
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return exceptions.ValidationError(detail)
    if isinstance(exc, IntegrityError):
        return Conflict({"non_field_errors": WRITE_CONFLICT.format(reason=_first_line(exc))})
    if isinstance(exc, DataError):
        return exceptions.ValidationError(
            {"non_field_errors": VALUE_OUT_OF_RANGE.format(reason=_first_line(exc))}
        )
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _first_line(exc) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _code(exc) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    return getattr(exc, "default_code", "error")


def _flatten(details, field: str | None, prefix: str = "") -> list[dict]:
    """DRF's nested error details as a flat list naming each field by its dotted path."""
    if isinstance(details, dict) and set(details) == {"message", "code"}:
        code = details["code"] or "invalid"  # Django form errors may carry no code
        return [{"field": field, "code": str(code), "message": str(details["message"])}]
    if isinstance(details, dict):
        errors = []
        for key, value in details.items():
            name = None if key in WHOLE_REQUEST and not prefix else f"{prefix}{key}"
            errors += _flatten(value, name or field, f"{name}." if name else "")
        return errors
    if isinstance(details, list):
        errors = []
        for index, value in enumerate(details):
            if isinstance(value, dict) and set(value) != {"message", "code"}:
                errors += _flatten(value, f"{prefix}{index}", f"{prefix}{index}.")
            else:
                errors += _flatten(value, field, prefix)
        return errors
    return [{"field": field, "code": "error", "message": str(details)}]
