"""A tour of the peaceplan API through the Python client generated from its schema, as a
client developer would write it: every read, and one edit with a token and If-Match.

The suite (tests/site/test_api_client.py) generates the client, type-checks this file with
``mypy --strict`` and runs ``tour``. To run it against a server (`make run`):

    openapi-python-client generate --url http://127.0.0.1:8000/api/schema/?format=json \\
        --meta none --output-path peaceplan_client
    PEACEPLAN_TOKEN=<an editor's key> python tests/site/api_client_tour.py http://127.0.0.1:8000
"""

import csv
import datetime
import io
import os
import sys
from http import HTTPStatus
from typing import TypeVar

from peaceplan_client import AuthenticatedClient, Client
from peaceplan_client.api.clause_deletions import clause_deletion_get, clause_deletions_list
from peaceplan_client.api.clause_versions import clause_version_get
from peaceplan_client.api.clauses import clause_get, clause_history, clauses_list
from peaceplan_client.api.parties import parties_list, party_get
from peaceplan_client.api.plans import plan_changes, plan_get, plan_synopsis, plans_list
from peaceplan_client.api.positions import (
    position_get,
    position_update,
    positions_csv,
    positions_list,
)
from peaceplan_client.api.revisions import (
    revision_diff,
    revision_get,
    revision_strands,
    revisions_list,
)
from peaceplan_client.api.search import search
from peaceplan_client.api.sources import source_get, sources_list
from peaceplan_client.api.translations import translations_list
from peaceplan_client.models import (
    ChangeEnum,
    ClauseDetail,
    ClauseVersion,
    LineageList,
    PaginatedClauseDeletionList,
    PaginatedClauseList,
    PaginatedHistoryEntryList,
    PaginatedPartyList,
    PaginatedPlanList,
    PaginatedPositionList,
    PaginatedRevisionList,
    PaginatedSourceList,
    PaginatedTranslationList,
    Party,
    PatchedPositionEdit,
    Plan,
    PlanChanges,
    Position,
    RevisionDetail,
    RevisionDiff,
    SourceDetail,
    StanceEnum,
    Synopsis,
)

T = TypeVar("T")


def expect(value: object, kind: type[T]) -> T:
    """``value`` if the call returned the model it documents, else a clear failure (an
    error body, or nothing)."""
    if not isinstance(value, kind):
        raise AssertionError(f"expected a {kind.__name__}, got {value!r}")
    return value


def all_positions(client: Client, plan: str, page_size: int) -> list[Position]:
    """Every position of the plan's latest revision, page after page."""
    positions: list[Position] = []
    page = 1
    while True:
        found = positions_list.sync(client=client, plan=plan, page=page, page_size=page_size)
        listed = expect(found, PaginatedPositionList)
        positions.extend(listed.results)
        if listed.next_ is None:
            return positions
        page += 1


