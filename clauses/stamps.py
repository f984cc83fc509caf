"""The write side of a plan's change stamp: every write to a plan bumps it.

A plan's ``change_stamp`` (a counter) and ``changed_at`` are bumped in the same transaction
as any write to the plan or to anything in it: its revisions, clauses, clause versions and
positions. Every read of the plan derives its ETag and its page-cache key from the stamp
(clauses/conditional.py), so a stamp that did not move means nothing a reader sees moved.

The hook is in the few helpers every service saves through (``tracking.save_edit``,
``services.saving.save_new`` and ``bulk_create_tracked``), not in each service, so a new
service that saves through them cannot forget it. A write that bypasses them (raw SQL such
as the clone's ``INSERT ... SELECT``, or ``QuerySet.update()``) must call
``plans_touched`` itself, in its transaction; the clone is covered by the save of its new
revision, which happens in the same transaction as its copies.

A record of a model this module does not place in a plan (a party, or any model added
later) touches every plan: a party's name shows on every plan's pages, and touching too
much only costs a cache miss, while touching too little would serve a stale page.
"""

from collections.abc import Iterable

from django.apps import apps
from django.db.models import F
from django.utils import timezone

# How to reach each model's rows from the plan (a lookup on Plan), by model label.
PLAN_LOOKUPS = {
    "clauses.plan": "pk",
    "clauses.revision": "revisions",
    "clauses.clause": "clauses",
    "clauses.clauseversion": "revisions__clause_versions",
    "clauses.position": "revisions__clause_versions__positions",
}


def plans_touched(model, pks: Iterable[int] | None = None) -> None:
    """Bump the stamp of every plan holding a row of ``model`` among ``pks`` (one query).

    ``pks=None`` or a model outside any plan touches every plan. Call it inside the
    write's transaction, so the new stamp and the new data become visible together.
    """
    plans = apps.get_model("clauses", "Plan").objects.all()
    lookup = PLAN_LOOKUPS.get(model._meta.label_lower)
    if lookup is not None and pks is not None:
        pks = [pk for pk in pks if pk is not None]
        if not pks:
            return
        # A range, not a list: a bulk insert's keys are consecutive, and a list of
        # thousands would be as many parameters. A row of another plan created
        # meanwhile inside the range only costs that plan a cache miss.
        plans = plans.filter(**{f"{lookup}__gte": min(pks), f"{lookup}__lte": max(pks)})
    plans.update(change_stamp=F("change_stamp") + 1, changed_at=timezone.now())


def record_touched(record) -> None:
    """Bump the stamp of the plan (or plans) ``record`` belongs to (one query)."""
    plans_touched(type(record), [record.pk])
