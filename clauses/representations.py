"""How each resource reads as plain data: one builder per resource, shared by every reader.

The API's serializers, the positions list's fast path and the API's CSV all take a
resource's data from here, so a field is added, renamed or formatted in one place (the
pages' downloads, flat rows citing the pages, are built in clauses/export_rows.py). Links
come from the caller's ``Links`` (absolute, readable URLs), so the same data serves any
origin. Dates are ISO 8601. A stance reads as its name, its label and its ordinal value
(null for ``unknown``, which is never 0).

A position is built from a row (``POSITION_FIELDS``, as ``values_list`` names them): a page
of hundreds reads rows rather than model instances, since building six instances per row
(position, party, clause version, clause, revision, plan) costs far more than the query
(see bench/results.md). A position loaded as an instance is turned into the same row first
(``position_row``), so there is one builder whichever way it was read.
"""

from collections.abc import Iterable

from clauses.fingerprints import short as short_fingerprint
from clauses.vocabularies import ORDINAL, STANCE_LABELS
from core.links import Links
from core.tracking import etag_of

# What a position's data is built from, as ``.values_list()`` names it, in row order: the
# position's own columns, then where it stands (its clause version, clause, revision, plan).
POSITION_OWN_FIELDS = (
    "id",
    "version",
    "stance",
    "summary",
    "quote",
    "source_title",
    "source_url",
    "stated_on",
    "carried_over",
    "demand",
    "party__slug",
)
POSITION_FIELDS = (
    *POSITION_OWN_FIELDS,
    "clause_version__number",
    "clause_version__clause__slug",
    "clause_version__revision__number",
    "clause_version__revision__plan__slug",
)

# What a clause version's data is built from (with its revision's number and plan's slug,
# which the caller knows), as ``.values_list()`` names it, in row order.
CLAUSE_VERSION_FIELDS = (
    "id",
    "version",
    "clause__slug",
    "clause__title",
    "clause__topic",
    "number",
    "position_in_draft",
    "text",
    "status",
)


def _iso(value):
    return value.isoformat() if value is not None else None


def stance_data(stance: str) -> dict:
    return {
        "name": stance,
        "label": STANCE_LABELS.get(stance, stance),
        "value": ORDINAL.get(stance),
    }


def position_row(position) -> tuple:
    """The ``POSITION_FIELDS`` row of a position loaded with its relations."""
    version = position.clause_version
    return (
        position.pk,
        position.version,
        position.stance,
        position.summary,
        position.quote,
        position.source_title,
        position.source_url,
        position.stated_on,
        position.carried_over,
        position.demand,
        position.party.slug,
        version.number,
        version.clause.slug,
        version.revision.number,
        version.revision.plan.slug,
    )


def positions_data(rows: Iterable[tuple], links: Links) -> list[dict]:
    """The data of each position, from ``POSITION_FIELDS`` rows.

    Built for a page of hundreds: each kind of link is reversed once per call and filled
    in by concatenation, and the links a clause version's positions share (its revision,
    clause and itself, one per party) are built once per clause version.
    """
    party_url = links.template("party-detail", "party")
    # The position's own link is its clause version's part, the party, and the rest.
    head, _, tail = links.template(
        "position-detail", "plan", "clause", "number", "party"
    ).partition("{party}")
    templates = (
        links.template("revision-detail", "plan", "number"),
        links.template("clause-detail", "plan", "clause"),
        links.template("clauseversion-detail", "plan", "clause", "number"),
        head,
    )
    shared: dict[tuple, tuple[str, ...]] = {}
    party_urls: dict[str, str] = {}
    stances: dict[str, dict] = {}
    dates: dict = {None: None}
    results = []
    for (
        pk,
        version,
        stance,
        summary,
        quote,
        source_title,
        source_url,
        stated_on,
        carried_over,
        demand,
        party,
        clause_number,
        clause,
        number,
        plan,
    ) in rows:
        key = (plan, clause, number)
        urls = shared.get(key)
        if urls is None:
            urls = shared[key] = tuple(
                template.format(plan=plan, clause=clause, number=number) for template in templates
            )
        revision_url, clause_url, clause_version_url, position_head = urls
        party_link = party_urls.get(party)
        if party_link is None:
            party_link = party_urls[party] = party_url.format(party=party)
        stance_dict = stances.get(stance)
        if stance_dict is None:
            stance_dict = stances[stance] = stance_data(stance)
        stated = dates.get(stated_on)
        if stated is None and stated_on is not None:
            stated = dates[stated_on] = stated_on.isoformat()
        results.append(
            {
                "url": position_head + party + tail,
                "etag": etag_of(pk, version),
                "version": version,
                "plan": plan,
                "revision": number,
                "revision_url": revision_url,
                "clause": clause,
                "clause_url": clause_url,
                "clause_version_url": clause_version_url,
                "clause_number": clause_number,
                "party": party,
                "party_url": party_link,
                # A copy each: a row's parts are its own, whatever is done with them later.
                "stance": stance_dict.copy(),
                "summary": summary,
                "quote": quote,
                "source_title": source_title,
                "source_url": source_url,
                "stated_on": stated,
                "carried_over": carried_over,
                "demand": demand,
            }
        )
    return results


