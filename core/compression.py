"""Compressed HTML, without giving BREACH a secret to guess.

BREACH recovers a secret from the size of compressed responses that also reflect input an
attacker controls. Django's own mitigations are in place (the CSRF token is masked afresh
for every response; GZipMiddleware pads each response by a random length). On top of them,
a response that carries a CSRF token in its body (the editor's forms, the log-out button of
a signed-in reader) is sent uncompressed: the analyst's pages, read anonymously, are the long
ones, and they hold no secret.

The page cache (core/conditional.py) keeps its pages compressed once, by ``compress``
below, and hands them on as they are to every client that accepts gzip: a hit costs no
compression, and moves a twentieth of the bytes out of the cache. Only anonymous pages,
which hold no token, are kept, so the rule above holds for them too.
"""

import gzip

from django.conf import settings
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.text import compress_string

GZIP = "gzip"


class GZipUnlessSecretMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        # Whenever a page asks for the token (the csrf_token tag), CsrfViewMiddleware sets
        # its cookie on the response: the one sign, after rendering, that the body holds it.
        if settings.CSRF_COOKIE_NAME in response.cookies:
            return response
        return super().process_response(request, response)


def accepts_gzip(request) -> bool:
    """Whether the client takes gzip, by the rule GZipMiddleware applies."""
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def compress(body: bytes) -> bytes | None:
    """``body`` compressed as GZipMiddleware would send it (random padding included), or
    None where the middleware would send it as it is (too short, or no shorter)."""
    if len(body) < 200:
        return None
    compressed = compress_string(body, max_random_bytes=GZipMiddleware.max_random_bytes)
    return compressed if len(compressed) < len(body) else None


def decompress(body: bytes) -> bytes:
    return gzip.decompress(body)
