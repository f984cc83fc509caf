"""The API's throttles: anonymous clients counted by their address (``peaceplan.clients``,
so a forged X-Forwarded-For does not reset the count), signed-in clients by their account
at a higher rate. The counts live in the shared cache (``CACHE_URL``), so the limit holds
across every app process.

Counted with the cache's atomic increment, in fixed windows of the rate's period: DRF's
own throttle reads a list of times and writes it back, so requests answered at once by
two processes each wrote over the other's, and under load about half as many again as
the rate got through (measured by the load test, bench/loadtest.py). The site's pages are
limited the same way (``count_request``, peaceplan/page_limits.py).
"""

from dataclasses import dataclass

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from peaceplan.clients import client_address


@dataclass(frozen=True)
class Window:
    """A request's place in its fixed window: how many were counted there, itself
    included, and when the window ends (seconds since the epoch)."""

    count: int
    ends: float


def count_request(cache, key: str, duration: int, now: float) -> Window:
    """Count one request under ``key`` in the window of ``duration`` seconds that holds
    ``now``. add() creates the count only where there is none; incr() is atomic in Redis
    and in local memory, so no two requests read the same count."""
    window = int(now // duration)
    windowed = f"{key}:{window}"
    cache.add(windowed, 0, duration)
    try:
        count = cache.incr(windowed)
    except ValueError:  # the window's count expired between the two calls
        cache.add(windowed, 1, duration)
        count = 1
    return Window(count, (window + 1) * duration)


class AtomicCount:
    """``allow_request`` of DRF's SimpleRateThrottle, counting with ``count_request``."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        counted = count_request(self.cache, self.key, self.duration, self.now)
        self.window_ends = counted.ends
        if counted.count > self.num_requests:
            return self.throttle_failure()
        return self.throttle_success()

    def throttle_success(self):
        return True

    def wait(self):
        return max(0.0, self.window_ends - self.now)


class AnonymousRateThrottle(AtomicCount, AnonRateThrottle):
    def get_ident(self, request):
        return client_address(request)


class SignedInRateThrottle(AtomicCount, UserRateThrottle):
    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None  # anonymous clients are counted by AnonymousRateThrottle
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
