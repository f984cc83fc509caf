"""Content-Security-Policy and Permissions-Policy on every response.

Scripts run only from the site's own files, or inline with the nonce of the request
(``{{ csp_nonce }}`` in templates: ``<script nonce="{{ csp_nonce }}">``); no
``unsafe-inline`` or ``eval`` for scripts anywhere. Style attributes are allowed (the
overview colours each party's column with one), ``<style>`` elements only from the site.

Two pages get a policy of their own: the API docs (Swagger UI styles itself inline and
draws its icons from data: URLs) and the admin (Django's change list sets one inline
``<style>``). Neither allows an inline script.

``CSP_REPORT_ONLY=1`` sends the policy as Content-Security-Policy-Report-Only, to try a
change of it on a running site without breaking pages.

TRACE is refused everywhere (``RefuseTrace``): no page or resource answers it, and an echo
of the request (its cookies and credentials among the headers) is what cross-site tracing
reads.
"""

import secrets

from django.conf import settings
from django.http import HttpResponseNotAllowed

from peaceplan.errors import API_METHOD_NOT_ALLOWED, is_api, json_error

SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'nonce-{nonce}'",
    "style-src": "'self'",
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Inline styles (not scripts) for the pages that need them.
INLINE_STYLES_POLICY = {**SITE_POLICY, "style-src": "'self' 'unsafe-inline'"}
POLICY_OF_PAGE = {"api-docs": INLINE_STYLES_POLICY}
ADMIN_PREFIX = "/admin/"

# Powerful browser features the site never uses, refused to it and to anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def policy_header(policy: dict, nonce: str) -> str:
    return "; ".join(f"{name} {value.format(nonce=nonce)}" for name, value in policy.items())


def policy_for(request) -> dict:
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in POLICY_OF_PAGE:
        return POLICY_OF_PAGE[match.url_name]
    if request.path.startswith(ADMIN_PREFIX):
        return INLINE_STYLES_POLICY
    return SITE_POLICY


class SecurityHeaders:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        header = (
            "Content-Security-Policy-Report-Only"
            if settings.CSP_REPORT_ONLY
            else "Content-Security-Policy"
        )
        response.setdefault(header, policy_header(policy_for(request), request.csp_nonce))
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# The methods the site answers at all; each URL's own 405 to another method names its own.
SITE_METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PATCH")


class RefuseTrace:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "TRACE":
            return self.get_response(request)
        allowed = ", ".join(SITE_METHODS)
        if is_api(request):
            message = API_METHOD_NOT_ALLOWED.format(method=request.method, allowed=allowed)
            response = json_error(405, "method_not_allowed", message)
            response["Allow"] = allowed
            return response
        return HttpResponseNotAllowed(SITE_METHODS)


def csp_nonce(request) -> dict:
    """Template context: the nonce an inline script must carry."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
