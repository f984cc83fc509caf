"""Idempotency-Key: a create that a client may send again without creating twice.

A POST that creates something (a plan, a revision by clone or from a draft) is wrapped in
``@idempotent``. A client that sends an ``Idempotency-Key`` header (any unique string, a
UUID will do) may repeat the request, after a timeout or a lost connection, and gets the
first answer back instead of a second record:

- the same key, user, method, path and body within ``RECORD_SECONDS`` (24 h): the first
  response again (status, body, ``Location`` and ``ETag``), marked ``Idempotent-Replayed:
  true``; nothing is written;
- the same key with a different body: 422 naming the header;
- the same key while the first request is still being answered: 409 (so two duplicates
  sent at once never both create);
- no key: the request is answered as any other.

Only a success is remembered: a refused request (a 4xx such as a stale If-Match) or an
error leaves the key free, so the client can correct the request and send it again with
the same key.

The record lives in Django's default cache, which every app process shares in production
(Redis): ``cache.add`` stores it only if the key is free, atomically, so it is also the
lock that lets one request through.
"""

import functools
import hashlib
import json
import re
from collections.abc import Callable

from django.core.cache import cache
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
# What a key may hold: printable ASCII (letters, digits, punctuation, inner spaces).
KEY_PATTERN = r"^[\x20-\x7e]*[\x21-\x7e][\x20-\x7e]*$"
_KEY = re.compile(KEY_PATTERN)

# How long a success is answered again to a repeat of its request.
RECORD_SECONDS = 24 * 60 * 60
# How long a request in progress holds its key. Far longer than any request is let run
# (the app server ends a worker that takes minutes), yet short enough that a key whose
# request died with its process (no answer recorded, no lock released) becomes usable
# again the same day.
LOCK_SECONDS = 10 * 60
# The response headers that say what was created, replayed with the body.
REPLAYED_RESPONSE_HEADERS = ("Location", "ETag")
# The mark ``@idempotent`` leaves on an action, read by the schema to declare the header.
IDEMPOTENT_MARK = "idempotent"

KEY_BLANK = (
    "Idempotency-Key is empty: send a key unique to this request (a UUID will do), or leave "
    "the header out."
)
KEY_TOO_LONG = (
    "Idempotency-Key holds {length} characters; it may hold at most 255 (a UUID will do)."
)
KEY_NOT_PRINTABLE = (
    "Idempotency-Key may hold only printable ASCII characters (letters, digits, punctuation "
    "and spaces); a UUID will do."
)
KEY_REUSED = (
    "This Idempotency-Key was sent in the last 24 hours with a different body: send a new "
    "key for a new request, or the same body to get the first answer again."
)
KEY_IN_PROGRESS = (
    "A request with this Idempotency-Key is still being answered: wait for it, then send "
    "this one again to get its answer."
)


class IdempotencyKeyReused(APIException):
    """422: the key names another request (another body)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = KEY_REUSED
    default_code = "idempotency_key_reused"


class IdempotencyKeyInProgress(APIException):
    """409: the request the key names is still being answered."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = KEY_IN_PROGRESS
    default_code = "idempotency_key_in_progress"
    # DRF's handler answers it as Retry-After: a duplicate sent at once is worth retrying.
    wait = 1


def idempotency_key(request: Request) -> str | None:
    """The request's Idempotency-Key, or None without one; 400 naming the header for one
    that is empty, too long or not printable ASCII."""
    key = request.headers.get(IDEMPOTENCY_KEY_HEADER)
    if key is None:
        return None
    if not key.strip():
        raise ValidationError({IDEMPOTENCY_KEY_HEADER: KEY_BLANK})
    if len(key) > MAX_KEY_LENGTH:
        raise ValidationError({IDEMPOTENCY_KEY_HEADER: KEY_TOO_LONG.format(length=len(key))})
    if not _KEY.fullmatch(key):
        raise ValidationError({IDEMPOTENCY_KEY_HEADER: KEY_NOT_PRINTABLE})
    return key


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _slot(request: Request, key: str) -> str:
    """The cache key of a request's record: one per user, method, path and key (hashed,
    so that any key makes a cache key every backend takes)."""
    parts = (str(request.user.pk), request.method or "", request.path, key)
    return f"idempotency:{_sha256(chr(0).join(parts))}"


def _body_hash(request: Request) -> str:
    """The body as parsed, in one canonical form: the same JSON sent with its fields in
    another order or other spacing is the same request."""
    return _sha256(json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str))


def _claim(slot: str, body: str) -> Response | None:
    """Hold the slot for this request (None), or the answer for the request already there:
    its recorded response, 422 for another body, 409 while it is still being answered."""
    for _ in range(2):
        if cache.add(slot, {"body": body, "response": None}, LOCK_SECONDS):
            return None
        record = cache.get(slot)
        if record is None:
            # Expired between the two calls: try to hold it again.
            continue
        if record["body"] != body:
            raise IdempotencyKeyReused({IDEMPOTENCY_KEY_HEADER: KEY_REUSED})
        if record["response"] is None:
            raise IdempotencyKeyInProgress({IDEMPOTENCY_KEY_HEADER: KEY_IN_PROGRESS})
        recorded = record["response"]
        return Response(
            recorded["data"],
            status=recorded["status"],
            headers={**recorded["headers"], REPLAYED_HEADER: "true"},
        )
    raise IdempotencyKeyInProgress({IDEMPOTENCY_KEY_HEADER: KEY_IN_PROGRESS})


def idempotent(action: Callable) -> Callable:
    """Make a view set's creating action honour the Idempotency-Key header (see above).

    Wraps the action itself, so it runs after authentication and permissions (the user is
    known) and keeps the action's schema annotations."""

    @functools.wraps(action)
    def answer(view, request: Request, *args, **kwargs):
        key = idempotency_key(request)
        if key is None:
            return action(view, request, *args, **kwargs)
        slot = _slot(request, key)
        body = _body_hash(request)
        replayed = _claim(slot, body)
        if replayed is not None:
            return replayed
        try:
            response = action(view, request, *args, **kwargs)
        except BaseException:
            cache.delete(slot)
            raise
        if not status.is_success(response.status_code):
            cache.delete(slot)
            return response
        headers = {name: response[name] for name in REPLAYED_RESPONSE_HEADERS if name in response}
        recorded = {"status": response.status_code, "data": response.data, "headers": headers}
        cache.set(slot, {"body": body, "response": recorded}, RECORD_SECONDS)
        return response

    setattr(answer, IDEMPOTENT_MARK, True)
    return answer


def is_idempotent(view) -> bool:
    """Whether the view's current action is wrapped in ``@idempotent``."""
    handler = getattr(view, getattr(view, "action", None) or "", None)
    return bool(getattr(handler, IDEMPOTENT_MARK, False))
