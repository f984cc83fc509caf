"""The synopsis rows' markup (templates/comparison/_synopsis_rows.jinja): fifty rows of up
to six cells, each with its wording and a stance per party, in Jinja2 for its speed on a
long page; what they show is prepared here as plain data."""

from collections.abc import Sequence

from markupsafe import Markup

from clauses.row_links import number_link, slug_link
from clauses.vocabularies import CLAUSE_STATUS_LABELS, STANCE_LABELS, TOPIC_LABELS
from comparison.synopsis import Row, Synopsis
from core.jinja2 import macros

# A slug the URL patterns accept and no clause has: each column's link to a clause as
# worded there is reversed once, and each row puts its slug in this one's place.
_SLUG = "slug--placeholder--"


def synopsis_rows(rows: Sequence[Row], result: Synopsis, *, plan_slug: str) -> Markup:
    """One table row per clause of ``rows`` (a page of ``result``'s rows)."""
    version = number_link("clauses:clause_version", "number", plan=plan_slug, clause=_SLUG)
    columns = [
        (index + 1, column.number, version(column.number).split(_SLUG))
        for index, column in enumerate(result.columns)
    ]
    stance_words: dict[str | None, str] = {None: "no position"}
    stance_words.update(STANCE_LABELS)
    return macros("comparison/_synopsis_rows.jinja").synopsis_rows(
        rows,
        columns=columns,
        base=result.base.number,
        parties=result.parties,
        clause_url=slug_link("clauses:clause", "clause", plan=plan_slug),
        topics=TOPIC_LABELS,
        statuses=CLAUSE_STATUS_LABELS,
        stances=stance_words,
    )