def position_data(position, links: Links) -> dict:
    """One position loaded with its relations (see ``position_row``)."""
    (data,) = positions_data([position_row(position)], links)
    return data


def clause_version_row(version) -> tuple:
    """The ``CLAUSE_VERSION_FIELDS`` row of a clause version loaded with its clause."""
    clause = version.clause
    return (
        version.pk,
        version.version,
        clause.slug,
        clause.title,
        clause.topic,
        version.number,
        version.position_in_draft,
        version.text,
        version.status,
    )


def clause_versions_data(
    versions: Iterable[tuple[tuple, list[tuple]]], links: Links, *, plan: str, number: int
) -> list[dict]:
    """The data of each clause version of revision ``number`` of ``plan``, from pairs of a
    ``CLAUSE_VERSION_FIELDS`` row and the ``POSITION_OWN_FIELDS`` rows of its positions.

    Built for a whole revision (thousands of positions): the positions of every clause
    version are represented in one ``positions_data`` call, so each kind of link is
    reversed once, and then dealt back to their clause versions in order.
    """
    versions = list(versions)
    revision_url = links.revision(plan, number)
    clause_url = links.template("clause-detail", "plan", "clause")
    version_url = links.template("clauseversion-detail", "plan", "clause", "number")
    rows = [
        (*own, version[5], version[2], number, plan)
        for version, positions in versions
        for own in positions
    ]
    represented = iter(positions_data(rows, links))
    results = []
    for (
        pk,
        version,
        clause,
        title,
        topic,
        clause_number,
        position_in_draft,
        text,
        status,
    ), positions in versions:
        results.append(
            {
                "url": version_url.format(plan=plan, clause=clause, number=number),
                "etag": etag_of(pk, version),
                "version": version,
                "plan": plan,
                "revision": number,
                "revision_url": revision_url,
                "clause": clause,
                "clause_url": clause_url.format(plan=plan, clause=clause),
                "title": title,
                "topic": topic,
                "number": clause_number,
                "position_in_draft": position_in_draft,
                "text": text,
                "status": status,
                "positions": [next(represented) for _ in positions],
            }
        )
    return results


def clause_version_data(version, links: Links) -> dict:
    """A clause as worded in one revision, with its (prefetched) positions."""
    revision = version.revision
    own = [
        position_row(position)[: len(POSITION_OWN_FIELDS)] for position in version.positions.all()
    ]
    (data,) = clause_versions_data(
        [(clause_version_row(version), own)],
        links,
        plan=revision.plan.slug,
        number=revision.number,
    )
    return data


def clause_version_summary_data(version, links: Links, plan: str, clause: str) -> dict:
    """A clause version as listed in its clause: where it stands, without text or positions."""
    number = version.revision.number
    return {
        "url": links.clause_version(plan, clause, number),
        "revision": number,
        "revision_url": links.revision(plan, number),
        "number": version.number,
        "position_in_draft": version.position_in_draft,
        "status": version.status,
    }


