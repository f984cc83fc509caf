"""The synopsis rows' markup (templates/comparison/_synopsis_rows.jinja): fifty rows of up
to six cells, each with its wording and a stance per party, in Jinja2 for its speed on a
long page; what they show is prepared here as plain data. A cell's stances (ten parties in
six columns on fifty rows) are written here: the same few spans repeat, so each is escaped
once per page, and only quotes are escaped per stance."""

from collections.abc import Callable, Sequence

from django.utils.translation import gettext
from markupsafe import Markup

from clauses.row_links import number_link, slug_link
from clauses.vocabulary_words import CLAUSE_STATUS_WORDS, STANCE_WORDS, TOPIC_WORDS, words_of
from comparison.synopsis import PartyInfo, Row, StanceCell, Synopsis
from core.jinja2 import macros
from translations.languages import direction

# A slug the URL patterns accept and no clause has: each column's link to a clause as
# worded there is reversed once, and each row puts its slug in this one's place.
_SLUG = "slug--placeholder--"
# As Django escapes (core/jinja2.py's escape_as_django_does): the page's bytes are the same
# whichever engine wrote a part of it.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _escaped(value: object) -> str:
    return str(value).translate(_ESCAPES)


def stance_spans(
    parties: Sequence[PartyInfo], words: dict[str | None, str], base_name: str
) -> Callable[[Sequence[StanceCell]], Markup]:
    """A function from a cell's stances to their spans, one per party in party order:
    ringed where not as in the base column (``base_name``, as "r1"), titled with the
    party's quote."""
    made: dict[tuple[int, str | None, bool], tuple[str, str]] = {}
    unlike_base = gettext(", not as in %(base)s") % {"base": _escaped(base_name)}

    def span(index: int, stated: StanceCell) -> tuple[str, str]:
        key = (index, stated.stance, stated.differs)
        found = made.get(key)
        if found is None:
            party = parties[index]
            name = _escaped(party.name)
            said = _escaped(words.get(stated.stance, stated.stance or ""))
            ring = " ring" if stated.differs else ""
            unlike = unlike_base if stated.differs else ""
            found = made[key] = (
                f'<span class="stance stance-{_escaped(stated.stance or "none")}{ring}" '
                f'role="img" aria-label="{name}: {said}{unlike}" title="{name}: {said}',
                f'">{_escaped(party.short_name)}</span>',
            )
        return found

    def spans(stances: Sequence[StanceCell]) -> Markup:
        parts = []
        for index, stated in enumerate(stances):
            head, tail = span(index, stated)
            parts.append(head)
            if stated.quote:
                parts.append(f": “{_escaped(stated.quote)}”")
            parts.append(tail)
        return Markup("".join(parts))  # noqa: S704 -- every value escaped above

    return spans


def synopsis_rows(rows: Sequence[Row], result: Synopsis, *, plan_slug: str) -> Markup:
    """One table row per clause of ``rows`` (a page of ``result``'s rows)."""
    version = number_link("clauses:clause_version", "number", plan=plan_slug, clause=_SLUG)
    columns = [
        (
            index + 1,
            column.number,
            version(column.number).split(_SLUG),
            index == result.base_index,
            column,
        )
        for index, column in enumerate(result.columns)
    ]
    stance_words: dict[str | None, str] = {None: gettext("no position")}
    stance_words.update(words_of(STANCE_WORDS))
    base = result.base
    return macros("comparison/_synopsis_rows.jinja").synopsis_rows(
        rows,
        columns=columns,
        base=base.number,
        clause_url=slug_link("clauses:clause", "clause", plan=plan_slug),
        topics=words_of(TOPIC_WORDS),
        statuses=words_of(CLAUSE_STATUS_WORDS),
        stances=stance_spans(result.parties, stance_words, f"r{base.number}"),
        direction=direction,
    )


def picker_options(options: Sequence[tuple[str, str]]) -> Callable[[str], Markup]:
    """A function from the value picked to a select's options (``options``: value, label),
    each option escaped once however many pickers offer it."""
    made = [
        (value, f'<option value="{_escaped(value)}"', f">{_escaped(label)}</option>")
        for value, label in options
    ]

    def picked(selected: str) -> Markup:
        return Markup(  # noqa: S704 -- every value escaped above
            "".join(
                f"{head} selected{tail}" if value == selected else head + tail
                for value, head, tail in made
            )
        )

    return picked
