"""The probes a container runtime or load balancer asks (peaceplan/health.py): ``/healthz``
answers as long as the process does, touching nothing; ``/readyz`` says, check by check
with its latency, whether the database and the cache answer, and is 503 when one does
not. Neither is cached, throttled or logged at INFO."""

import logging

import pytest
from django.db import OperationalError, connection
from django.test import Client

from peaceplan.cache_fallback import RedisWithFallback

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_unreachable(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "peaceplan.cache_fallback.RedisWithFallback",
            "LOCATION": UNREACHABLE_REDIS,
            "KEY_PREFIX": "test-health",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }


@pytest.fixture
def database_down(monkeypatch):
    """Every new cursor fails as with a server that refuses connections."""

    def refused(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 1 failed: refused")

    monkeypatch.setattr(connection, "cursor", refused)


def test_healthz_answers_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_while_the_database_and_cache_are_down(database_down, redis_unreachable):
    response = Client().get("/healthz")
    assert response.status_code == 200


def test_probes_answer_any_host_and_plain_http(settings):
    # A container's HEALTHCHECK asks http://127.0.0.1:8000/healthz, whatever ALLOWED_HOSTS
    # and the HTTPS redirect say.
    settings.ALLOWED_HOSTS = ["peaceplan.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    assert Client().get("/healthz", HTTP_HOST="127.0.0.1:8000").status_code == 200
    assert Client().get("/readyz", HTTP_HOST="10.1.2.3").status_code == 200


def test_readyz_names_each_check_with_its_latency(client, django_assert_num_queries):
    # One query: SELECT 1 on the app's own connection. The cache is asked, not the database.
    with django_assert_num_queries(1):
        response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache"}
    for check in body["checks"].values():
        assert check["status"] == "ok"
        assert isinstance(check["latency_ms"], float) and check["latency_ms"] >= 0
    assert response["Cache-Control"] == "no-store"


def test_readyz_is_503_naming_the_database_when_it_is_down(client, database_down):
    response = client.get("/readyz")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["status"] == "down"
    assert checks["database"]["error"] == "OperationalError"
    assert checks["cache"]["status"] == "ok"


def test_readyz_is_503_naming_the_cache_when_redis_is_down(redis_unreachable):
    response = Client().get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["status"] == "down"
    assert body["checks"]["database"]["status"] == "ok"


def test_readyz_gives_up_on_a_cache_that_hangs(settings, monkeypatch):
    settings.READY_TIMEOUT_SECONDS = 0.2
    settings.CACHES = {
        "default": {
            "BACKEND": "peaceplan.cache_fallback.RedisWithFallback",
            "LOCATION": UNREACHABLE_REDIS,
        }
    }
    import threading

    release = threading.Event()
    monkeypatch.setattr(RedisWithFallback, "ping_primary", lambda self: release.wait(5))
    try:
        response = Client().get("/readyz")
    finally:
        release.set()

    assert response.status_code == 503
    cache_check = response.json()["checks"]["cache"]
    assert cache_check["error"] == "timed out"
    assert cache_check["latency_ms"] < 2000


def test_probes_are_never_throttled(settings):
    settings.PAGE_RATE = "2/minute"
    client = Client()
    assert {client.get("/healthz").status_code for _ in range(5)} == {200}
    assert {client.get("/readyz").status_code for _ in range(5)} == {200}
    # A page from the same address is limited as ever.
    assert [client.get("/").status_code for _ in range(3)][-1] == 429


def test_probes_are_not_logged_at_info(settings, caplog):
    settings.ACCESS_LOG = True
    settings.METRICS_ENABLED = True  # a scrape comes as often as a probe
    caplog.set_level(logging.INFO, logger="peaceplan.requests")
    client = Client()

    client.get("/healthz")
    client.get("/readyz")
    assert client.get("/metrics").status_code == 200
    client.get("/")

    logged = [record for record in caplog.records if record.name == "peaceplan.requests"]
    assert [record.path for record in logged] == ["/"]
