"""Repeat reads near free: conditional GETs and a page cache, both keyed by a change stamp.

Every page and API read of a plan derives a weak ETag from the plan's change stamp
(clauses/selectors/stamps.py), which every write bumps in its own transaction
(clauses/stamps.py). So:

- a client that sends back the tag it holds (``If-None-Match``) gets ``304 Not Modified``
  for the price of the one query that reads the stamp, until someone writes to the plan;
- an anonymous reader's page is stored in the shared cache (``CACHES["default"]``: Redis in
  production) under the stamp, the URL with its filters, the representation asked for and
  the interface language,
  so the next anonymous reader of the same URL gets it without rendering; a write moves
  the stamp, so a page from before it is never looked up again.
- a page declares the query parameters it reads (``reads_query``); every other parameter
  is dropped before the view sees the request, and those it keeps are put in one order, so
  ``?junk=1`` or the same filters in another order is the same page under the same key,
  and made-up parameters cannot fill the cache with copies of a page. The page is kept gzipped
  (core/compression.py), as GZipMiddleware would send it: a hit sends those bytes on
  to a client that takes gzip, without compressing again, and decompresses them for one
  that does not. A page that set a CSRF cookie (its body holds a token) is never kept.
- a page is drawn once at a time: the reader who misses it first draws it, and the readers
  who miss it meanwhile wait for that page (up to ``FILL_WAIT`` seconds) instead of each
  drawing it again; a write fills the pages every reader opens first as soon as it
  commits (core/page_fill.py), so the readers after it rarely wait at all.

Signed-in readers get the 304s (their tag names their session too) but not the shared
cache: their pages carry their name and a CSRF token of their own.

Writable API records (a revision, a clause version, a position) keep their record tag
``"<pk>-<version>"`` as ETag, since a write's ``If-Match`` needs it (core/api/etag.py);
that tag names the record's own fields, not the rows nested in its representation, so
those reads are served from the cache but never answered 304.

Responses also say ``Cache-Control: no-cache``: a browser may keep them but must ask again
(with the tag) before showing them, so nobody is shown a page from before a write.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags

from core.compression import GZIP, accepts_gzip, compress, decompress


@dataclass(frozen=True)
class Stamp:
    """A validator for conditional GETs: ``tag`` goes into the ETag, ``changed_at`` into
    Last-Modified."""

    tag: str
    changed_at: datetime | None


ANONYMOUS = "anonymous"
# Headers a cached response keeps besides its body (a writable record's own ETag).
KEPT_HEADERS = ("ETag",)
# The prefix names the layout of an entry (its body gzipped), so that entries an earlier
# release kept in a shared Redis, laid out otherwise, are never read.
CACHE_PREFIX = "page.gz"
# Held, under the page's key, by the one request drawing a page that is not in the cache.
# It expires by itself should that request fail before it stores the page.
FILL_PREFIX = "page.filling"
FILL_LOCK_SECONDS = 10
# How long a reader who misses a page another request is drawing waits for it before
# drawing it too, and how often it looks: a page of a long negotiation is drawn in a tenth
# of a second, several times that under load.
FILL_WAIT = 3.0
FILL_POLL = 0.02


# Set on the request to the ``Stamp`` its page is read at (``conditional_page``), for a
# view that keys a cache of its own by it (the plan feed's diff totals).
READ_STAMP = "read_stamp"


def read_stamp(request) -> Stamp | None:
    """The stamp ``conditional_page`` read for this request; None outside one."""
    return getattr(request, READ_STAMP, None)


# Set on the request after a page-cache lookup, "hit" or "miss", for the metrics
# (peaceplan/metrics.py), which cannot be imported from here.
PAGE_CACHE_OUTCOME = "page_cache_outcome"


def note_page_cache(request, *, hit: bool) -> None:
    # An API view holds DRF's Request: the outcome goes on the HttpRequest it wraps.
    underlying = getattr(request, "_request", request)
    setattr(underlying, PAGE_CACHE_OUTCOME, "hit" if hit else "miss")


def viewer_of(request) -> str:
    """Whom a response is for, without a query: anonymous, or a digest of the session
    cookie and the credentials the request carries."""
    session = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    credentials = request.META.get("HTTP_AUTHORIZATION", "")
    if not session and not credentials:
        return ANONYMOUS
    return hashlib.sha256(f"{session}\n{credentials}".encode()).hexdigest()[:16]


class ConditionalRead:
    """One GET of a resource whose state is ``stamp``: its tag, its 304, its cache entry.

    ``variant`` names what else the representation depends on (the API's ``Accept``);
    ``record_tagged`` marks a writable record that keeps its own ETag.
    """

    def __init__(self, request, stamp: Stamp, *, variant: str = "", record_tagged=False):
        self.request = request
        self.stamp = stamp
        self.record_tagged = record_tagged
        self.viewer = viewer_of(request)
        self.vary = ("Cookie", "Authorization", "Accept") if variant else ("Cookie",)
        # The interface language (LocaleMiddleware activated it) is part of the
        # representation: a reader of the Ukrainian interface never gets the English page
        # from the cache, nor a 304 for the copy their browser holds in the other language.
        language = translation.get_language() or ""
        # So is the language of the clause texts (``?lang=``, clauses/text_languages.py),
        # should a client send one tag for both languages of a page.
        text_language = request.GET.get("lang", "")
        keyed = f"{variant}\n{language}" + (f"\n{text_language}" if text_language else "")
        digest = hashlib.sha256(keyed.encode()).hexdigest()[:8]
        self.etag = f'W/"{stamp.tag}.{self.viewer}.{digest}"'
        self.if_none_match = request.META.get("HTTP_IF_NONE_MATCH", "")
        self.cache_key = None
        self.fill_key = None
        self.filling = False  # whether this request holds the page's fill lock
        # Messages are shown once: a page carrying one is neither stored nor served. While
        # the shared cache is down (its backend says ``degraded``: peaceplan/cache_fallback.py)
        # pages are rendered, not kept in a store one process alone would see.
        if (
            settings.PAGE_CACHE
            and self.viewer == ANONYMOUS
            and "messages" not in request.COOKIES
            and not getattr(cache, "degraded", False)
        ):
            url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            self.cache_key = f"{CACHE_PREFIX}:{stamp.tag}:{digest}:{url}"
            self.fill_key = f"{FILL_PREFIX}:{stamp.tag}:{digest}:{url}"

    def early_response(self) -> HttpResponse | None:
        """The answer without running the view: a 304, or the cached page; else None."""
        if not self.record_tagged and self._tag_matches():
            return self._headed(HttpResponseNotModified())
        if self.cache_key is None:
            return None
        stored = cache.get(self.cache_key)
        if stored is None:
            stored = self._drawn_by_another()
        note_page_cache(self.request, hit=stored is not None)
        if stored is None:
            return None
        content, encoding, content_type, headers = stored
        if encoding == GZIP and not accepts_gzip(self.request):
            content, encoding = decompress(content), ""
        response = HttpResponse(content, content_type=content_type, headers=headers)
        self._headed(response)
        if encoding == GZIP:
            # What GZipMiddleware does to a page it compresses, which it leaves alone
            # once it is encoded: vary on the encoding, weaken a strong tag.
            response["Content-Encoding"] = GZIP
            patch_vary_headers(response, ("Accept-Encoding",))
            if response.get("ETag", "").startswith('"'):
                response["ETag"] = "W/" + response["ETag"]
        return response

    def _drawn_by_another(self) -> tuple | None:
        """After a miss: take the page's fill lock and return None (this request draws the
        page), or, while another request holds it, wait for the page that one stores.
        None once it gave up the lock without storing (a page it may not share) or the
        wait ran out: this request then draws the page itself."""
        if cache.add(self.fill_key, 1, timeout=FILL_LOCK_SECONDS):
            self.filling = True
            return None
        deadline = time.monotonic() + FILL_WAIT
        while time.monotonic() < deadline:
            time.sleep(FILL_POLL)
            found = cache.get_many([self.cache_key, self.fill_key])
            if self.cache_key in found:
                return found[self.cache_key]
            if self.fill_key not in found:
                return None
        return None

    def release_fill(self) -> None:
        """Give up the page's fill lock, if this request holds it: the readers waiting for
        the page stop waiting and draw it themselves."""
        if self.filling:
            cache.delete(self.fill_key)
            self.filling = False

    def finish(self, response):
        """Add the validators to a fresh response and store it if it may be shared."""
        if response.status_code != 200:
            self.release_fill()
            return response
        self._headed(response)
        # A streamed export is sent as it is made, never held whole: not stored.
        if self.cache_key is not None and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(self._store)
            else:
                self._store(response)
        else:
            self.release_fill()
        return response

    def _tag_matches(self) -> bool:
        sent = parse_etags(self.if_none_match) if self.if_none_match else []
        # Weak comparison, as RFC 9110 asks of If-None-Match.
        ours = self.etag.removeprefix("W/")
        return "*" in sent or any(tag.removeprefix("W/") == ours for tag in sent)

    def _headed(self, response):
        if not self.record_tagged:
            response["ETag"] = self.etag
        if self.stamp.changed_at is not None:
            response["Last-Modified"] = http_date(self.stamp.changed_at.timestamp())
        shared = self.viewer == ANONYMOUS
        response["Cache-Control"] = "no-cache" if shared else "private, no-cache"
        patch_vary_headers(response, self.vary)
        return response

    def _store(self, response) -> None:
        # A page that asked for a CSRF token holds it: it is the reader's own. And the
        # shared cache may have gone down while the page was drawn.
        if self.request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(cache, "degraded", False):
            self.release_fill()
            return
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        body = response.content
        compressed = compress(body)
        entry = (body, "") if compressed is None else (compressed, GZIP)
        cache.set(self.cache_key, (*entry, response["Content-Type"], headers))
        self.release_fill()


QUERY_PARAMETERS = "query_parameters"


def reads_query(*names: str):
    """Declare the query parameters a page view (or feed class) reads: its filter form's
    fields, ``page``, ``format`` where it has exports. ``conditional_page`` hands the view
    only those, so they alone make the page and its cache key."""

    def decorator(view):
        setattr(view, QUERY_PARAMETERS, frozenset(names))
        return view

    return decorator


def keep_only(request, parameters: frozenset[str]) -> None:
    """Leave in ``request`` only the query parameters in ``parameters``, sorted by name
    (the values of a repeated one in the order sent), in ``GET`` and the query string
    alike: the page, its links and its cache key then come from the same query."""
    kept = QueryDict(mutable=True)
    for name in sorted(name for name in request.GET if name in parameters):
        kept.setlist(name, request.GET.getlist(name))
    query = kept.urlencode()
    if query == request.META.get("QUERY_STRING", ""):
        return
    request.GET = QueryDict(query)
    # A copy: the server's own environ (its access log) keeps the query as it was sent.
    request.META = {**request.META, "QUERY_STRING": query}


def conditional_page(stamp_for):
    """A page view answered by ``ConditionalRead``; ``stamp_for(**kwargs)`` gives the
    stamp of what the page shows (one query), or None for a page that does not exist.

    The view gets only the query parameters it declared with ``reads_query`` (none if it
    declared nothing)."""

    def decorator(view):
        parameters = getattr(view, QUERY_PARAMETERS, None)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            keep_only(request, parameters or frozenset())
            stamp = stamp_for(**kwargs)
            if stamp is None:
                return view(request, *args, **kwargs)
            setattr(request, READ_STAMP, stamp)
            read = ConditionalRead(request, stamp)
            early = read.early_response()
            if early is not None:
                return early
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                read.release_fill()
                raise
            return read.finish(response)

        # What the site's tests read: which pages declared their parameters, and how each
        # is keyed.
        setattr(wrapped, QUERY_PARAMETERS, parameters)
        wrapped.stamp_for = stamp_for
        return wrapped

    return decorator
