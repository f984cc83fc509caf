"""Keeping every revision's fingerprint true to its content, in the writer's transaction.

Every service that changes what a revision holds calls ``fingerprints_refresh`` with the
revisions it changed. Their fingerprints are recomputed from the stored rows, over the
fingerprint the revision each continues has at that moment (recorded on the revision as
``previous_fingerprint``), and each fingerprint that changed is written with one UPDATE
and one fingerprint event appended to the revision's chain of events. The revisions that
continue them keep theirs: the predecessor's fingerprint each recorded stays proven by the
predecessor's events. A fingerprint is derived data, not an edit: it bumps no version and
writes no history row.
"""

from collections.abc import Collection, Mapping

from django.db import transaction
from django.utils import timezone

from clauses.fingerprints import chain_fingerprints, event_hash, fingerprint
from clauses.models import FingerprintEvent, Revision
from clauses.selectors.fingerprints import (
    chain_links,
    latest_events,
    revision_contents_and_deletions,
    revisions_to_refresh,
    revisions_with_positions_of,
    stored_fingerprints,
)


def _record(
    computed: Mapping[int, tuple[str, str]],
    stored: Mapping[int, tuple[str, str]],
    latest: Mapping[int, tuple[str, str, str]],
    *,
    batch_size: int | None = None,
) -> None:
    """Write each ``computed`` (fingerprint, previous fingerprint) that differs from the
    ``stored`` one, and append an event for each that differs from the revision's latest
    event (two queries at most)."""
    changed = [
        Revision(pk=pk, fingerprint=value, previous_fingerprint=previous)
        for pk, (value, previous) in computed.items()
        if stored.get(pk) != (value, previous)
    ]
    if changed:
        Revision.objects.bulk_update(
            changed, ["fingerprint", "previous_fingerprint"], batch_size=batch_size
        )
    now = timezone.now()
    events = []
    for pk, (value, previous) in sorted(computed.items()):
        last = latest.get(pk)
        if last is not None and last[:2] == (value, previous):
            continue
        previous_hash = last[2] if last else ""
        events.append(
            FingerprintEvent(
                revision_id=pk,
                fingerprint=value,
                previous_fingerprint=previous,
                previous_hash=previous_hash,
                recorded_at=now,
                hash=event_hash(
                    revision_id=pk,
                    fingerprint=value,
                    previous_fingerprint=previous,
                    previous_hash=previous_hash,
                    recorded_at=now,
                ),
            )
        )
    if events:
        FingerprintEvent.objects.bulk_create(events, batch_size=batch_size)


def fingerprints_refresh(
    *, revision_ids: Collection[int] = (), clause_version_ids: Collection[int] = ()
) -> dict[int, str]:
    """Recompute the fingerprints of ``revision_ids`` and of the revisions holding
    ``clause_version_ids``; returns the new fingerprint of each, by id. Call it inside the
    writer's transaction.

    Six queries at most whatever the size and the history of the plan: the revisions
    locked (so that two writers on one revision take turns and the later one reads the
    earlier one's result) with the current fingerprint of the revision each continues,
    their clause versions with their deletions, their positions, their latest events, the
    UPDATE and the new events. The revisions that continue them are not read.
    """
    if not revision_ids and not clause_version_ids:
        return {}
    rows = revisions_to_refresh(revision_ids=revision_ids, clause_version_ids=clause_version_ids)
    ids = [row[0] for row in rows]
    contents, deletions = revision_contents_and_deletions(ids)
    latest = latest_events(ids)
    stored: dict[int, tuple[str, str]] = {}
    computed: dict[int, tuple[str, str]] = {}
    # In number order: a predecessor refreshed in the same write is met first, and its
    # successor records its new fingerprint.
    for pk, previous_id, _number, withdrawn, value, recorded, parent in sorted(
        rows, key=lambda row: row[2]
    ):
        stored[pk] = (value, recorded)
        previous = ""
        if previous_id is not None:
            previous = computed[previous_id][0] if previous_id in computed else parent or ""
        computed[pk] = (
            fingerprint(
                previous=previous or None,
                clause_versions=contents.get(pk, []),
                deleted=deletions.get(pk, ()),
                withdrawn=withdrawn,
            ),
            previous,
        )
    _record(computed, stored, latest)
    return {pk: value for pk, (value, _previous) in computed.items()}


@transaction.atomic
def fingerprints_refresh_all() -> int:
    """Recompute every revision's fingerprint along each plan's chain, each over its
    predecessor's new one (after loading data in bulk: the seed, a generated plan, a
    takedown), and append an event for each that changed or has none. Returns the number
    of revisions. In a transaction of its own (or the caller's): the stored fingerprints
    are read under a lock."""
    links = chain_links()
    stored_values = stored_fingerprints(lock=True)
    recorded = dict(Revision.objects.values_list("pk", "previous_fingerprint"))
    contents, deletions = revision_contents_and_deletions()
    chained = chain_fingerprints(links, contents, {}, deletions)
    computed = {
        link.id: (
            chained[link.id],
            chained[link.previous_id] if link.previous_id is not None else "",
        )
        for link in links
    }
    stored = {pk: (value, recorded.get(pk, "")) for pk, value in stored_values.items()}
    _record(computed, stored, latest_events(), batch_size=500)
    return len(computed)


def party_renamed(sender, *, party, **kwargs) -> None:
    """A party's slug changed (parties.signals, in the party's write transaction):
    positions name their party by slug in every revision's fingerprint."""
    fingerprints_refresh(revision_ids=revisions_with_positions_of(party))
