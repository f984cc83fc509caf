"""Reads from a read replica, writes to the primary, when ``DATABASE_REPLICA_URL`` is set.

A request's reads go to the ``replica`` alias; every write goes to ``default``. Inside a
transaction on the primary (a service's write: its locks, its version checks, the reads
that decide what it writes), reads stay on the primary too, since the replica cannot see
what the transaction has not committed and cannot lock rows. Migrations run on the
primary only; the replica receives them by replication.

A replica lags its primary by its replication delay: a page read right after a write may
show the state before it (its change stamp too, so the cache never mixes the two) until
the replica catches up. Whoever wrote reads their own write all the same:

- once a request has written, its later reads (the answer it sends back, the page it
  redirects to within the request) go to the primary;
- ``PinAfterWrite`` then pins the writer (a signed-in session or an API token: whoever
  ``core.conditional.viewer_of`` names) to the primary for ``REPLICA_PIN_SECONDS``
  (5 s by default), noted in the shared cache so that every app server sees it. Anonymous
  readers are never pinned and pay nothing for it.
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.core.signals import request_finished, request_started
from django.db import connections

from core.conditional import ANONYMOUS, viewer_of

PRIMARY = "default"
REPLICA = "replica"
PIN_PREFIX = "replica-pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class _RequestReads:
    """Where the current request reads: ``wrote`` once it has written, ``pinned`` when
    its viewer wrote a moment ago (``PinAfterWrite``)."""

    __slots__ = ("pinned", "wrote")

    def __init__(self):
        self.wrote = False
        self.pinned = False

    @property
    def on_primary(self) -> bool:
        return self.wrote or self.pinned


# Set from a request's start to its end (its streamed body included); None outside
# requests (commands, tests calling services), where reads follow the rule above alone.
_request_reads: ContextVar[_RequestReads | None] = ContextVar("request_reads", default=None)


def _request_begins(**kwargs) -> None:
    _request_reads.set(_RequestReads())


def _request_ends(**kwargs) -> None:
    _request_reads.set(None)


request_started.connect(_request_begins, dispatch_uid="peaceplan.db_router.begins")
request_finished.connect(_request_ends, dispatch_uid="peaceplan.db_router.ends")


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _request_reads.get()
        if (reads is not None and reads.on_primary) or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        # What follows a write in the same request reads it back from where it was made.
        reads = _request_reads.get()
        if reads is not None:
            reads.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # One database replicated: a row read from either alias is the same row.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def pin_key(viewer: str) -> str:
    return f"{PIN_PREFIX}:{viewer}"


class PinAfterWrite:
    """Reads on the primary for a viewer who wrote within the last ``REPLICA_PIN_SECONDS``
    (the replica may not have their write yet); installed only where there is a replica.
    A write refreshes the pin; a read inside it does not."""

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.seconds = settings.REPLICA_PIN_SECONDS

    def __call__(self, request):
        viewer = viewer_of(request)
        reads = _request_reads.get()
        if reads is None:
            reads = _RequestReads()
            _request_reads.set(reads)
        if viewer != ANONYMOUS:
            reads.pinned = bool(cache.get(pin_key(viewer)))
        response = self.get_response(request)
        if viewer != ANONYMOUS and reads.wrote:
            cache.set(pin_key(viewer), 1, timeout=self.seconds)
        return response
