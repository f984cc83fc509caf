"""How each resource reads as plain data: one builder per resource, shared by every reader.

The API's serializers, the positions list's fast path and the API's CSV all take a
resource's data from here, so a field is formatted in one place (the pages' downloads,
flat rows citing the pages, are built in clauses/export_rows.py). Which fields a resource
has, and in what order, is clauses/fields.py's: each builder writes where the resource
stands (its links, its place in the plan), then its declared fields. Links come from the
caller's ``Links`` (absolute, readable URLs), so the same data serves any origin. Dates
are ISO 8601. A stance reads as its name, its label and its ordinal value (null for
``unknown``, which is never 0).

A position is built from a row (``POSITION_FIELDS``, as ``values_list`` names them): a page
of hundreds reads rows rather than model instances, since building six instances per row
(position, party, clause version, clause, revision, plan) costs far more than the query
(see bench/results.md). A position loaded as an instance is turned into the same row first
(``position_row``), so there is one builder whichever way it was read.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from clauses.fields import CLAUSE, CLAUSE_VERSION, PLAN, POSITION, REVISION
from clauses.fingerprints import short as short_fingerprint
from clauses.models import Revision
from clauses.text_languages import Reading, TextOf, reading_of, text_data
from clauses.vocabularies import ORDINAL, STANCE_LABELS, Stance
from core.fields import Declaration
from core.links import Links
from core.tracking import etag_of
from parties.models import Party

# What a position's data is built from, as ``.values_list()`` names it, in row order: its
# id and version, its declared fields, its party, then where it stands (its clause
# version, clause, revision, plan).
POSITION_OWN_FIELDS = ("id", "version", *POSITION.names, "party__slug")
POSITION_FIELDS = (
    *POSITION_OWN_FIELDS,
    "clause_version__number",
    "clause_version__clause__slug",
    "clause_version__revision__number",
    "clause_version__revision__plan__slug",
)
# What a clause version's data is built from (with its revision's number and plan's slug,
# which the caller knows), as ``.values_list()`` names it, in row order: its id and
# version, its clause's slug, title and topic, then its declared fields.
_CLAUSE_VERSION_PLACE = ("id", "version", "clause__slug", "clause__title", "clause__topic")
CLAUSE_VERSION_FIELDS = (*_CLAUSE_VERSION_PLACE, *CLAUSE_VERSION.names)
_CLAUSE_VERSION_VALUES = slice(len(_CLAUSE_VERSION_PLACE), None)
_TEXT = CLAUSE_VERSION_FIELDS.index("text")
_CLAUSE_SLUG = CLAUSE_VERSION_FIELDS.index("clause__slug")
_CLAUSE_NUMBER = CLAUSE_VERSION_FIELDS.index("number")


def stance_fields(declaration: Declaration) -> tuple[str, ...]:
    """The declared fields that hold a stance (read as name, label and value)."""
    return tuple(
        name
        for name in declaration.names
        if declaration.model_field(name).choices == Stance.choices
    )


def flat_names(declaration: Declaration) -> tuple[str, ...]:
    """The declared fields as flat columns (a CSV's): a stance as its name, label and
    value side by side."""
    stances = stance_fields(declaration)
    columns: list[str] = []
    for name in declaration.names:
        columns += [name, f"{name}_label", f"{name}_value"] if name in stances else [name]
    return tuple(columns)


_POSITION_STANCES = stance_fields(POSITION)


def _iso(value):
    return value.isoformat() if value is not None else None


class _Memo(dict):
    """Each distinct value's representation, made once: a page's thousands of rows hold a
    handful of stances and dates."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, value):
        made = self[value] = self.make(value)
        return made


def _declared_data(declaration: Declaration, record) -> dict:
    """A record's declared fields (no relations among them) as plain data."""
    data = dict(zip(declaration.names, declaration.values_getter()(record), strict=True))
    for name in declaration.dates:
        data[name] = _iso(data[name])
    return data


def stance_data(stance: str) -> dict:
    return {
        "name": stance,
        "label": STANCE_LABELS.get(stance, stance),
        "value": ORDINAL.get(stance),
    }


_position_values = POSITION.values_getter()


def position_row(position) -> tuple:
    """The ``POSITION_FIELDS`` row of a position loaded with its relations."""
    version = position.clause_version
    return (
        position.pk,
        position.version,
        *_position_values(position),
        position.party.slug,
        version.number,
        version.clause.slug,
        version.revision.number,
        version.revision.plan.slug,
    )


def positions_data(rows: Iterable[Sequence], links: Links) -> list[dict]:
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
    # Where each declared value that reads as something else lies among a row's declared
    # values, and its representations made so far: a stance's (copied for each row) and
    # a date's.
    stances = [(POSITION.names.index(name), _Memo(stance_data)) for name in _POSITION_STANCES]
    dates = [(POSITION.names.index(name), _Memo(_iso)) for name in POSITION.dates]
    names = POSITION.names
    results = []
    for pk, version, *values, party, clause_number, clause, number, plan in rows:
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
        for index, represented in stances:
            # A copy each: a row's parts are its own, whatever is done with them later.
            values[index] = represented[values[index]].copy()
        for index, represented in dates:
            values[index] = represented[values[index]]
        data = {
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
        }
        data.update(zip(names, values, strict=True))
        results.append(data)
    return results


def position_data(position, links: Links) -> dict:
    """One position loaded with its relations (see ``position_row``)."""
    (data,) = positions_data([position_row(position)], links)
    return data


_clause_version_values = CLAUSE_VERSION.values_getter()


def clause_version_row(version) -> tuple:
    """The ``CLAUSE_VERSION_FIELDS`` row of a clause version loaded with its clause."""
    clause = version.clause
    return (
        version.pk,
        version.version,
        clause.slug,
        clause.title,
        clause.topic,
        *_clause_version_values(version),
    )


def clause_versions_data(
    versions: Iterable[tuple[Sequence, Sequence[Sequence]]],
    links: Links,
    *,
    plan: str,
    number: int,
    language: str = "",
    reading: Reading | None = None,
) -> list[dict]:
    """The data of each clause version of revision ``number`` of ``plan``, from pairs of a
    ``CLAUSE_VERSION_FIELDS`` row and the ``POSITION_OWN_FIELDS`` rows of its positions.

    Built for a whole revision (thousands of positions): the positions of every clause
    version are represented in one ``positions_data`` call, so each kind of link is
    reversed once, and then dealt back to their clause versions in order.

    Each text is in ``language`` (a checked code, "" for the original) with the languages
    it has (``text_data``): read here in one query, unless the caller read them already
    (``reading``, for versions of several revisions).
    """
    versions = list(versions)
    if reading is None:
        reading = reading_of(language, [TextOf(row[0], row[_TEXT]) for row, _ in versions])
    revision_url = links.revision(plan, number)
    clause_url = links.template("clause-detail", "plan", "clause")
    version_url = links.template("clauseversion-detail", "plan", "clause", "number")
    rows = [
        (*own, version[_CLAUSE_NUMBER], version[_CLAUSE_SLUG], number, plan)
        for version, positions in versions
        for own in positions
    ]
    represented = iter(positions_data(rows, links))
    names, values, dates = CLAUSE_VERSION.names, _CLAUSE_VERSION_VALUES, CLAUSE_VERSION.dates
    results = []
    for row, positions in versions:
        pk, version, clause, title, topic = row[: len(_CLAUSE_VERSION_PLACE)]
        data = {
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
        }
        data.update(zip(names, row[values], strict=True))
        for name in dates:
            data[name] = _iso(data[name])
        data.update(text_data(reading, pk, data["text"]))
        data["positions"] = [next(represented) for _ in positions]
        results.append(data)
    return results


def clause_version_data(version, links: Links, reading: Reading | None = None) -> dict:
    """A clause as worded in one revision, with its (prefetched) positions; its text in
    the language a read set on it (``text_language``), else the original."""
    revision = version.revision
    own = [
        position_row(position)[: len(POSITION_OWN_FIELDS)] for position in version.positions.all()
    ]
    (data,) = clause_versions_data(
        [(clause_version_row(version), own)],
        links,
        plan=revision.plan.slug,
        number=revision.number,
        language=getattr(version, "text_language", ""),
        reading=reading,
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


def _related_to_revision(revision, plan: str, links: Links) -> tuple:
    return revision.number, links.revision(plan, revision.number)


def _related_to_party(party, plan: str, links: Links) -> tuple:
    return party.slug, links.party(party.slug)


# How a revision's data names a record one of its fields points to, and links to it: a
# revision of the same plan by its number, a party by its slug.
_RELATED: dict[Any, Callable[[Any, str, Links], tuple]] = {
    Revision: _related_to_revision,
    Party: _related_to_party,
}


def revision_data(revision, links: Links) -> dict:
    """A revision's own fields, each that points to a record followed by that record's
    link (``previous_url``, ``proposed_by_url``: null with it). ``diff_url`` is null for a
    revision that continues none: it has no default diff (see
    ``comparison.selectors.diffs.default_against``)."""
    plan = revision.plan.slug
    previous = revision.previous
    data = {
        "url": links.revision(plan, revision.number),
        "etag": etag_of(revision.pk, revision.version),
        "version": revision.version,
        "plan": plan,
        "plan_url": links.plan(plan),
    }
    for name in REVISION.names:
        field = REVISION.model_field(name)
        value = getattr(revision, name)
        if field.is_relation:
            related = _RELATED[field.related_model]
            data[name], data[f"{name}_url"] = (
                related(value, plan, links) if value is not None else (None, None)
            )
        elif name in REVISION.dates:
            data[name] = _iso(value)
        else:
            data[name] = value
    data["diff_url"] = (
        links("revision-diff", plan=plan, number=revision.number) if previous else None
    )
    data["clone_url"] = links("revision-clone", plan=plan, number=revision.number)
    data["fingerprint"] = revision.fingerprint
    data["fingerprint_short"] = short_fingerprint(revision.fingerprint)
    data["previous_fingerprint"] = revision.previous_fingerprint or None
    return data


def revision_detail_data(revision, links: Links) -> dict:
    """A revision with its clause versions in draft order, each with its positions: from
    ``revision.contents``, the pairs of rows ``clause_versions_data`` takes (read by
    ``clauses.selectors.api_reads.with_contents``)."""
    data = revision_data(revision, links)
    data["clause_versions"] = clause_versions_data(
        revision.contents,
        links,
        plan=revision.plan.slug,
        number=revision.number,
        language=getattr(revision, "text_language", ""),
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
        **_declared_data(CLAUSE, clause),
        "history_url": links("clause-history", plan=plan, clause=clause.slug),
        "versions": [
            clause_version_summary_data(version, links, plan, clause.slug)
            for version in clause.versions.all()
        ],
    }


def clause_detail_data(clause, links: Links) -> dict:
    """A clause with each of its versions in full, positions and all."""
    data = clause_data(clause, links)
    versions = clause.versions.all()
    # The texts of every version in one query, in the language a read set on the clause.
    reading = reading_of(getattr(clause, "text_language", ""), versions)
    data["versions"] = [clause_version_data(version, links, reading) for version in versions]
    return data


def plan_data(plan, links: Links) -> dict:
    """A plan, annotated with ``revision_count`` and ``latest_revision_number``."""
    latest = plan.latest_revision_number
    return {
        "url": links.plan(plan.slug),
        "etag": etag_of(plan.pk, plan.version),
        "version": plan.version,
        **_declared_data(PLAN, plan),
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
    """A position's API data (``positions_data``) as one flat row, for CSV: a stance as its
    name, label and value side by side (``flat_names``)."""
    flat = dict(data)
    for name in _POSITION_STANCES:
        stance = data[name]
        flat[name] = stance["name"]
        flat[f"{name}_label"] = stance["label"]
        flat[f"{name}_value"] = stance["value"]
    return flat
