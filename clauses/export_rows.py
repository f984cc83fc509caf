"""What a downloaded table holds: one flat row per position or per change, with stable
column names, for the pages' CSV and JSON exports (clauses/exports.py,
comparison/exports.py); core/exports.py writes the rows out.

A downloaded table cites the site's pages (``PageLinks``), which a reader opens, not the
API's. Dates are ISO 8601; a stance reads as its name, its label and its ordinal value,
as in the API (clauses/representations.py). A position's columns are where it stands
(its plan, revision, clause and party, with links to their pages), then its fields as
clauses/fields.py declares them, then the date of the source it cites.
"""

from collections.abc import Iterable, Sequence

from clauses.fields import POSITION
from clauses.representations import flat_names, stance_fields
from clauses.text_languages import ShownText
from clauses.vocabularies import ORDINAL, STANCE_LABELS


def iso_date(value):
    return value.isoformat() if value is not None else None


# Where an exported position stands: each column read from the row, and the
# ``.values_list()`` name it is read as, in row order.
_PLACE = (
    ("plan", "clause_version__revision__plan__slug"),
    ("plan_title", "clause_version__revision__plan__title"),
    ("revision", "clause_version__revision__number"),
    ("revision_label", "clause_version__revision__label"),
    ("clause", "clause_version__clause__slug"),
    ("clause_title", "clause_version__clause__title"),
    ("topic", "clause_version__clause__topic"),
    ("clause_number", "clause_version__number"),
    ("clause_status", "clause_version__status"),
    ("party", "party__slug"),
    ("party_name", "party__name"),
)

# What a position cites, beyond its own fields: its recorded source's date, so that an
# exported quote can be dated and found without another download.
_CITED = (
    ("source_published_on", "source__published_on"),
    ("source_published_on_precision", "source__published_on_precision"),
)

# What an exported position is built from, as ``.values_list()`` names it, in row order.
EXPORT_POSITION_FIELDS = (
    *(lookup for _, lookup in _PLACE),
    *POSITION.names,
    *(lookup for _, lookup in _CITED),
)
# The column each value of such a row fills.
_ROW_COLUMNS = (
    *(column for column, _ in _PLACE),
    *POSITION.names,
    *(column for column, _ in _CITED),
)
_DATES = (*POSITION.dates, "source_published_on")

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
    *flat_names(POSITION),
    *(column for column, _ in _CITED),
)

_PLAN, _NUMBER, _CLAUSE = (_ROW_COLUMNS.index(column) for column in ("plan", "revision", "clause"))
_STANCES = stance_fields(POSITION)
_position_values = POSITION.values_getter()
_ABSENT = POSITION.absent()


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
        return (*head, party.slug, party.name, *_ABSENT, None, None)
    source = position.source  # joined by the caller's query
    cited = (source.published_on, source.published_on_precision) if source else (None, None)
    return (
        *head,
        position.party.slug,
        position.party.name,
        *_position_values(position),
        *cited,
    )


def export_positions_data(rows: Iterable[Sequence], pages) -> Iterable[dict]:
    """One flat dict per ``EXPORT_POSITION_FIELDS`` row, keyed by ``EXPORT_POSITION_COLUMNS``
    in that order; a generator, so a streamed export holds one row at a time."""
    revision_url = pages.template("clauses:revision", "plan", "number")
    clause_url = pages.template("clauses:clause", "plan", "clause")
    version_url = pages.template("clauses:clause_version", "plan", "clause", "number")
    # Every row's columns in order, filled in from the row's values and links; a stance's
    # label and value stay empty with it, in a party's empty place.
    empty = dict.fromkeys(EXPORT_POSITION_COLUMNS)
    columns, dates = _ROW_COLUMNS, _DATES
    stances = [(name, f"{name}_label", f"{name}_value") for name in _STANCES]
    for row in rows:
        plan, number, clause = row[_PLAN], row[_NUMBER], row[_CLAUSE]
        data = empty.copy()
        data.update(zip(columns, row, strict=True))
        data["revision_url"] = revision_url.format(plan=plan, number=number)
        data["clause_url"] = clause_url.format(plan=plan, clause=clause)
        data["clause_version_url"] = version_url.format(plan=plan, clause=clause, number=number)
        for name, label, value in stances:
            stance = data[name]
            if stance:
                data[label] = STANCE_LABELS.get(stance)
                data[value] = ORDINAL.get(stance)
        for name in dates:
            date = data[name]
            if date is not None:
                data[name] = date.isoformat()
        yield data


# The overview's measures, added to its export when its order or its choice of two parties
# uses them: the gap between every party's stance, and the two chosen parties' distance.
GAP_COLUMN = "gap"
DISAGREEMENT_COLUMN = "disagreement"


def with_measures(
    data: Iterable[dict], measures: dict[str, dict[str, int | None]]
) -> Iterable[dict]:
    """Each exported position of ``data`` with its clause's measures (by column name, then
    by clause slug) added as columns after the position's own."""
    for row in data:
        clause = row["clause"]
        for column, by_clause in measures.items():
            row[column] = by_clause.get(clause)
        yield row


# A clause's text in the language an export was asked in (``?lang=``): the text, the
# language it is in, and what it is (docs/data.md, "Clause texts in a language").
TEXT_COLUMNS = ("clause_text", "text_language", "translation_status", "translation_stale")


def with_texts(data: Iterable[dict], texts: dict[str, ShownText]) -> Iterable[dict]:
    """Each exported row of ``data`` with its clause's text (``texts``, by clause slug) in
    ``TEXT_COLUMNS``: ``translation_status`` is ``original`` (the original was asked for),
    ``official`` or ``unofficial`` (a translation), or ``missing`` (none in the language
    asked: the original); ``translation_stale`` a translation of an older wording."""
    for row in data:
        shown = texts.get(row["clause"])
        if shown is not None:
            row["clause_text"] = shown.text
            row["text_language"] = shown.language
            row["translation_status"] = shown.kind
            row["translation_stale"] = shown.stale
        yield row
