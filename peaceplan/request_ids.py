"""A request id on every request, its response (``X-Request-ID``) and every log line
written while it is answered, so one request can be followed through the logs of the proxy
and the app.

The id a client sends is no proof of anything, so ``X-Request-ID`` is taken from the
request only when it comes from a proxy named in ``TRUSTED_PROXIES`` (the setting the
throttles read, peaceplan/clients.py) and looks like an id (up to 128 letters, digits and
``-._:``); otherwise a new one is made.
"""

import ipaddress
import logging
import re
import uuid
from contextvars import ContextVar

from django.conf import settings

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
ACCEPTABLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
NO_REQUEST = "-"

current_request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)


def from_trusted_proxy(request) -> bool:
    trusted = settings.TRUSTED_PROXIES
    if not trusted:
        return False
    if isinstance(trusted, int):
        # A count says that many proxies always stand in front: whoever is connected is one.
        return True
    try:
        remote = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(remote in ipaddress.ip_network(item, strict=False) for item in trusted)


def request_id_for(request) -> str:
    sent = request.META.get(META_KEY, "").strip()
    if sent and ACCEPTABLE_ID.fullmatch(sent) and from_trusted_proxy(request):
        return sent
    return uuid.uuid4().hex


class RequestIds:
    """First in MIDDLEWARE: everything after it, and every log line, has the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` on every log record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            request_id = current_request_id.get()
            if request_id == NO_REQUEST:
                # Django logs a 4xx or 5xx once the middleware is done, with the request.
                request_id = getattr(getattr(record, "request", None), "request_id", NO_REQUEST)
            record.request_id = request_id
        return True
