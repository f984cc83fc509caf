"""Per-client rate limits on the site's pages, as the API has its throttles: every request
outside /api/ and the static files is counted by the client's address (``peaceplan.clients``,
so a forged X-Forwarded-For does not reset the count) in the shared cache, in fixed
windows, the way the API's anonymous throttle counts (``peaceplan.throttling``), so the
limit holds across every app process.

Two allowances per client: ``PAGE_RATE`` for pages, and the lower ``DOWNLOAD_RATE`` for
what a program fetches in a loop more than a person does: exports (``?format=``), feeds
and pictures with their CSV. Past either, a 429 page says when to try again, with
Retry-After.

A signed-in reader is never refused. Finding out who is signed in takes a query (the
session, the user), so it is asked only of a request past the limit: every other request,
a page from the cache among them, costs one increment in the cache and no query.
"""

import re
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from peaceplan.clients import client_address
from peaceplan.errors import is_api, too_many_requests
from peaceplan.throttling import count_request

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE_PATTERN = re.compile(r"(\d+)/([smhd])[a-z]*")
BAD_RATE = (
    "{setting}={value!r} is not a rate: give a number of requests per second, minute, "
    "hour or day, e.g. 600/minute."
)
DOWNLOAD_SUFFIXES = ("/feed/", ".svg", ".csv")


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


@lru_cache(maxsize=16)
def parse_rate(setting: str, value: str) -> Rate:
    matched = RATE_PATTERN.fullmatch(value.strip())
    if matched is None or int(matched[1]) == 0:
        raise ImproperlyConfigured(BAD_RATE.format(setting=setting, value=value))
    return Rate(int(matched[1]), PERIODS[matched[2]])


def rate_of(setting: str) -> Rate:
    return parse_rate(setting, getattr(settings, setting))


def is_download(request) -> bool:
    return "format" in request.GET or request.path.endswith(DOWNLOAD_SUFFIXES)


def is_exempt(request) -> bool:
    # Static files are served by WhiteNoise before this runs; a missing one is not.
    return is_api(request) or request.path.startswith(settings.STATIC_URL)


def is_signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class PageRateLimit:
    def __init__(self, get_response):
        self.get_response = get_response
        # A rate that cannot be read stops the app at start, not at the first request.
        rate_of("PAGE_RATE")
        rate_of("DOWNLOAD_RATE")

    def __call__(self, request):
        if is_exempt(request):
            return self.get_response(request)
        kind = "downloads" if is_download(request) else "pages"
        rate = rate_of("DOWNLOAD_RATE" if kind == "downloads" else "PAGE_RATE")
        now = time.time()
        key = f"rate:{kind}:{client_address(request)}"
        counted = count_request(cache, key, rate.seconds, now)
        if counted.count > rate.requests and not is_signed_in(request):
            return too_many_requests(request, retry_after=counted.ends - now)
        return self.get_response(request)
