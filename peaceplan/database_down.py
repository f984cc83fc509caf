"""While the database does not answer: a 503 saying when to try again, never a 500.

A page gets the 503 page (rendered without a request, so nothing on it reads the
database), the API its JSON error body with code ``database_unavailable``; both carry
``Retry-After``. The middleware answers an error raised by a view or while rendering its
template; ``server_error``, the site's handler500, answers one raised anywhere else (a
middleware reading the session, say), and leaves every other error to
``peaceplan.errors.server_error``. A warning is logged at most once a minute per
process (logger ``peaceplan.database``), not once per request.
"""

import logging
import sys
import threading
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from peaceplan import errors
from peaceplan.errors import is_api, json_error

logger = logging.getLogger("peaceplan.database")

# Raised when a connection cannot be made or is lost (and by PostgreSQL for a statement
# cancelled on timeout): the database, not the request, is at fault.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
WARN_EVERY_SECONDS = 60
API_DATABASE_UNAVAILABLE = (
    "The database is not answering; nothing was saved by this request. Try again in "
    "{seconds} seconds."
)
DATABASE_DOWN = "The database is not answering (%s): answering 503 until it does."

_warned_at: float | None = None
_warned_lock = threading.Lock()


def warn_once_a_minute(error: BaseException) -> None:
    global _warned_at
    now = time.monotonic()
    with _warned_lock:
        due = _warned_at is None or now - _warned_at >= WARN_EVERY_SECONDS
        if due:
            _warned_at = now
    if due:
        # The class and its message (no traceback): a psycopg2 message names the host,
        # never the password.
        logger.warning(DATABASE_DOWN, f"{type(error).__name__}: {str(error).strip()}")


def database_unavailable(request, error: BaseException) -> HttpResponse:
    warn_once_a_minute(error)
    seconds = RETRY_AFTER_SECONDS
    response: HttpResponse
    if is_api(request):
        message = API_DATABASE_UNAVAILABLE.format(seconds=seconds)
        response = json_error(503, "database_unavailable", message)
    else:
        body = loader.render_to_string("503.html", {"seconds": seconds})
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    # Logged above, once a minute: not again by Django as an error for every request.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def server_error(request, template_name="500.html"):
    # Django calls its handler500 inside its ``except``: the error is at hand.
    error = sys.exception()
    if isinstance(error, UNAVAILABLE):
        return database_unavailable(request, error)
    return errors.server_error(request, template_name)


class DatabaseUnavailable:
    """Answers a view's database error with the 503 (``database_unavailable``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE):
            return database_unavailable(request, exception)
        return None
