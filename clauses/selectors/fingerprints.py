"""Reads for fingerprints: the revisions' chain and their content, from the stored rows
or from history, each in a fixed number of queries whatever the size of the plans."""

from collections.abc import Collection

from django.db.models import CharField, IntegerField, Max, Q, Value

from clauses.fingerprints import ChainLink, ClauseVersionContent, EventRow, RevisionRecord
from clauses.models import (
    Clause,
    ClauseDeletion,
    ClauseLineage,
    ClauseVersion,
    FingerprintEvent,
    Position,
    Revision,
)
from clauses.selectors.lineage import predecessor_slugs
from parties.models import Party

POSITION_COLUMNS = ("stance", "summary", "quote", "source_title", "source_url", "stated_on")


def chain_links(*, plan_ids: Collection[int] | None = None) -> list[ChainLink]:
    """Every revision of the plans (of all plans by default) as a chain link (one query)."""
    revisions = Revision.objects.all()
    if plan_ids is not None:
        revisions = revisions.filter(plan_id__in=plan_ids)
    return [
        ChainLink(id=pk, previous_id=previous_id, number=number, withdrawn=withdrawn)
        for pk, previous_id, number, withdrawn in revisions.values_list(
            "pk", "previous_id", "number", "withdrawn"
        )
    ]


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


def revisions_to_refresh(
    *, revision_ids: Collection[int], clause_version_ids: Collection[int]
) -> list[tuple]:
    """Those revisions and the revisions holding those clause versions, locked until the
    transaction ends (so that two writers on one revision take turns), each as (id,
    previous id, number, withdrawn, fingerprint, previous fingerprint, the current
    fingerprint of the revision it continues); one query."""
    holding = ClauseVersion.objects.filter(pk__in=clause_version_ids).values("revision_id")
    return list(
        Revision.objects.filter(Q(pk__in=revision_ids) | Q(pk__in=holding))
        .order_by("pk")
        .select_for_update(of=("self",))
        .values_list(
            "pk",
            "previous_id",
            "number",
            "withdrawn",
            "fingerprint",
            "previous_fingerprint",
            "previous__fingerprint",
        )
    )


def latest_events(revision_ids: Collection[int] | None = None) -> dict[int, tuple[str, str, str]]:
    """The latest fingerprint event of those revisions (of all by default) as (fingerprint,
    previous fingerprint, hash), by revision id (one query)."""
    events = FingerprintEvent.objects.all()
    if revision_ids is not None:
        events = events.filter(revision_id__in=revision_ids)
    latest = events.order_by().values("revision_id").annotate(latest=Max("pk")).values("latest")
    return {
        revision_id: (value, previous, hash_)
        for revision_id, value, previous, hash_ in FingerprintEvent.objects.filter(
            pk__in=latest
        ).values_list("revision_id", "fingerprint", "previous_fingerprint", "hash")
    }


def fingerprint_events() -> list[EventRow]:
    """Every fingerprint event, in the order they were written (one query)."""
    return [
        EventRow(*row)
        for row in FingerprintEvent.objects.order_by("pk").values_list(
            "pk",
            "revision_id",
            "fingerprint",
            "previous_fingerprint",
            "previous_hash",
            "hash",
            "recorded_at",
        )
    ]


def revision_records() -> list[RevisionRecord]:
    """Every revision's stored fingerprint and the predecessor's it records (one query)."""
    return [
        RevisionRecord(*row)
        for row in Revision.objects.order_by("pk").values_list(
            "pk", "previous_id", "fingerprint", "previous_fingerprint"
        )
    ]


# The status a deletion's row takes in ``revision_contents_and_deletions``'s one query: no
# clause version has it (the database checks their statuses).
_DELETION_ROW = ""


def revision_contents(
    revision_ids: Collection[int] | None = None,
) -> dict[int, list[ClauseVersionContent]]:
    """The content of those revisions (of all by default) as stored, by revision id (two
    queries: clause versions with their clause's slug, positions with their party's)."""
    return revision_contents_and_deletions(revision_ids)[0]


