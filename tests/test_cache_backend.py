"""The Redis cache (peaceplan/cache.py): Django's, with one client per connection pool
instead of one made for every operation. Needs Redis at 127.0.0.1:6379 (.ci/run starts
it); skipped when none answers, except in CI."""

import os
import secrets

import pytest

from peaceplan.cache import RedisCache
from peaceplan.settings import cache_from_url
from tests.test_api_throttling_shared import NO_REDIS, redis_answers


@pytest.fixture
def redis_cache():
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail(f"{NO_REDIS}, and CI must run this test.")
        pytest.skip(NO_REDIS)
    settings = cache_from_url("redis://127.0.0.1:6379/0")
    cache = RedisCache(settings["LOCATION"], {"KEY_PREFIX": f"test-{secrets.token_hex(8)}"})
    yield cache
    cache.clear()


def test_redis_urls_use_the_pooled_client_cache():
    assert cache_from_url("redis://127.0.0.1:6379/3")["BACKEND"] == "peaceplan.cache.RedisCache"


def test_the_cache_reads_and_counts_with_one_client_per_pool(redis_cache):
    redis_cache.set("page", b"\x1f\x8b gzipped bytes")
    assert redis_cache.get("page") == b"\x1f\x8b gzipped bytes"
    assert redis_cache.add("count", 0, 60) is True
    assert redis_cache.add("count", 0, 60) is False
    assert [redis_cache.incr("count") for _ in range(3)] == [1, 2, 3]
    with pytest.raises(ValueError):
        redis_cache.incr("missing")

    client = redis_cache._cache
    assert client.get_client(write=True) is client.get_client(write=False)
