"""Keeping every revision's fingerprint true to its content, in the writer's transaction.

Every service that changes what a revision holds calls ``fingerprints_refresh`` with the
revisions it changed. Their fingerprints, and those of every revision that continues them
(their chain includes them), are recomputed from the stored rows and written with one
UPDATE: a fingerprint is derived data, not an edit, so it bumps no version and writes no
history row.
"""

from collections.abc import Collection

from django.db import transaction

from clauses.fingerprints import chain_fingerprints, continuations
from clauses.models import Revision
from clauses.selectors.fingerprints import (
    chain_links,
    revision_contents_and_deletions,
    revisions_holding,
    revisions_with_positions_of,
    stored_fingerprints,
)


def fingerprints_refresh(
    *, revision_ids: Collection[int] = (), clause_version_ids: Collection[int] = ()
) -> dict[int, str]:
    """Recompute the fingerprints of ``revision_ids``, of the revisions holding
    ``clause_version_ids``, and of their continuations; returns the new fingerprint of
    each, by id. Call it inside the writer's transaction.

    Six queries whatever the size of the plan: the plans, their chains, the affected
    revisions locked (so that two writers on one chain take turns and the later one reads
    the earlier one's result), their clause versions with their deletions, their
    positions, and the UPDATE.
    """
    if not revision_ids and not clause_version_ids:
        return {}
    revision_ids, plan_ids = revisions_holding(
        revision_ids=revision_ids, clause_version_ids=clause_version_ids
    )
    links = chain_links(plan_ids=plan_ids)
    affected = continuations(links, revision_ids)
    affected_links = [link for link in links if link.id in affected]
    predecessors = {link.previous_id for link in affected_links if link.previous_id is not None}
    predecessors -= affected
    stored = stored_fingerprints(affected | predecessors, lock=True)
    contents, deletions = revision_contents_and_deletions(affected)
    computed = chain_fingerprints(affected_links, contents, stored, deletions)
    changed = [
        Revision(pk=pk, fingerprint=value)
        for pk, value in computed.items()
        if stored.get(pk) != value
    ]
    if changed:
        Revision.objects.bulk_update(changed, ["fingerprint"])
    return computed


@transaction.atomic
def fingerprints_refresh_all() -> int:
    """Recompute every revision's fingerprint (after loading data in bulk: the seed, a
    generated plan, a takedown). Returns the number of revisions. In a transaction of its
    own (or the caller's): the stored fingerprints are read under a lock."""
    links = chain_links()
    stored = stored_fingerprints(lock=True)
    contents, deletions = revision_contents_and_deletions()
    computed = chain_fingerprints(links, contents, stored, deletions)
    changed = [Revision(pk=pk, fingerprint=v) for pk, v in computed.items() if stored[pk] != v]
    if changed:
        Revision.objects.bulk_update(changed, ["fingerprint"], batch_size=500)
    return len(computed)


def party_renamed(sender, *, party, **kwargs) -> None:
    """A party's slug changed (parties.signals, in the party's write transaction):
    positions name their party by slug in every revision's fingerprint."""
    fingerprints_refresh(revision_ids=revisions_with_positions_of(party))
