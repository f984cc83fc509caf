"""Login limits, on the site's login and the admin's: after a handful of failed log-ins for
one username, or more from one address, further tries are refused for a while, even with
the right password, so a password cannot be guessed by trying many.

The counts live in the shared cache (``CACHE_URL``), so every app process sees them; the
address is the client's as ``peaceplan.clients`` decides (a forged X-Forwarded-For does
not reset it). A successful log-in clears its username's count, not the address's.

A username is counted under its folded form (``username_key``): the login form logs in
whatever NFKC makes of what was typed, so every spelling NFKC maps to one username
(fullwidth letters, a letter and a combining accent for the accented letter) must share
its count, and case is folded too, so changing the case of a letter is no fresh start.
"""

import hashlib
import unicodedata

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

from peaceplan.clients import client_address

LOGIN_LOCKED = (
    "Too many failed log-ins for this account or from this address: log-ins are refused "
    "for {minutes} minutes. Try again later, or ask an administrator to reset your password."
)


def username_key(username: str) -> str:
    """One key for every spelling of a username that could log in as the same account."""
    # NFKC again after casefold: folding can leave a sequence NFKC would compose.
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())
    # Hashed: the key stays short and plain whatever was typed into the form.
    return hashlib.sha256(folded.strip().encode()).hexdigest()


def _counters(request, username: str) -> list[tuple[str, int]]:
    """The cache keys counting this attempt's failures, each with its limit."""
    return [
        (f"login-failures:user:{username_key(username)}", settings.LOGIN_FAILURES_PER_USERNAME),
        (f"login-failures:address:{client_address(request)}", settings.LOGIN_FAILURES_PER_ADDRESS),
    ]


def is_locked(request, username: str) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _counters(request, username))


def record_failure(request, username: str) -> None:
    lockout = settings.LOGIN_LOCKOUT_SECONDS
    for key, limit in _counters(request, username):
        cache.add(key, 0, lockout)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            count = 1
            cache.set(key, count, lockout)
        if count >= limit:
            # Locked: for the whole lockout from the last failure, not from the first.
            cache.touch(key, lockout)


def clear_username(request, username: str) -> None:
    cache.delete(_counters(request, username)[0][0])


class LimitedLoginMixin:
    def clean(self):
        username = self.data.get("username", "")
        if is_locked(self.request, username):
            minutes = max(settings.LOGIN_LOCKOUT_SECONDS // 60, 1)
            raise ValidationError(LOGIN_LOCKED.format(minutes=minutes), code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            record_failure(self.request, username)
            raise
        clear_username(self.request, username)
        return cleaned


class LoginForm(LimitedLoginMixin, AuthenticationForm):
    """The site's login form."""


class AdminLoginForm(LimitedLoginMixin, AdminAuthenticationForm):
    """The admin's login form."""
