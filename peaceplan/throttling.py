"""The API's throttles: anonymous clients counted by their address (``peaceplan.clients``,
so a forged X-Forwarded-For does not reset the count), signed-in clients by their account
at a higher rate. The counts live in the shared cache (``CACHE_URL``), so the limit holds
across every app process."""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .clients import client_address


class AnonymousRateThrottle(AnonRateThrottle):
    def get_ident(self, request):
        return client_address(request)


class SignedInRateThrottle(UserRateThrottle):
    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None  # anonymous clients are counted by AnonymousRateThrottle
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
