"""Reads for fingerprints: the revisions' chain and their content, from the stored rows
or from history, each in a fixed number of queries whatever the size of the plans."""

from collections.abc import Collection

from django.db.models import Max, Q

from clauses.fingerprints import ChainLink, ClauseVersionContent
from clauses.models import Clause, ClauseVersion, Position, Revision
from parties.models import Party

POSITION_COLUMNS = ("stance", "summary", "quote", "source_title", "source_url", "stated_on")


def chain_links(*, plan_ids: Collection[int] | None = None) -> list[ChainLink]:
    """Every revision of the plans (of all plans by default) as a chain link (one query)."""
    revisions = Revision.objects.all()
    if plan_ids is not None:
        revisions = revisions.filter(plan_id__in=plan_ids)
    return [
        ChainLink(id=pk, previous_id=previous_id, number=number)
        for pk, previous_id, number in revisions.values_list("pk", "previous_id", "number")
    ]


def revisions_holding(
    *, revision_ids: Collection[int], clause_version_ids: Collection[int]
) -> tuple[set[int], set[int]]:
    """The ids of those revisions and of the revisions holding those clause versions, and
    of their plans (one query)."""
    rows = (
        Revision.objects.filter(Q(pk__in=revision_ids) | Q(clause_versions__in=clause_version_ids))
        .values_list("pk", "plan_id")
        .distinct()
    )
    revisions, plans = set(), set()
    for pk, plan_id in rows:
        revisions.add(pk)
        plans.add(plan_id)
    return revisions, plans


def revisions_with_positions_of(party) -> list[int]:
    """The ids of the revisions where ``party`` holds a position (one query)."""
    return list(
        Revision.objects.filter(clause_versions__positions__party=party)
        .values_list("pk", flat=True)
        .distinct()
    )


def stored_fingerprints(revision_ids: Collection[int] | None = None, *, lock=False) -> dict:
    """The stored fingerprint of those revisions (of all by default), by id; locked until
    the transaction ends when ``lock`` (one query)."""
    revisions = Revision.objects.order_by("pk")
    if revision_ids is not None:
        revisions = revisions.filter(pk__in=revision_ids)
    if lock:
        revisions = revisions.select_for_update()
    return dict(revisions.values_list("pk", "fingerprint"))


def revision_contents(
    revision_ids: Collection[int] | None = None,
) -> dict[int, list[ClauseVersionContent]]:
    """The content of those revisions (of all by default) as stored, by revision id (two
    queries: clause versions with their clause's slug, positions with their party's)."""
    versions = ClauseVersion.objects.all()
    positions = Position.objects.all()
    if revision_ids is not None:
        versions = versions.filter(revision_id__in=revision_ids)
        positions = positions.filter(clause_version__revision_id__in=revision_ids)
    by_id: dict[int, ClauseVersionContent] = {}
    contents: dict[int, list[ClauseVersionContent]] = {}
    for pk, revision_id, slug, number, status, text, place in versions.values_list(
        "pk", "revision_id", "clause__slug", "number", "status", "text", "position_in_draft"
    ):
        version = ClauseVersionContent(slug, number, status, text, place)
        by_id[pk] = version
        contents.setdefault(revision_id, []).append(version)
    for version_id, party, *values in positions.values_list(
        "clause_version_id", "party__slug", *POSITION_COLUMNS
    ):
        by_id[version_id].positions.append(
            {"party": party, **dict(zip(POSITION_COLUMNS, values, strict=True))}
        )
    return contents


def _latest_history(model):
    """The latest history row of every record of ``model`` that has not been deleted."""
    history = model.history.model
    latest = history.objects.values("id").annotate(latest=Max("history_id")).values("latest")
    return history.objects.filter(Q(history_id__in=latest) & ~Q(history_type="-"))


def chain_links_from_history() -> list[ChainLink]:
    """Every revision's chain link as its latest history row has it (one query)."""
    return [
        ChainLink(id=pk, previous_id=previous_id, number=number)
        for pk, previous_id, number in _latest_history(Revision).values_list(
            "id", "previous_id", "number"
        )
    ]


def revision_contents_from_history() -> dict[int, list[ClauseVersionContent]]:
    """Every revision's content as history records it: the latest history row of each
    clause version, position, clause (its slug) and party (its slug) (four queries)."""
    clause_slugs = dict(_latest_history(Clause).values_list("id", "slug"))
    party_slugs = dict(_latest_history(Party).values_list("id", "slug"))
    by_id: dict[int, ClauseVersionContent] = {}
    contents: dict[int, list[ClauseVersionContent]] = {}
    for pk, revision_id, clause_id, number, status, text, place in _latest_history(
        ClauseVersion
    ).values_list(
        "id", "revision_id", "clause_id", "number", "status", "text", "position_in_draft"
    ):
        version = ClauseVersionContent(clause_slugs.get(clause_id, ""), number, status, text, place)
        by_id[pk] = version
        contents.setdefault(revision_id, []).append(version)
    for version_id, party_id, *values in _latest_history(Position).values_list(
        "clause_version_id", "party_id", *POSITION_COLUMNS
    ):
        if version_id in by_id:
            by_id[version_id].positions.append(
                {
                    "party": party_slugs.get(party_id, ""),
                    **dict(zip(POSITION_COLUMNS, values, strict=True)),
                }
            )
    return contents


def revision_names() -> dict[int, str]:
    """Every revision's citable name, "<plan slug> r<number>", by id (one query)."""
    return {
        pk: f"{plan} r{number}"
        for pk, plan, number in Revision.objects.values_list("pk", "plan__slug", "number")
    }
