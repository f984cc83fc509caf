"""The Redis cache (CACHE_URL=redis://...): django-redis, which keeps one Redis client per
server for the cache and one connection pool per URL for the process, where Django's own
backend makes a client for every operation. Needs Redis at 127.0.0.1:6379 (.ci/run starts
it); skipped when none answers, except in CI."""

import os
import secrets

import pytest
import redis
from django.utils.module_loading import import_string

from peaceplan.settings import SettingsEnv
from tests.core.test_api_throttling_shared import NO_REDIS, redis_answers

REDIS_URL = "redis://127.0.0.1:6379/0"


def cache_settings(url):
    env = SettingsEnv()
    env.ENVIRON = {"CACHE_URL": url}
    return env.cache_url("CACHE_URL", default="locmem://")


def cache_from_settings(url, key_prefix):
    settings = cache_settings(url)
    backend = import_string(settings["BACKEND"])
    return backend(settings["LOCATION"], {"KEY_PREFIX": key_prefix})


@pytest.fixture
def redis_cache():
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail(f"{NO_REDIS}, and CI must run this test.")
        pytest.skip(NO_REDIS)
    cache = cache_from_settings(REDIS_URL, f"test-{secrets.token_hex(8)}")
    yield cache
    cache.delete_pattern("*")


@pytest.fixture
def redis_clients_made(monkeypatch):
    """Every ``redis.Redis`` made while the test runs."""
    made = []
    make = redis.Redis.__init__

    def counted(client, *args, **kwargs):
        made.append(client)
        make(client, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    return made


def test_redis_urls_use_django_redis():
    # django-redis, with a per-process fallback while Redis is down (peaceplan/cache_fallback.py).
    assert cache_settings("redis://127.0.0.1:6379/3") == {
        "BACKEND": "peaceplan.cache_fallback.RedisWithFallback",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }
    assert cache_settings("rediss://:secret@cache.example:6380/1") == {
        "BACKEND": "peaceplan.cache_fallback.RedisWithFallback",
        "LOCATION": "rediss://:secret@cache.example:6380/1",
    }


def test_the_cache_stores_pages_and_counts_atomically(redis_cache):
    redis_cache.set("page", b"\x1f\x8b gzipped bytes")
    assert redis_cache.get("page") == b"\x1f\x8b gzipped bytes"
    # The throttles' and the login limits' way of counting (peaceplan/throttling.py,
    # peaceplan/login_limits.py): add() only where there is no count, then incr().
    assert redis_cache.add("count", 0, 60) is True
    assert redis_cache.add("count", 0, 60) is False
    assert [redis_cache.incr("count") for _ in range(3)] == [1, 2, 3]
    assert redis_cache.touch("count", 60) is True
    with pytest.raises(ValueError):
        redis_cache.incr("missing")


def test_repeated_operations_reuse_one_client(redis_cache, redis_clients_made):
    first = redis_cache.client.get_client(write=True)
    redis_cache.add("count", 0, 60)
    for _ in range(5):
        redis_cache.incr("count")
        redis_cache.get("count")
    redis_cache.set("page", b"content")
    redis_cache.touch("count", 60)

    assert redis_clients_made == [first]
    assert redis_cache.client.get_client(write=False) is first


def test_the_caches_of_every_thread_share_one_connection_pool(redis_cache):
    # Django gives each thread a cache of its own, made from the same settings.
    other_thread_cache = cache_from_settings(REDIS_URL, redis_cache.key_prefix)
    redis_cache.set("shared", 1)
    assert other_thread_cache.get("shared") == 1

    pool = redis_cache.client.get_client().connection_pool
    assert other_thread_cache.client.get_client().connection_pool is pool