def tour(public: Client, editor: AuthenticatedClient) -> list[str]:
    """Read every kind of resource anonymously, then change one position as an editor."""
    lines: list[str] = []
    plans = expect(plans_list.sync(client=public), PaginatedPlanList)
    plan = expect(plan_get.sync(plans.results[0].slug, client=public), Plan)
    latest = plan.latest_revision
    if latest is None:
        raise AssertionError(f"{plan.slug} has no revision")
    lines.append(f"{plan.title}: {plan.revision_count} revisions")

    revisions = expect(revisions_list.sync(plan.slug, client=public), PaginatedRevisionList)
    lines += [f"r{revision.number} {revision.label}" for revision in revisions.results]
    revision = expect(revision_get.sync(plan.slug, latest, client=public), RevisionDetail)
    lines.append(f"r{revision.number} holds {len(revision.clause_versions)} clauses")

    diff = expect(revision_diff.sync(plan.slug, latest, client=public), RevisionDiff)
    against_first = revision_diff.sync(plan.slug, latest, client=public, against=1)
    lines.append(f"r{diff.old.number} -> r{diff.new.number}: {diff.summary}")
    changed = [c for c in diff.clauses if c.change == ChangeEnum.CHANGED]
    lines += [f"  changed: {c.title}" for c in changed]
    expect(against_first, RevisionDiff)

    # What the corrections left: the clauses struck out of the revision, its lineage strands.
    deletions = expect(
        clause_deletions_list.sync(plan.slug, latest, client=public), PaginatedClauseDeletionList
    )
    strands = expect(revision_strands.sync(plan.slug, latest, client=public), LineageList)
    lines.append(f"r{latest}: {deletions.count} struck out, {len(strands.strands)} strands")

    clauses = expect(clauses_list.sync(plan.slug, client=public), PaginatedClauseList)
    slug = clauses.results[0].slug
    clause = expect(clause_get.sync(plan.slug, slug, client=public), ClauseDetail)
    history = expect(clause_history.sync(plan.slug, slug, client=public), PaginatedHistoryEntryList)
    lines.append(f"{clause.title}: {history.count} saved changes")
    version = expect(clause_version_get.sync(plan.slug, slug, latest, client=public), ClauseVersion)
    lines.append(f"  point {version.number} in r{latest}: {version.status.value}")

    # A clause that was never struck out of the revision: the deletion's read is a 404.
    struck = clause_deletion_get.sync_detailed(plan.slug, latest, slug, client=public)
    if struck.status_code != HTTPStatus.NOT_FOUND:
        raise AssertionError(f"{slug} struck out of r{latest}? {struck.status_code}")

    found = search.sync_detailed(client=public, q="Zaporizhzhia")
    if found.status_code != HTTPStatus.OK:
        raise AssertionError(f"search: {found.status_code}")
    lines.append("search for Zaporizhzhia: answered")

    # The drafts side by side (the default choice), and what changed since a day.
    synopsis = expect(plan_synopsis.sync(plan.slug, client=public), Synopsis)
    lines.append(f"synopsis of r{', r'.join(str(n) for n in synopsis.revisions)}")
    since = datetime.date(2000, 1, 1)
    changes = expect(plan_changes.sync(plan.slug, client=public, since=since), PlanChanges)
    lines.append(f"since {since}: {changes.count} clauses changed")

    # The sources positions cite, and the translations of the plan's points.
    sources = expect(sources_list.sync(client=public), PaginatedSourceList)
    if sources.results:
        cited = expect(source_get.sync(sources.results[0].id, client=public), SourceDetail)
        lines.append(f"{sources.count} sources, among them {cited.title}")
    translations = expect(
        translations_list.sync(client=public, plan=plan.slug), PaginatedTranslationList
    )
    lines.append(f"{translations.count} translations")

    parties = expect(parties_list.sync(client=public), PaginatedPartyList)
    russia = expect(party_get.sync("russia", client=public), Party)
    lines.append(f"{parties.count} parties, among them {russia.name}")

    opposed = expect(
        positions_list.sync(
            client=public, plan=plan.slug, party=russia.slug, stance=StanceEnum.OPPOSES
        ),
        PaginatedPositionList,
    )
    lines += [f"{russia.short_name} opposes {p.clause}" for p in opposed.results]
    every = all_positions(public, plan.slug, page_size=10)
    lines.append(f"{len(every)} positions in r{latest}")

    # The same positions as one CSV file, read as text: one row each, under a header.
    table = expect(positions_csv.sync(client=public, plan=plan.slug), str)
    rows = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
    if len(rows) != len(every) or {row["party"] for row in rows} != {p.party for p in every}:
        raise AssertionError(f"the CSV holds {len(rows)} rows, the list {len(every)}")
    lines.append(f"positions.csv: {len(rows)} rows")

    # A conditional read: the list read again with its ETag answers 304, with no body.
    first = positions_list.sync_detailed(client=public, plan=plan.slug)
    again = positions_list.sync_detailed(
        client=public, plan=plan.slug, if_none_match=first.headers["ETag"]
    )
    if again.status_code != HTTPStatus.NOT_MODIFIED or again.parsed is not None:
        raise AssertionError(f"read again with its ETag: {again.status_code}")
    lines.append("read again with its ETag: 304 Not Modified")

    target = every[0]
    position = expect(
        position_get.sync(target.plan, target.clause, target.revision, target.party, client=public),
        Position,
    )
    new_stance = (
        StanceEnum.CONDITIONAL
        if position.stance.name != StanceEnum.CONDITIONAL
        else StanceEnum.AMBIGUOUS
    )
    saved = expect(
        position_update.sync(
            position.plan,
            position.clause,
            position.revision,
            position.party,
            client=editor,
            body=PatchedPositionEdit(stance=new_stance, edit_summary="Checked against the source"),
            if_match=position.etag,
        ),
        Position,
    )
    if saved.stance.name != new_stance or saved.etag == position.etag:
        raise AssertionError(f"the edit did not take: {saved!r}")
    lines.append(f"{saved.party} on {saved.clause}: now {saved.stance.label}")
    return lines


if __name__ == "__main__":
    base_url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    token = os.environ["PEACEPLAN_TOKEN"]
    print("\n".join(tour(Client(base_url), AuthenticatedClient(base_url, token=token))))
