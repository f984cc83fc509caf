"""What the search index hears of the plan's writes (``clauses.stamps.records_written``).

The signal comes inside the writer's transaction, before a clone has copied its rows and
before a takedown has removed its record, so the index is refreshed once that transaction
commits, from the rows as they then stand. The receiver itself runs no query: it notes
what was written, and the first commit of the thread refreshes everything noted. A
transaction rolled back leaves its notes to the next refresh, which finds the rows as
they are (or gone) and costs only a little work.
"""

import logging
import threading

from django.db import transaction
from django.db.models import Model

from clauses.models import Plan
from search.services import Touched, index_refresh

logger = logging.getLogger(__name__)

_noted = threading.local()


def model_reached(start: type[Model], lookup: str) -> type[Model]:
    """The model a lookup such as ``revisions__clause_versions`` reaches from ``start``."""
    model = start
    for name in lookup.split("__"):
        if name == "pk":
            continue
        related = model._meta.get_field(name).related_model
        if related is None or isinstance(related, str):
            break
        model = related
    return model


def records_written_received(sender, *, lookup: str, pks, **kwargs) -> None:
    if sender is not Plan:
        return
    touched = getattr(_noted, "touched", None)
    if touched is None:
        touched = _noted.touched = Touched()
    touched.add(model_reached(Plan, lookup), pks)
    # robust: the write has committed by then; a failed refresh is logged, and the plan's
    # stamp, which the index then does not hold, makes the next search index it again.
    transaction.on_commit(_refresh_noted, robust=True)


def _refresh_noted() -> None:
    touched = getattr(_noted, "touched", None)
    _noted.touched = None
    if touched:
        index_refresh(touched)
