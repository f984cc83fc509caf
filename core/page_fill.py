"""Filling the page cache on write: the pages every reader opens first are drawn once,
right after a write commits, so the readers who come next find them in the cache.

A write moves its plan's change stamp, and with it the key of every page of the plan
(core/conditional.py): without this, the first readers after the write would each meet
the page missing and wait for it to be drawn. Here the write's request, once its
transaction commits, hands the pages to fill (``fill_after_commit``) to a thread of its
process, which asks for each of them as an anonymous reader would, through the whole
middleware stack (the page cache's decorator stores what it draws, and holds the page's
fill lock meanwhile, so readers arriving before it is stored wait for it rather than draw
it again). The writer's response does not wait for it.

The thread reads with a database connection of its own, asks for the pages at the host
and scheme of the write's request (a page's links and downloads name them), in every
interface language, and asks for each page once however many writes named it while it
was busy. A write made outside a request (a management command) fills nothing: the pages
are drawn by their first reader, as without this.
"""

import io
import logging
import threading
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connections, transaction
from simple_history.models import HistoricalRecords

logger = logging.getLogger(__name__)

# Said as the fill's User-Agent: the access log tells its requests from readers'.
USER_AGENT = "peaceplan-page-fill"

PathsOf = Callable[[], Iterable[str]]


class PageFiller:
    """One thread per process that draws the pages writes hand it, in the order they came."""

    def __init__(self) -> None:
        self._pending: dict[tuple[str, str], list[PathsOf]] = {}
        self._busy = False  # drawing a batch
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._handler: WSGIHandler | None = None

    def add(self, paths_of: PathsOf, *, scheme: str, host: str) -> None:
        with self._wake:
            self._pending.setdefault((scheme, host), []).append(paths_of)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="page-fill", daemon=True)
                self._thread.start()
            self._wake.notify_all()

    def wait_until_idle(self, timeout: float) -> bool:
        """Wait until every page handed over so far is drawn; False if ``timeout`` seconds
        passed first. (A shutdown, or a test, that needs the pages in the cache.)"""
        with self._wake:
            return self._wake.wait_for(lambda: not self._pending and not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: bool(self._pending))
                batch, self._pending = self._pending, {}
                self._busy = True
            try:
                self._fill(batch)
            except Exception:
                # The pages are then drawn by their first readers, as without this.
                logger.exception("Filling the page cache after a write failed")
            finally:
                connections.close_all()
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def _fill(self, batch: dict[tuple[str, str], list[PathsOf]]) -> None:
        close_old_connections()
        if self._handler is None:
            self._handler = WSGIHandler()
        handler = self._handler
        for (scheme, host), sources in batch.items():
            # A page named by several writes of the batch is drawn once, at the latest state.
            paths = dict.fromkeys(path for paths_of in sources for path in paths_of())
            for path in paths:
                for language, _name in settings.LANGUAGES:
                    _ask(handler, path, scheme=scheme, host=host, language=language)


def _ask(handler: WSGIHandler, path: str, *, scheme: str, host: str, language: str) -> None:
    """Ask ``handler`` for ``path`` as an anonymous browser reading ``language`` would."""
    name, _, port = host.partition(":")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": name,
        "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": host,
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "HTTP_ACCEPT_LANGUAGE": language,
        "HTTP_USER_AGENT": USER_AGENT,
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    response = handler(environ, _ignore_start)
    response.close()


def _ignore_start(status: str, headers: list, exc_info: object = None) -> Callable:
    """The WSGI ``start_response`` of a request whose answer is not sent anywhere."""
    return lambda data: None


filler = PageFiller()


def fill_after_commit(paths_of: PathsOf) -> None:
    """Once the current transaction commits, draw the pages ``paths_of()`` names (called on
    the filling thread, so a query it makes is not the writer's) into the page cache.
    Call it where a write moves a stamp; nothing happens outside a request, or with the
    page cache or its filling off."""
    if not (settings.PAGE_CACHE and settings.PAGE_FILL):
        return
    # The request the writing thread is serving, as the history middleware keeps it.
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return
    scheme, host = request.scheme, request.get_host()
    transaction.on_commit(lambda: filler.add(paths_of, scheme=scheme, host=host))
