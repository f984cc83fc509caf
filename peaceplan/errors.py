"""Errors answered outside the API's views: the handlers Django calls for a 400, 404 or 500,
the request body limit, the pages' rate limit (429), and any other error response under
/api/, each in JSON under /api/ (the shape of ``peaceplan.api_exceptions``) and as the
site's own page elsewhere.

A body larger than the limit is refused before anything reads it: under /api/ past
``API_MAX_BODY_BYTES`` (413 in JSON), on pages past ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (a 413
page saying how large a pasted draft may be), instead of Django's bare "Bad Request (400)".
"""

import math
from datetime import timedelta
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import defaults

from core.api.exceptions import API_PATH_NOT_FOUND
from drafting.parse import MAX_DRAFT_CHARS

API_PREFIX = "/api/"

API_BODY_TOO_LARGE = (
    "The request body is {size:,} bytes; the API accepts at most {limit:,}. "
    "Send fewer changes per request."
)
API_BAD_REQUEST = "The request could not be read: {reason}"
API_METHOD_NOT_ALLOWED = "{method} is not allowed here; this resource allows {allowed}."
API_ERROR = "{phrase}."
API_SERVER_ERROR = (
    "The server failed to answer this request; the error has been logged. Try again in a "
    "moment, and report it if it persists."
)


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int, code: str, message: str, field: str | None = None) -> JsonResponse:
    detail = f"{field}: {message}" if field else message
    return JsonResponse(
        {
            "status": status,
            "code": code,
            "detail": detail,
            "errors": [{"field": field, "code": code, "message": message}],
        },
        status=status,
    )


def bad_request(request, exception, template_name="400.html"):
    if isinstance(exception, RequestDataTooBig):
        return body_too_large(request, size=content_length(request))
    if is_api(request):
        reason = str(exception) or "it is malformed."
        return json_error(400, "bad_request", API_BAD_REQUEST.format(reason=reason))
    return defaults.bad_request(request, exception, template_name)


def page_not_found(request, exception, template_name="404.html"):
    if is_api(request):
        return json_error(404, "not_found", API_PATH_NOT_FOUND.format(path=request.path), "path")
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name="500.html"):
    if is_api(request):
        return json_error(500, "server_error", API_SERVER_ERROR)
    return defaults.server_error(request, template_name)


def content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def body_limit(request) -> int | None:
    """The most bytes a body may hold here (None: no limit)."""
    limit = settings.API_MAX_BODY_BYTES if is_api(request) else None
    if limit is None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit


def body_too_large(request, *, size: int):
    if is_api(request):
        message = API_BODY_TOO_LARGE.format(size=size, limit=settings.API_MAX_BODY_BYTES)
        return json_error(413, "request_too_large", message, "body")
    context = {
        "size": size,
        "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        "max_draft_chars": f"{MAX_DRAFT_CHARS:,}",
    }
    return render(request, "413.html", context, status=413)


def too_many_requests(request, *, retry_after: float):
    """The 429 page of the site's rate limit (peaceplan.page_limits): when to try again, in
    seconds and as a time of day, and the same in Retry-After."""
    seconds = max(math.ceil(retry_after), 1)
    context = {"seconds": seconds, "retry_at": timezone.now() + timedelta(seconds=seconds)}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class RequestBodyLimit:
    """Refuse a body over the limit from its Content-Length, before anything reads it.

    Django reads no more than Content-Length (a body without one is read as empty), so the
    header is what bounds the memory a request can take.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        size = content_length(request)
        limit = body_limit(request)
        if limit is not None and size > limit:
            return body_too_large(request, size=size)
        return self.get_response(request)


class ApiErrorsAsJson:
    """Under /api/, an error answered by something other than the API's views (the schema
    and docs views, Django itself) still comes as the API's JSON error body, its status
    and headers (Allow, Retry-After) kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_api(request) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        status = response.status_code
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = f"Error {status}"
        code = phrase.lower().replace(" ", "_")
        if status == 405:
            allowed = response.get("Allow", "GET")
            message = API_METHOD_NOT_ALLOWED.format(method=request.method, allowed=allowed)
        else:
            message = API_ERROR.format(phrase=phrase)
        json_response = json_error(status, code, message)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                json_response[header] = response[header]
        return json_response
