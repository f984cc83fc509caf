"""Redis as the shared cache, and what happens while it cannot be reached.

``CACHE_URL=redis://...`` selects ``RedisWithFallback``: django-redis, except that an
operation Redis cannot answer (refused, timed out, the connection dropped) is answered by
a per-process local-memory cache instead of failing the request. So, while Redis is down:

- the API's throttles, the page limits and the login limits still count and still refuse,
  but each app process counts on its own: with N processes a client may get up to N times
  its rate, and a username N times its failed log-ins, until Redis returns. Counts made
  meanwhile stay in the process and are not carried over to Redis;
- the page cache is not used at all (``degraded`` is true; core/conditional.py reads it):
  every page is rendered, so no process serves a page another could not;
- a warning is logged at most once a minute per process (logger ``peaceplan.cache``),
  not once per request, and one line when Redis answers again;
- Redis is tried again every ``RETRY_SECONDS``; in between no request waits on it.

django-redis's own ``IGNORE_EXCEPTIONS`` would answer a failed read as a miss and a failed
increment as nothing, so every throttle and login limit would let everything through.
"""

import logging
import socket
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache  # type: ignore[import-untyped]
from django_redis.exceptions import ConnectionInterrupted  # type: ignore[import-untyped]
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import InvalidResponse
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("peaceplan.cache")

# Redis refused, timed out, dropped the connection, or something else answers at its
# address; not a command Redis answered with an error (a bug, not an outage).
UNREACHABLE = (
    RedisConnectionError,
    RedisTimeoutError,
    InvalidResponse,
    ConnectionInterrupted,
    socket.timeout,
)
REDIS_DOWN = (
    "Redis at %s cannot be reached (%s): counting throttles and login limits per process "
    "in local memory and rendering pages uncached until it answers."
)
REDIS_BACK = "Redis at %s answers again: shared counts and the page cache are back."
WARN_EVERY_SECONDS = 60

# The operations the site uses (and their near relatives) that reach Redis.
FALLBACK_OPERATIONS = (
    "get",
    "set",
    "add",
    "incr",
    "decr",
    "delete",
    "touch",
    "has_key",
    "get_many",
    "set_many",
    "delete_many",
    "clear",
)


class Outage:
    """Whether one Redis server is taken for down, shared by every thread of the process
    (Django builds a cache object per thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.warned_at: float | None = None
        self.down = False

    def begin(self, location: str, error: Exception, retry_seconds: float) -> None:
        now = time.monotonic()
        with self.lock:
            self.down = True
            self.retry_at = now + retry_seconds
            due = self.warned_at is None or now - self.warned_at >= WARN_EVERY_SECONDS
            if due:
                self.warned_at = now
        if due:
            logger.warning(REDIS_DOWN, location, type(error).__name__)

    def end(self, location: str) -> None:
        with self.lock:
            was_down, self.down = self.down, False
            self.warned_at = None
        if was_down:
            logger.warning(REDIS_BACK, location)

    def skips_redis(self) -> bool:
        return self.down and time.monotonic() < self.retry_at


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_of(location: str) -> Outage:
    with _outages_lock:
        return _outages.setdefault(location, Outage())


class RedisWithFallback(RedisCache):
    RETRY_SECONDS = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self.location = ",".join(self._server) if isinstance(self._server, list) else server
        self.outage = outage_of(self.location)
        # The same key prefix and versions as Redis; one store per process (LocMemCache
        # keeps its data per name, shared by threads).
        local_params = {
            "KEY_PREFIX": params.get("KEY_PREFIX", ""),
            "VERSION": params.get("VERSION", 1),
            "TIMEOUT": params.get("TIMEOUT", 300),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
        self.local = LocMemCache(f"redis-fallback:{self.location}", local_params)

    @property
    def degraded(self) -> bool:
        """True while Redis is taken for down: what is stored now is this process's only."""
        return self.outage.down

    def ping_primary(self) -> None:
        """Ask Redis itself, bypassing the fallback (the readiness check); raises when it
        does not answer, and ends an outage when it does."""
        self.client.get_client().ping()
        self.outage.end(self.location)

    def _through(self, operation: str, *args, **kwargs):
        if self.outage.skips_redis():
            return getattr(self.local, operation)(*args, **kwargs)
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            self.outage.begin(self.location, error, self.RETRY_SECONDS)
            return getattr(self.local, operation)(*args, **kwargs)
        if self.outage.down:
            self.outage.end(self.location)
        return result


def _operation(name: str):
    def operation(self, *args, **kwargs):
        return self._through(name, *args, **kwargs)

    operation.__name__ = name
    operation.__doc__ = f"RedisCache.{name}, or the local fallback while Redis is down."
    return operation


for _name in FALLBACK_OPERATIONS:
    setattr(RedisWithFallback, _name, _operation(_name))
