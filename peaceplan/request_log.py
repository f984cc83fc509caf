"""One log line per request (logger ``peaceplan.requests``), written once it is answered:
method, path, status, duration, the signed-in user's id, the request id (the log
formatter adds it, peaceplan/request_ids.py), and for a write the record it reached and
the version it left, where the response says.

What it never holds: the query string (an export's filters may be long, a mistaken client
may put a token there), headers, cookies or the body: of a body only its length.

Health and readiness probes and metric scrapes come every few seconds: they are logged at
DEBUG, every other request at INFO (``ACCESS_LOG`` off: not at all).
"""

import logging
import re
import time

from django.conf import settings
from django.utils.functional import empty

from peaceplan.errors import content_length

logger = logging.getLogger("peaceplan.requests")

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PROBE_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
# A writable record's ETag (core/api/etag.py): "<pk>-<version>".
RECORD_ETAG = re.compile(r'(?:W/)?"(\d+)-(\d+)"')


def signed_in_user_id(request) -> int | None:
    """The user's id if the request already loaded its user; never a query of its own."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is empty or not getattr(wrapped, "is_authenticated", False):
        return None
    return wrapped.pk


def write_fields(request, response) -> dict:
    fields: dict = {}
    match = getattr(request, "resolver_match", None)
    if match is not None:
        fields["view"] = match.view_name
        fields["record"] = {name: str(value) for name, value in match.kwargs.items()}
    tag = RECORD_ETAG.fullmatch(response.get("ETag", ""))
    if tag is not None:
        fields["record_id"], fields["version"] = int(tag[1]), int(tag[2])
    return fields


class AccessLog:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.ACCESS_LOG:
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        level = logging.DEBUG if request.path in PROBE_PATHS else logging.INFO
        if not logger.isEnabledFor(level):
            # Nothing would be written (a probe while the log is at INFO, or the log set
            # above INFO): the line is not even built.
            return response
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "user_id": signed_in_user_id(request),
        }
        if request.method in WRITE_METHODS:
            fields["body_bytes"] = content_length(request)
            fields |= write_fields(request, response)
        logger.log(
            level,
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra=fields,
        )
        return response
