"""What a downloaded table holds: one flat row per position or per change, with stable
column names, for the pages' CSV and JSON exports (clauses/views/exports.py,
comparison/party_exports.py); core/exports.py writes the rows out.

A downloaded table cites the site's pages (``PageLinks``), which a reader opens, not the
API's. Dates are ISO 8601; a stance reads as its name, its label and its ordinal value,
as in the API (clauses/representations.py).
"""

from collections.abc import Iterable

from clauses.vocabularies import ORDINAL, STANCE_LABELS


def iso_date(value):
    return value.isoformat() if value is not None else None


# What an exported position is built from, as ``.values_list()`` names it, in row order.
EXPORT_POSITION_FIELDS = (
    "clause_version__revision__plan__slug",
    "clause_version__revision__plan__title",
    "clause_version__revision__number",
    "clause_version__revision__label",
    "clause_version__clause__slug",
    "clause_version__clause__title",
    "clause_version__clause__topic",
    "clause_version__number",
    "clause_version__status",
    "party__slug",
    "party__name",
    "stance",
    "summary",
    "quote",
    "source_title",
    "source_url",
    "stated_on",
    "carried_over",
    "demand",
)

EXPORT_POSITION_COLUMNS = (
    "plan",
    "plan_title",
    "revision",
    "revision_label",
    "revision_url",
    "clause",
    "clause_title",
    "topic",
    "clause_number",
    "clause_status",
    "clause_url",
    "clause_version_url",
    "party",
    "party_name",
    "stance",
    "stance_label",
    "stance_value",
    "summary",
    "quote",
    "source_title",
    "source_url",
    "stated_on",
    "carried_over",
    "demand",
)


def export_position_row_of(position, version, revision, plan, party=None) -> tuple:
    """The ``EXPORT_POSITION_FIELDS`` row of a loaded position, or of ``party``'s empty
    place when ``position`` is None (a clause on which it has recorded nothing, as its
    page lists it)."""
    clause = version.clause
    head = (
        plan.slug,
        plan.title,
        revision.number,
        revision.label,
        clause.slug,
        clause.title,
        clause.topic,
        version.number,
        version.status,
    )
    if position is None:
        return (*head, party.slug, party.name, None, "", "", "", "", None, False, "")
    return (
        *head,
        position.party.slug,
        position.party.name,
        position.stance,
        position.summary,
        position.quote,
        position.source_title,
        position.source_url,
        position.stated_on,
        position.carried_over,
        position.demand,
    )


def export_positions_data(rows: Iterable[tuple], pages) -> Iterable[dict]:
    """One flat dict per ``EXPORT_POSITION_FIELDS`` row, keyed by ``EXPORT_POSITION_COLUMNS``;
    a generator, so a streamed export holds one row at a time."""
    revision_url = pages.template("clauses:revision", "plan", "number")
    clause_url = pages.template("clauses:clause", "plan", "clause")
    version_url = pages.template("clauses:clause_version", "plan", "clause", "number")
    for (
        plan,
        plan_title,
        number,
        label,
        clause,
        clause_title,
        topic,
        clause_number,
        status,
        party,
        party_name,
        stance,
        summary,
        quote,
        source_title,
        source_url,
        stated_on,
        carried_over,
        demand,
    ) in rows:
        yield {
            "plan": plan,
            "plan_title": plan_title,
            "revision": number,
            "revision_label": label,
            "revision_url": revision_url.format(plan=plan, number=number),
            "clause": clause,
            "clause_title": clause_title,
            "topic": topic,
            "clause_number": clause_number,
            "clause_status": status,
            "clause_url": clause_url.format(plan=plan, clause=clause),
            "clause_version_url": version_url.format(plan=plan, clause=clause, number=number),
            "party": party,
            "party_name": party_name,
            "stance": stance,
            "stance_label": STANCE_LABELS.get(stance) if stance else None,
            "stance_value": ORDINAL.get(stance) if stance else None,
            "summary": summary,
            "quote": quote,
            "source_title": source_title,
            "source_url": source_url,
            "stated_on": iso_date(stated_on),
            "carried_over": carried_over,
            "demand": demand,
        }


