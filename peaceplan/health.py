"""Probes for whatever runs the app (a container's HEALTHCHECK, a load balancer, an
orchestrator), answered first in MIDDLEWARE, before host checks, HTTPS redirects, sessions,
throttles and caches, so a probe from inside the container or the private network is
answered as is and costs nothing else:

- ``/healthz``: the process answers. Touches no database or cache: a database outage
  must not get every app process restarted.
- ``/readyz``: the database and the cache answer, each within a short timeout
  (``READY_TIMEOUT_SECONDS``): JSON naming each check, ``ok`` or ``down``, with its
  latency; 503 when one is down, so a load balancer sends traffic elsewhere.

Neither is cached (``Cache-Control: no-store``) or throttled; the access log writes them
at DEBUG only (peaceplan/request_log.py).
"""

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
READY_KEY = "readyz"

# One thread for the cache check, so a Redis that hangs is given up on after the timeout
# (the request's own thread stays free to answer); the database is checked on the
# request's connection (the one the app uses), bounded by its connect timeout.
_cache_checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="readyz-cache")


def check_database(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    """Ask the cache server itself: the Redis backend's fallback to local memory
    (peaceplan/cache_fallback.py) would otherwise answer for it."""
    ping = getattr(cache, "ping_primary", None)
    if ping is not None:
        ping()
        return
    cache.set(READY_KEY, "ok", 10)
    if cache.get(READY_KEY) != "ok":
        raise RuntimeError("the cache did not return what was stored")


def timed(check: Callable[[], None], *, in_thread: bool = False) -> dict[str, str | float]:
    started = time.perf_counter()
    outcome: dict[str, str | float]
    try:
        if in_thread:
            _cache_checker.submit(check).result(timeout=settings.READY_TIMEOUT_SECONDS)
        else:
            check()
    except FutureTimeout:
        outcome = {"status": "down", "error": "timed out"}
    except Exception as error:  # noqa: BLE001 -- any failure is "down", named, never a 500
        outcome = {"status": "down", "error": type(error).__name__}
    else:
        outcome = {"status": "ok"}
    outcome["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return outcome


def readiness() -> dict[str, dict[str, str | float]]:
    checks = {"database": timed(lambda: check_database("default"))}
    if "replica" in settings.DATABASES:
        checks["database_replica"] = timed(lambda: check_database("replica"))
    checks["cache"] = timed(check_cache, in_thread=True)
    return checks


def healthz() -> HttpResponse:
    return uncached(JsonResponse({"status": "ok"}))


def readyz() -> HttpResponse:
    checks = readiness()
    ready = all(check["status"] == "ok" for check in checks.values())
    body = {"status": "ok" if ready else "unavailable", "checks": checks}
    return uncached(JsonResponse(body, status=200 if ready else 503))


def uncached(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    # A 503 here is an answer, not an error of the app's: Django would log every probe's
    # as one (what is down is logged by its own warning, peaceplan/cache_fallback.py).
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


class HealthProbes:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            if request.path == HEALTH_PATH:
                return healthz()
            if request.path == READY_PATH:
                return readyz()
        return self.get_response(request)
