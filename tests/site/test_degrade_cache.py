"""With Redis down the site still answers (peaceplan/cache_fallback.py): pages and the API
are rendered uncached, the throttles and the login limits count per process in local
memory, and still refuse, a warning is logged once a minute, not per request, and
``/readyz`` says the cache is down. Once Redis answers again, the counts and the page
cache are shared in it again."""

import logging
import shutil
import socket
import subprocess
import time
from types import SimpleNamespace

import pytest
import redis
from django.test import Client
from rest_framework.throttling import SimpleRateThrottle

from core.conditional import CACHE_PREFIX
from peaceplan import cache_fallback
from peaceplan.cache_fallback import RedisWithFallback
from peaceplan.login_limits import LOGIN_LOCKED
from tests.conftest import PASSWORD
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

ANON_RATE = 3
OVERVIEW = "/plans/generated/"


def redis_cache_settings(location: str, prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "peaceplan.cache_fallback.RedisWithFallback",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }


@pytest.fixture(autouse=True)
def fresh_outages(monkeypatch):
    # Each test starts with Redis taken for up, whatever an earlier test saw.
    monkeypatch.setattr(cache_fallback, "_outages", {})


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache_settings("redis://127.0.0.1:1/0", "test-degrade")


@pytest.fixture
def plan(db):
    return build_plan(clauses=3, parties=2, revisions=2)


@pytest.fixture
def tiny_api_rate(monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": f"{ANON_RATE}/minute", "user": "9/minute"}
    )


def test_pages_and_the_api_answer_uncached_while_redis_is_down(plan, redis_down):
    client = Client()

    page = client.get(OVERVIEW)
    again = client.get(OVERVIEW)
    api = client.get("/api/v1/plans/")

    assert page.status_code == again.status_code == api.status_code == 200
    assert b"generated" in page.content
    assert api.json()["results"][0]["slug"] == "generated"
    # Nothing went into the per-process store as a page: every reader gets a fresh one.
    from django.core.cache import cache

    assert cache.degraded is True
    assert not any(CACHE_PREFIX in key for key in cache.local._cache)


def test_the_api_throttle_still_refuses_while_redis_is_down(plan, redis_down, tiny_api_rate):
    client = Client()
    statuses = [client.get("/api/v1/plans/").status_code for _ in range(ANON_RATE + 1)]

    assert statuses == [200] * ANON_RATE + [429]


def test_page_limits_still_refuse_while_redis_is_down(plan, redis_down, settings):
    settings.PAGE_RATE = "2/minute"
    client = Client()
    statuses = [client.get(OVERVIEW).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_login_limits_still_lock_while_redis_is_down(staff, redis_down, settings):
    client = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        client.post("/accounts/login/", {"username": "staff", "password": "wrong"})

    response = client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})

    assert response.status_code == 200
    minutes = settings.LOGIN_LOCKOUT_SECONDS // 60
    assert LOGIN_LOCKED.format(minutes=minutes) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_warning_is_logged_once_not_per_request(plan, redis_down, caplog, monkeypatch):
    # Redis is retried on every request here, the worst case for the log.
    monkeypatch.setattr(RedisWithFallback, "RETRY_SECONDS", 0.0)
    caplog.set_level(logging.WARNING, logger="peaceplan.cache")
    client = Client()

    for _ in range(5):
        assert client.get(OVERVIEW).status_code == 200

    warnings = [record for record in caplog.records if record.name == "peaceplan.cache"]
    assert len(warnings) == 1
    assert "cannot be reached" in warnings[0].getMessage()
    assert "per process" in warnings[0].getMessage()


def test_while_redis_stays_down_the_warning_comes_again_each_minute(caplog, monkeypatch):
    now = 1000.0
    monkeypatch.setattr(cache_fallback, "time", SimpleNamespace(monotonic=lambda: now))
    caplog.set_level(logging.WARNING, logger="peaceplan.cache")
    outage = cache_fallback.Outage()

    def warnings_after(seconds: float) -> int:
        nonlocal now
        now = 1000.0 + seconds
        outage.begin("redis://cache:6379/0", ConnectionError("refused"), retry_seconds=5)
        return len([r for r in caplog.records if r.name == "peaceplan.cache"])

    assert [warnings_after(s) for s in (0, 5, 30, 59.9)] == [1, 1, 1, 1]
    assert [warnings_after(s) for s in (60, 65, 119.9, 120)] == [2, 2, 2, 3]


def test_readyz_says_the_cache_is_down_while_pages_answer(plan, redis_down):
    client = Client()

    assert client.get(OVERVIEW).status_code == 200
    ready = client.get("/readyz")

    assert ready.status_code == 503
    assert ready.json()["checks"]["cache"]["status"] == "down"


@pytest.fixture
def silent_server():
    """An address that takes connections and never answers: a Redis that hangs."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(16)
        yield listening.getsockname()[1]


def test_a_redis_that_hangs_keeps_no_request_waiting(plan, settings, silent_server):
    settings.CACHES = redis_cache_settings(f"redis://127.0.0.1:{silent_server}/0", "test-hang")
    client = Client()

    started = time.monotonic()
    statuses = [client.get(OVERVIEW).status_code for _ in range(5)]
    elapsed = time.monotonic() - started

    assert statuses == [200] * 5
    # One wait of the socket timeout (0.2 s), then none until RETRY_SECONDS have passed.
    assert elapsed < 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, that the test can stop and start again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@pytest.fixture
def own_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def test_shared_counts_and_the_page_cache_return_with_redis(plan, settings, own_redis, monkeypatch):
    monkeypatch.setattr(RedisWithFallback, "RETRY_SECONDS", 0.0)
    settings.CACHES = redis_cache_settings(f"redis://127.0.0.1:{own_redis.port}/0", "test-return")
    server = redis.Redis(port=own_redis.port)
    client = Client()

    assert client.get(OVERVIEW).status_code == 200
    assert client.get("/readyz").status_code == 200
    pages_kept = server.keys("*page.gz*")
    assert pages_kept, "the page cache is in Redis while it answers"

    own_redis.stop()
    assert client.get(OVERVIEW).status_code == 200
    assert client.get("/api/v1/plans/").status_code == 200
    assert client.get("/readyz").status_code == 503

    own_redis.start()  # empty: it keeps nothing on disk
    assert client.get(OVERVIEW).status_code == 200
    assert client.get("/readyz").status_code == 200
    # Counted in Redis again, and the page kept there again.
    assert server.keys("*rate:pages:*")
    assert server.keys("*page.gz*")
