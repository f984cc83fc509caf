"""``/metrics`` (peaceplan/metrics.py): off unless METRICS_ENABLED (404), served only to
METRICS_ALLOWED or with the token (403 otherwise), in Prometheus's text format, with
requests and their latency by view, page-cache hits and misses, throttled requests and
database queries."""

import pytest
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import build_plan

pytestmark = pytest.mark.django_db

OVERVIEW = "/plans/generated/"
TOKEN = "scrape-" + "t" * 32


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_ENABLED = True
    settings.METRICS_ALLOWED = ["127.0.0.1", "::1"]
    settings.METRICS_TOKEN = TOKEN


@pytest.fixture
def plan(db):
    return build_plan(clauses=3, parties=2, revisions=2)


def samples(client=None) -> dict:
    """Every sample of the exposition: {(name, sorted labels): value}."""
    response = (client or Client()).get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    found = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found: dict, name: str, **labels) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_are_off_unless_enabled(db, settings):
    settings.METRICS_ENABLED = False
    assert Client().get("/metrics").status_code == 404


def test_an_address_not_allowed_gets_403(metrics_on):
    response = Client(REMOTE_ADDR="203.0.113.9").get("/metrics")

    assert response.status_code == 403
    assert b"peaceplan_requests" not in response.content


def test_the_token_opens_them_from_anywhere(metrics_on):
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403


def test_an_allowed_network_opens_them(metrics_on, settings):
    settings.METRICS_ALLOWED = ["10.0.0.0/8"]
    assert Client(REMOTE_ADDR="10.4.5.6").get("/metrics").status_code == 200
    assert Client().get("/metrics").status_code == 403


def test_requests_latency_and_queries_are_counted_by_view(plan, metrics_on):
    before = samples()
    client = Client()
    client.get(OVERVIEW)
    client.get(OVERVIEW)
    client.get("/made/up/path/")
    after = samples()

    view = "clauses:plan"
    requests = ("peaceplan_requests_total", {"view": view, "method": "GET", "status": "200"})
    assert value(after, requests[0], **requests[1]) - value(before, requests[0], **requests[1]) == 2
    unresolved = {"view": "unresolved", "method": "GET", "status": "404"}
    assert (
        value(after, "peaceplan_requests_total", **unresolved)
        - value(before, "peaceplan_requests_total", **unresolved)
        == 1
    )
    count = "peaceplan_request_duration_seconds_count"
    assert value(after, count, view=view) - value(before, count, view=view) == 2
    queries = "peaceplan_database_queries_total"
    assert value(after, queries, view=view) - value(before, queries, view=view) >= 2


def test_page_cache_hits_and_misses_are_counted(plan, metrics_on):
    before = samples()
    client = Client()
    client.get(OVERVIEW)  # rendered and kept
    client.get(OVERVIEW)  # from the cache
    client.get(OVERVIEW)
    after = samples()

    def delta(outcome):
        name = "peaceplan_page_cache_total"
        return value(after, name, outcome=outcome) - value(before, name, outcome=outcome)

    assert (delta("miss"), delta("hit")) == (1, 2)


def test_throttled_requests_are_counted(plan, metrics_on, settings, monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/minute", "user": "9/minute"}
    )
    settings.PAGE_RATE = "1/minute"
    before = samples()
    client = Client(REMOTE_ADDR="192.0.2.44")
    statuses = [client.get("/api/v1/plans/").status_code for _ in range(2)]
    statuses += [client.get(OVERVIEW).status_code for _ in range(2)]
    after = samples()

    assert statuses == [200, 429, 200, 429]
    name = "peaceplan_throttled_requests_total"
    for kind in ("api", "pages"):
        assert value(after, name, kind=kind) - value(before, name, kind=kind) == 1


def test_counting_adds_no_query(plan, metrics_on, django_assert_num_queries):
    client = Client()
    client.get(OVERVIEW)
    # A page from the cache: the change stamp only, as without metrics.
    with django_assert_num_queries(1):
        assert client.get(OVERVIEW).status_code == 200
