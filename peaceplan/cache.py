"""Django's Redis cache, with one Redis client per connection pool.

Django's client makes a new ``redis.Redis`` for every cache operation. With redis-py 7
making one costs about what a round trip to Redis does (0.2 ms: it builds its table of
response callbacks), and it was paid on every hit of the page cache and on each of the
throttle's operations. A ``redis.Redis`` on a pool is safe to share between threads, and
the pool itself opens connections afresh in a forked worker.
"""

from django.core.cache.backends import redis as django_redis


class PooledRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
