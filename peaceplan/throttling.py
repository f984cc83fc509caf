"""The API's throttles: anonymous clients counted by their address (``peaceplan.clients``,
so a forged X-Forwarded-For does not reset the count), signed-in clients by their account
at a higher rate. The counts live in the shared cache (``CACHE_URL``), so the limit holds
across every app process.

Counted with the cache's atomic increment, in fixed windows of the rate's period: DRF's
own throttle reads a list of times and writes it back, so requests answered at once by
two processes each wrote over the other's, and under load about half as many again as
the rate got through (measured by the load test, bench/loadtest.py).
"""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from peaceplan.clients import client_address


class AtomicCount:
    """``allow_request`` of DRF's SimpleRateThrottle, counting with ``cache.incr``."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        # add() creates the count only where there is none; incr() is atomic in Redis and
        # in local memory, so no two requests read the same count.
        self.cache.add(key, 0, self.duration)
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's count expired between the two calls
            self.cache.add(key, 1, self.duration)
            count = 1
        if count > self.num_requests:
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