def revision_data(revision, links: Links) -> dict:
    """A revision's own fields. ``diff_url`` is null for a revision that continues none:
    it has no default diff (see ``comparison.selectors.diffs.default_against``)."""
    plan = revision.plan.slug
    previous = revision.previous
    proposed_by = revision.proposed_by
    return {
        "url": links.revision(plan, revision.number),
        "etag": etag_of(revision.pk, revision.version),
        "version": revision.version,
        "plan": plan,
        "plan_url": links.plan(plan),
        "number": revision.number,
        "label": revision.label,
        "published_on": _iso(revision.published_on),
        "status": revision.status,
        "provenance": revision.provenance,
        "coverage": revision.coverage,
        "proposed_by": proposed_by.slug if proposed_by else None,
        "proposed_by_url": links.party(proposed_by.slug) if proposed_by else None,
        "previous": previous.number if previous else None,
        "previous_url": links.revision(plan, previous.number) if previous else None,
        "branch": revision.branch,
        "source_title": revision.source_title,
        "source_url": revision.source_url,
        "notes": revision.notes,
        "diff_url": (
            links("revision-diff", plan=plan, number=revision.number) if previous else None
        ),
        "clone_url": links("revision-clone", plan=plan, number=revision.number),
        "fingerprint": revision.fingerprint,
        "fingerprint_short": short_fingerprint(revision.fingerprint),
    }


def revision_detail_data(revision, links: Links) -> dict:
    """A revision with its clause versions in draft order, each with its positions: from
    ``revision.contents``, the pairs of rows ``clause_versions_data`` takes (read by
    ``clauses.selectors.api_reads.with_contents``)."""
    data = revision_data(revision, links)
    data["clause_versions"] = clause_versions_data(
        revision.contents, links, plan=revision.plan.slug, number=revision.number
    )
    return data


def clause_data(clause, links: Links) -> dict:
    """A clause with a summary of its version in each revision that holds it."""
    plan = clause.plan.slug
    return {
        "url": links.clause(plan, clause.slug),
        "version": clause.version,
        "plan": plan,
        "plan_url": links.plan(plan),
        "slug": clause.slug,
        "title": clause.title,
        "topic": clause.topic,
        "description": clause.description,
        "history_url": links("clause-history", plan=plan, clause=clause.slug),
        "versions": [
            clause_version_summary_data(version, links, plan, clause.slug)
            for version in clause.versions.all()
        ],
    }


def clause_detail_data(clause, links: Links) -> dict:
    """A clause with each of its versions in full, positions and all."""
    data = clause_data(clause, links)
    data["versions"] = [clause_version_data(version, links) for version in clause.versions.all()]
    return data


def plan_data(plan, links: Links) -> dict:
    """A plan, annotated with ``revision_count`` and ``latest_revision_number``."""
    latest = plan.latest_revision_number
    return {
        "url": links.plan(plan.slug),
        "version": plan.version,
        "slug": plan.slug,
        "title": plan.title,
        "description": plan.description,
        "revision_count": plan.revision_count,
        "latest_revision": latest,
        "latest_revision_url": links.revision(plan.slug, latest) if latest else None,
        "revisions_url": links("revision-list", plan=plan.slug),
        "clauses_url": links("clause-list", plan=plan.slug),
        "positions_url": f"{links('position-list')}?plan={plan.slug}",
    }


def history_entry_data(entry, links: Links | None = None) -> dict:
    """One entry of ``clauses.selectors.clause_edit_history``; it links to nothing."""
    return {
        "history_id": entry.history_id,
        "date": entry.date.isoformat(),
        "user": entry.user,
        "type": entry.type,
        "object": entry.object,
        "revision": entry.revision,
        "party": entry.party,
        "party_name": entry.party_name,
        "changed_fields": list(entry.changed_fields),
        "changed_labels": list(entry.changed_labels),
        "summary": entry.summary,
    }


def flat_position_data(data: dict) -> dict:
    """A position's API data (``positions_data``) as one flat row, for CSV: the stance's
    name, label and value side by side."""
    stance = data["stance"]
    flat = {**data, "stance": stance["name"]}
    flat["stance_label"] = stance["label"]
    flat["stance_value"] = stance["value"]
    return flat
