"""The sources' reads (the pages listing what a source says live above the positions, in
comparison/selectors/sources.py)."""

from collections.abc import Iterator

from django.db import connections, router
from django.db.models import Max, QuerySet

from core.conditional import Stamp
from sources.models import Source

# The largest key every database stores (a bigint); a larger one names no source.
MAX_ID = 2**63 - 1


def sources_in_order() -> QuerySet[Source]:
    """Every source by title, then id, without their texts (one query, when evaluated)."""
    return Source.objects.defer("text").order_by("title", "pk")


def source_get(pk: int) -> Source:
    """One source with its text (one query). Raises Source.DoesNotExist."""
    if not 0 < pk <= MAX_ID:
        raise Source.DoesNotExist
    return Source.objects.get(pk=pk)


def sources_by_title() -> dict[str, Source]:
    """Every source by its title (the first, by id, where titles repeat)."""
    found: dict[str, Source] = {}
    for source in Source.objects.defer("text").order_by("pk"):
        found.setdefault(source.title, source)
    return found


def source_texts() -> Iterator[tuple[int, str, str, str]]:
    """Every source's id, title, text and stored SHA-256, one at a time (one query)."""
    rows = Source.objects.order_by("pk").values_list("pk", "title", "text", "text_sha256")
    return rows.iterator(chunk_size=50)


def source_hashes_from_history() -> dict[int, str]:
    """The SHA-256 of each source's text as its latest history row holds it (one query)."""
    history = Source.history.model
    latest = history.objects.values("id").annotate(latest=Max("history_id")).values("latest")
    rows = history.objects.filter(history_id__in=latest).exclude(history_type="-")
    return dict(rows.values_list("id", "text_sha256"))


def source_stamp() -> Stamp:
    """The state of every source, for a conditional read of the sources' API (one query):
    any source's save bumps its version, and a new source changes the count."""
    connection = connections[router.db_for_read(Source)]
    table = connection.ops.quote_name(Source._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), SUM(version) FROM {table}")  # noqa: S608 -- quoted table
        count, total = cursor.fetchone()
    return Stamp(tag=f"sources.{count}.{total or 0}", changed_at=None)