def revision_contents_and_deletions(
    revision_ids: Collection[int] | None = None,
) -> tuple[dict[int, list[ClauseVersionContent]], dict[int, list[str]]]:
    """The content of those revisions (of all by default) as stored, by revision id, and
    the slugs of the clauses each strikes out (two queries: the clause versions with their
    clause's slug and, in the same query, the deletions with theirs; the positions with
    their party's)."""
    versions = ClauseVersion.objects.all()
    deletions = ClauseDeletion.objects.all()
    positions = Position.objects.all()
    if revision_ids is not None:
        versions = versions.filter(revision_id__in=revision_ids)
        deletions = deletions.filter(revision_id__in=revision_ids)
        positions = positions.filter(clause_version__revision_id__in=revision_ids)
    # A deletion's row in the clause versions' shape, so one query reads both: every write
    # refreshes fingerprints, and its query budget stays what it was before deletions.
    deletion_rows = (
        deletions.order_by()
        .annotate(
            no_number=Value("", output_field=CharField()),
            marker=Value(_DELETION_ROW, output_field=CharField()),
            no_text=Value("", output_field=CharField()),
            no_place=Value(0, output_field=IntegerField()),
            no_lineage=Value("", output_field=CharField()),
        )
        .values_list(
            "pk",
            "revision_id",
            "clause__slug",
            "no_number",
            "marker",
            "no_text",
            "no_place",
            "no_lineage",
        )
    )
    # Each clause version's row carries the lineage strands ending in it (one more column,
    # no more query): "<kind>:<predecessor slug>", comma-joined.
    rows = (
        versions.order_by()
        .annotate(lineage=predecessor_slugs())
        .values_list(
            "pk",
            "revision_id",
            "clause__slug",
            "number",
            "status",
            "text",
            "position_in_draft",
            "lineage",
        )
        .union(deletion_rows, all=True)
    )
    by_id: dict[int, ClauseVersionContent] = {}
    contents: dict[int, list[ClauseVersionContent]] = {}
    deleted: dict[int, list[str]] = {}
    for pk, revision_id, slug, number, status, text, place, lineage in rows:
        if status == _DELETION_ROW:
            deleted.setdefault(revision_id, []).append(slug)
            continue
        version = ClauseVersionContent(slug, number, status, text, place)
        version.lineage = lineage.split(",") if lineage else []
        by_id[pk] = version
        contents.setdefault(revision_id, []).append(version)
    for version_id, party, *values in positions.values_list(
        "clause_version_id", "party__slug", *POSITION_COLUMNS
    ):
        by_id[version_id].positions.append(
            {"party": party, **dict(zip(POSITION_COLUMNS, values, strict=True))}
        )
    return contents, deleted


def _latest_history(model):
    """The latest history row of every record of ``model`` that has not been deleted."""
    history = model.history.model
    latest = history.objects.values("id").annotate(latest=Max("history_id")).values("latest")
    return history.objects.filter(Q(history_id__in=latest) & ~Q(history_type="-"))


def chain_links_from_history() -> list[ChainLink]:
    """Every revision's chain link as its latest history row has it (one query)."""
    return [
        ChainLink(id=pk, previous_id=previous_id, number=number, withdrawn=withdrawn)
        for pk, previous_id, number, withdrawn in _latest_history(Revision).values_list(
            "id", "previous_id", "number", "withdrawn"
        )
    ]


def revision_deletions_from_history() -> dict[int, list[str]]:
    """The slugs of the clauses each revision strikes out, as history records them: the
    latest history row of each deletion not taken back, and of its clause (two queries)."""
    clause_slugs = dict(_latest_history(Clause).values_list("id", "slug"))
    deleted: dict[int, list[str]] = {}
    for revision_id, clause_id in _latest_history(ClauseDeletion).values_list(
        "revision_id", "clause_id"
    ):
        deleted.setdefault(revision_id, []).append(clause_slugs.get(clause_id, ""))
    return deleted


def revision_contents_from_history() -> dict[int, list[ClauseVersionContent]]:
    """Every revision's content as history records it: the latest history row of each
    clause version, position, clause (its slug), party (its slug) and lineage strand
    (five queries)."""
    clause_slugs = dict(_latest_history(Clause).values_list("id", "slug"))
    party_slugs = dict(_latest_history(Party).values_list("id", "slug"))
    by_id: dict[int, ClauseVersionContent] = {}
    by_clause: dict[tuple[int, int], ClauseVersionContent] = {}
    contents: dict[int, list[ClauseVersionContent]] = {}
    for pk, revision_id, clause_id, number, status, text, place in _latest_history(
        ClauseVersion
    ).values_list(
        "id", "revision_id", "clause_id", "number", "status", "text", "position_in_draft"
    ):
        version = ClauseVersionContent(clause_slugs.get(clause_id, ""), number, status, text, place)
        by_id[pk] = version
        by_clause[revision_id, clause_id] = version
        contents.setdefault(revision_id, []).append(version)
    for revision_id, predecessor_id, successor_id, kind in _latest_history(
        ClauseLineage
    ).values_list("revision_id", "predecessor_id", "successor_id", "kind"):
        successor = by_clause.get((revision_id, successor_id))
        if successor is not None:
            successor.lineage.append(f"{kind}:{clause_slugs.get(predecessor_id, '')}")
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
