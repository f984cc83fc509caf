"""What a downloaded table holds: one flat row per position or per change, with stable
column names, for the pages' CSV and JSON exports (clauses/views/exports.py,
parties/exports.py); clauses/exports.py writes the rows out.

A downloaded table cites the site's pages (``PageLinks``), which a reader opens, not the
API's. Dates are ISO 8601; a stance reads as its name, its label and its ordinal value,
as in the API (clauses/representations.py).
"""

from collections.abc import Iterable

from .vocabularies import ORDINAL, STANCE_LABELS


def _iso(value):
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
            "stated_on": _iso(stated_on),
            "carried_over": carried_over,
            "demand": demand,
        }


EXPORT_CHANGE_COLUMNS = (
    "plan",
    "old_revision",
    "new_revision",
    "diff_url",
    "clause",
    "clause_title",
    "topic",
    "change",
    "changed_fields",
    "number_before",
    "number_after",
    "status_before",
    "status_after",
    "gap_before",
    "gap_after",
    "convergence",
    "clause_url",
    "clause_version_url",
    "party",
    "party_name",
    "stance_before",
    "stance_before_value",
    "stance_after",
    "stance_after_value",
    "direction",
    "stance_changed",
    "summary",
    "quote",
    "source_title",
    "source_url",
    "stated_on",
)


def export_changes_data(
    clauses: Iterable, *, plan: str, old: int, new: int, diff_url: str, pages
) -> Iterable[dict]:
    """One flat dict per party of each ``ClauseDiff`` (one with no party for a clause no
    party holds a position on), keyed by ``EXPORT_CHANGE_COLUMNS``. Summary, quote and
    source are the position's in the newer revision, or the older one's if it is gone."""
    clause_url = pages.template("clauses:clause", "plan", "clause")
    version_url = pages.template("clauses:clause_version", "plan", "clause", "number")
    for change in clauses:
        number = old if change.change == "removed" else new
        head = {
            "plan": plan,
            "old_revision": old,
            "new_revision": new,
            "diff_url": diff_url,
            "clause": change.slug,
            "clause_title": change.title,
            "topic": str(change.topic),
            "change": str(change.change),
            "changed_fields": " ".join(str(name) for name in change.changed_fields),
            "number_before": change.number_before,
            "number_after": change.number_after,
            "status_before": change.status_before and str(change.status_before),
            "status_after": change.status_after and str(change.status_after),
            "gap_before": change.gap_before,
            "gap_after": change.gap_after,
            "convergence": str(change.convergence),
            "clause_url": clause_url.format(plan=plan, clause=change.slug),
            "clause_version_url": version_url.format(plan=plan, clause=change.slug, number=number),
        }
        if not change.parties:
            yield head
        for party in change.parties:
            held = party.after or party.before
            yield {
                **head,
                "party": party.party_slug,
                "party_name": party.party_name,
                "stance_before": party.stance_before and str(party.stance_before),
                "stance_before_value": party.value_before,
                "stance_after": party.stance_after and str(party.stance_after),
                "stance_after_value": party.value_after,
                "direction": str(party.direction),
                "stance_changed": party.stance_changed,
                "summary": held.summary if held else None,
                "quote": held.quote if held else None,
                "source_title": held.source_title if held else None,
                "source_url": held.source_url if held else None,
                "stated_on": _iso(held.stated_on) if held else None,
            }
