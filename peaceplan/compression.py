"""Compressed HTML, without giving BREACH a secret to guess.

BREACH recovers a secret from the size of compressed responses that also reflect input an
attacker controls. Django's own mitigations are in place (the CSRF token is masked afresh
for every response; GZipMiddleware pads each response by a random length). On top of them,
a response that carries a CSRF token in its body (the editor's forms, the log-out button of
a signed-in reader) is sent uncompressed: the analyst's pages, read anonymously, are the long
ones, and they hold no secret.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


class GZipUnlessSecretMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        # Whenever a page asks for the token (the csrf_token tag), CsrfViewMiddleware sets
        # its cookie on the response: the one sign, after rendering, that the body holds it.
        if settings.CSRF_COOKIE_NAME in response.cookies:
            return response
        return super().process_response(request, response)
