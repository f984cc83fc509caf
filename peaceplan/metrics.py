"""``/metrics`` in Prometheus's text format, off unless ``METRICS_ENABLED`` (then 404, as
any unknown URL). A scraper must come from an address in ``METRICS_ALLOWED`` (the
client's address as peaceplan/clients.py reads it; loopback by default) or send
``Authorization: Bearer <METRICS_TOKEN>``; anyone else gets 403.

What is counted, per app process (prometheus_client), or summed over every gunicorn
worker when ``PROMETHEUS_MULTIPROC_DIR`` names a directory they share (its multiprocess
mode; peaceplan/gunicorn_conf.py empties it at start and drops a dead worker's files):

- ``peaceplan_requests_total{view,method,status}`` and
  ``peaceplan_request_duration_seconds{view}``: requests by URL name, not by path, so a
  made-up path adds no series (``unresolved`` when nothing matched);
- ``peaceplan_page_cache_total{outcome}``: page-cache hits and misses (core/conditional.py);
- ``peaceplan_throttled_requests_total{kind}``: 429s, ``api`` or ``pages``;
- ``peaceplan_database_queries_total{view}``: queries run while answering.
"""

import hmac
import ipaddress
import os
import time
from contextlib import ExitStack

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

from core.conditional import PAGE_CACHE_OUTCOME
from peaceplan.clients import client_address
from peaceplan.errors import is_api

METRICS_PATH = "/metrics"
UNRESOLVED = "unresolved"
# Any other method is counted as "other", so a client cannot add series at will.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
NOT_ALLOWED = "Metrics are served only to the addresses in METRICS_ALLOWED or with the token.\n"

REQUESTS = Counter(
    "peaceplan_requests",
    "Requests answered, by view, method and status.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "peaceplan_request_duration_seconds",
    "Time to answer a request, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
PAGE_CACHE = Counter("peaceplan_page_cache", "Page-cache lookups, by outcome.", ["outcome"])
THROTTLED = Counter(
    "peaceplan_throttled_requests", "Requests refused with 429, API or pages.", ["kind"]
)
QUERIES = Counter(
    "peaceplan_database_queries", "Database queries run while answering, by view.", ["view"]
)


def is_allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    sent = request.META.get("HTTP_AUTHORIZATION", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(item, strict=False) for item in settings.METRICS_ALLOWED
    )


def exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def metrics_response(request: HttpRequest) -> HttpResponse:
    if not is_allowed(request):
        return HttpResponse(NOT_ALLOWED, status=403, content_type="text/plain; charset=utf-8")
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


class QueryCounter:
    """A database execute wrapper that only counts."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class Metrics:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.METRICS_ENABLED:
            return self.get_response(request)
        if request.path == METRICS_PATH and request.method in ("GET", "HEAD"):
            return metrics_response(request)
        queries = QueryCounter()
        started = time.perf_counter()
        with ExitStack() as wrappers:
            for connection in connections.all():
                wrappers.enter_context(connection.execute_wrapper(queries))
            response = self.get_response(request)
        elapsed = time.perf_counter() - started
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match is not None and match.view_name else UNRESOLVED
        method = request.method if request.method in KNOWN_METHODS else "other"
        REQUESTS.labels(view, method, str(response.status_code)).inc()
        LATENCY.labels(view).observe(elapsed)
        QUERIES.labels(view).inc(queries.count)
        outcome = getattr(request, PAGE_CACHE_OUTCOME, None)
        if outcome is not None:
            PAGE_CACHE.labels(outcome).inc()
        if response.status_code == 429:
            THROTTLED.labels("api" if is_api(request) else "pages").inc()
        return response
