"""The write side of a plan's change stamp: every write to a plan bumps it.

A plan's ``change_stamp`` (a counter) and ``changed_at`` are bumped in the same transaction
as any write to the plan or to anything in it: its revisions, clauses, clause versions and
positions. Every read of the plan derives its ETag and its page-cache key from the stamp
(clauses/selectors/stamps.py, core/conditional.py), so a stamp that did not move means
nothing a reader sees moved.

The hook is ``TrackedModel.records_touched``, which the few helpers every service saves
through call (``core.tracking.save_edit``, ``core.saving.save_new`` and
``bulk_create_tracked``), not each service, so a new service that saves through them cannot
forget it; the records of a plan answer it through ``clauses.models.PlanRecord``. A write
that bypasses them (raw SQL such as the clone's ``INSERT ... SELECT``, or
``QuerySet.update()``) must call ``records_touched`` itself, in its transaction; the clone
is covered by the save of its new revision, which happens in the same transaction as its
copies.

A party is no record of a plan, yet its name shows on every plan's pages: a plan's stamp
as read (clauses/selectors/stamps.py) takes in the parties' versions, so a party's write
needs no hook here.
"""

from collections.abc import Iterable, Iterator

from django.db.models import F, QuerySet
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from core.page_fill import fill_after_commit

# Sent by ``plans_touched`` inside the write's transaction, with ``lookup`` (how a plan
# reaches the written rows) and their ``pks``: what is derived from a plan's records
# outside this app (the search index) follows every write that bumps a stamp.
records_written = Signal()


def plans_touched(plans: QuerySet, lookup: str, pks: Iterable[int]) -> None:
    """Bump the stamp of every plan among ``plans`` that holds a row whose key is among
    ``pks``, reached from the plan through ``lookup`` (one query). Call it inside the
    write's transaction, so the new stamp and the new data become visible together."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    records_written.send(sender=plans.model, lookup=lookup, pks=pks)
    # A range, not a list: a bulk insert's keys are consecutive, and a list of thousands
    # would be as many parameters. A row of another plan created meanwhile inside the
    # range only costs that plan a cache miss.
    plans = plans.filter(**{f"{lookup}__gte": min(pks), f"{lookup}__lte": max(pks)})
    plans.update(change_stamp=F("change_stamp") + 1, changed_at=timezone.now())
    fill_after_commit(lambda: first_pages(plans))


def first_pages(plans: QuerySet) -> Iterator[str]:
    """The pages every reader of these plans opens first, to draw into the page cache once
    the write commits (core/page_fill.py): each plan's overview, and the home page, which
    lists every plan."""
    for slug in plans.values_list("slug", flat=True).distinct():
        yield reverse("clauses:plan", args=[slug])
    yield reverse("home")
