"""The synopsis as data (see core/downloads.py): exactly the rows the page's choices select
(every page of them), wide or long.

- ``?format=csv`` (``shape=wide``, the default): one row per clause, with a group of
  columns per picked column (``r<n>_cell``, ``r<n>_number``, ``r<n>_status``,
  ``r<n>_text``, ``r<n>_language``, ``r<n>_text_kind``, ``r<n>_stale``, ``r<n>_differs``,
  ``r<n>_lineage``, then ``r<n>_<party>``, the party's stance there); a column shown in a
  language is named with it: ``r<n>_uk_text``;
- ``?format=csv&shape=long``: one row per clause and column, the stances as
  ``stance_<party>`` columns.

Each group says the language of its texts (``language``) and whether a text is the
original, a translation (``official``, ``unofficial``) or the original where the column
asks a translation there is none of (``missing``).
"""

from django.http import Http404

from clauses.models import Plan
from clauses.selectors import plan_get, revisions_of
from clauses.views.plans import NO_SUCH_PLAN
from comparison import synopsis as pure
from comparison.selectors.synopsis import revision_infos, synopsis_of
from comparison.synopsis_filters import SynopsisFilterForm
from comparison.views.synopsis import chosen
from core.downloads import BadExport, Table, filter_name, filters_of, page_url
from core.links import PageLinks
from translations.selectors import original_language

WIDE = "wide"
LONG = "long"
SHAPES = (WIDE, LONG)
UNKNOWN_SHAPE = "Unknown shape {value!r}: ask for shape=wide or shape=long."

CLAUSE_COLUMNS = (
    "plan",
    "clause",
    "clause_title",
    "topic",
    "clause_url",
    "differs",
    "same",
    "only_one",
    "parties_differ",
)
CELL_COLUMNS = (
    "cell",
    "number",
    "status",
    "text",
    "language",
    "text_kind",
    "stale",
    "differs",
    "lineage",
)
LONG_COLUMNS = (
    "plan",
    "clause",
    "clause_title",
    "topic",
    "revision",
    "column",
    "revision_label",
    "line",
    "coverage",
    "base",
    "is_base",
    *CELL_COLUMNS,
    "clause_version_url",
)


def synopsis_table(request, plan) -> Table:
    """The synopsis the page shows, as a table (the plan, its revisions, then
    ``synopsis_of``'s queries; no quotes)."""
    try:
        found = plan_get(plan)
    except Plan.DoesNotExist:
        raise Http404(NO_SUCH_PLAN) from None
    shape = request.GET.get("shape") or WIDE
    if shape not in SHAPES:
        raise BadExport(UNKNOWN_SHAPE.format(value=shape))
    infos = revision_infos(list(revisions_of(plan=found)))
    try:
        picks, base = chosen(request, found, infos)
    except pure.SynopsisRefused as refused:
        raise BadExport(f"{refused.field}: {refused}") from None
    result = synopsis_of(plan=found, revisions=infos, picks=picks, base=base)
    keys = [pick.key for pick in picks]
    form = SynopsisFilterForm(request.GET, parties=result.parties)
    filters = filters_of(form)
    rows = form.apply(result.rows)
    meta = {
        "plan": found.slug,
        "plan_title": found.title,
        "view": "synopsis",
        "shape": shape,
        "revisions": [pick.number for pick in picks],
        "base": result.base.number,
        # Each column's language, in column order: the original's code where not translated.
        "languages": [column.language or original_language() for column in result.columns],
        "filters": filters,
        "page_url": page_url(request),
    }
    pages = PageLinks(request)
    name = (
        found.slug,
        "-".join(f"r{key.replace(':', '-')}" for key in keys),
        "synopsis",
        *([] if shape == WIDE else [LONG]),
        *filter_name(filters),
    )
    parties = [party.slug for party in result.parties]
    if shape == WIDE:
        columns = (
            *CLAUSE_COLUMNS,
            *(
                f"{_prefix(column)}{name}"
                for column in result.columns
                for name in (*CELL_COLUMNS, *parties)
            ),
        )
        return Table(name, meta, columns, _wide(rows, result, found.slug, pages))
    columns = (*LONG_COLUMNS, *(f"stance_{slug}" for slug in parties))
    return Table(name, meta, columns, _long(rows, result, found.slug, pages))


def _prefix(column: pure.RevisionInfo) -> str:
    """A wide table's names for a column's group: r3_, or r3_uk_ in a language."""
    return f"r{column.number}_{column.language}_" if column.language else f"r{column.number}_"


def _cell_values(cell: pure.Cell) -> dict:
    return {
        "cell": str(cell.kind),
        "number": cell.number,
        "status": cell.status,
        "text": cell.text if cell.present else None,
        "language": cell.language if cell.present else None,
        "text_kind": cell.text_kind if cell.present else None,
        "stale": cell.stale,
        "differs": cell.differs,
        "lineage": cell.lineage or None,
    }


def _clause_values(row: pure.Row, plan: str, clause_url: str) -> dict:
    clause = row.clause
    return {
        "plan": plan,
        "clause": clause.slug,
        "clause_title": clause.title,
        "topic": clause.topic,
        "clause_url": clause_url.format(plan=plan, clause=clause.slug),
    }


def _wide(rows, result: pure.Synopsis, plan: str, pages):
    clause_url = pages.template("clauses:clause", "plan", "clause")
    for row in rows:
        data = _clause_values(row, plan, clause_url)
        data.update(
            differs=row.differs,
            same=row.same,
            only_one=row.only_one,
            parties_differ=" ".join(p.slug for p in result.parties if p.slug in row.parties_differ),
        )
        for column, cell in zip(result.columns, row.cells, strict=True):
            prefix = _prefix(column)
            for key, value in _cell_values(cell).items():
                data[prefix + key] = value
            stances = {stated.party_slug: stated.stance for stated in cell.stances}
            for party in result.parties:
                data[prefix + party.slug] = stances.get(party.slug)
        yield data


def _long(rows, result: pure.Synopsis, plan: str, pages):
    clause_url = pages.template("clauses:clause", "plan", "clause")
    version_url = pages.template("clauses:clause_version", "plan", "clause", "number")
    base = result.base.key
    for row in rows:
        head = _clause_values(row, plan, clause_url)
        del head["clause_url"]
        for column, cell in zip(result.columns, row.cells, strict=True):
            data = {
                **head,
                "revision": column.number,
                "column": column.key,
                "revision_label": column.label,
                "line": column.line,
                "coverage": column.coverage,
                "base": base,
                "is_base": column.key == base,
                **_cell_values(cell),
                "clause_version_url": version_url.format(
                    plan=plan, clause=row.clause.slug, number=column.number
                )
                if cell.present
                else None,
            }
            stances = {stated.party_slug: stated.stance for stated in cell.stances}
            for party in result.parties:
                data[f"stance_{party.slug}"] = stances.get(party.slug)
            yield data
