"""Error reports to Sentry (or anything speaking its protocol) when ``SENTRY_DSN`` is set.

Unset, nothing is imported and nothing is sent: sentry-sdk is loaded only by ``start``,
which the settings call only with a DSN. Set, personal data stays out of every report:
``send_default_pii`` is off (no user's address, name or e-mail, no cookies, no request
body), no frame's local variables, and ``scrub`` removes what could still slip in:
cookies, the Authorization, Cookie, CSRF and proxy headers, the query string, any request
body and the command line.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

SENTRY_NOT_INSTALLED = (
    "SENTRY_DSN is set but sentry-sdk is not installed: install it (pip install sentry-sdk, "
    "pinned in requirements.txt) or unset SENTRY_DSN."
)
SCRUBBED_HEADERS = frozenset(
    {
        "authorization",
        "cookie",
        "set-cookie",
        "x-csrftoken",
        "x-forwarded-for",
        "x-real-ip",
        "proxy-authorization",
    }
)


def scrub(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """before_send: the event without cookies, credentials, addresses or bodies."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)
        request.pop("query_string", None)
        request.pop("env", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value
                for name, value in headers.items()
                if name.lower() not in SCRUBBED_HEADERS
            }
    extra = event.get("extra")
    if isinstance(extra, dict):
        # A command line may carry a password (createsuperuser, a DSN).
        extra.pop("sys.argv", None)
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    return event


def start(*, dsn: str, environment: str, release: str, transport: Any = None) -> None:
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        raise ImproperlyConfigured(SENTRY_NOT_INSTALLED) from None
    options: dict[str, Any] = {
        "dsn": dsn,
        "environment": environment or None,
        "release": release or None,
        "integrations": [DjangoIntegration()],
        "send_default_pii": False,
        # A frame's local variables may hold a password or a token being checked.
        "include_local_variables": False,
        "before_send": scrub,
        # Errors only: no performance traces, no profiles.
        "traces_sample_rate": 0.0,
        "max_request_body_size": "never",
    }
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(**options)
