"""The markup the analyst pages repeat hundreds or thousands of times, from template
partials rendered once and kept.

A large plan's overview has about 5,000 cells and a comparison across many drafts about as
many party rows: rendered through ``{% include %}``, each costs dozens of variable lookups
and context pushes, too slow for those pages (see ``bench/results.md``). So each partial in
``templates/clauses/_*.html`` stays the only source of its markup, but is rendered through the
template engine once per process:

- a partial that depends only on a few values (a stance pill per stance, a direction arrow,
  the carried-over marker, the gap meter per gap) once per value, by ``partial``;
- a partial that holds free text (a matrix cell, a source link, a piece of a text diff) once
  per value of its finite context, with a placeholder in each free-text slot, by ``slotted``;
  the page then fills the slots with data passed through ``html.escape``, which is what
  autoescaping calls, so hostile text shows exactly as it would through the template.

Only the loops over rows are Python, and the skeleton of the diff's clause articles, which
no other page shows; the pieces they share with other pages (stance, direction, carried-over
marker, source, text diff) come from the partials. Templates are read once per process: a
change to one of these partials shows after a restart.
"""

import functools
import re
from collections.abc import Callable
from html import escape

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeData, SafeString, mark_safe

from clauses.selectors import Matrix
from clauses.vocabularies import STANCE_LABELS

# A slug the URL patterns accept and no real slug is: reverse() once with it, then put the
# real slug in its place.
_SLUG = "slug--placeholder--"

# What a slot holds while its partial is rendered: autoescaping leaves it as it is, and it is
# looked for only in the rendered markup, never in data, so data that holds it stays text.
_SLOT = "\x00slot:{}\x00"
_SLOT_PATTERN = re.compile("\x00slot:(\\w+)\x00")


# Rendering partials once.


@functools.cache
def _rendered(name: str, context: tuple) -> str:
    return render_to_string(f"clauses/{name}.html", dict(context))


def partial(name: str, **context) -> str:
    """``templates/clauses/{name}.html`` rendered with ``context`` (hashable values), once
    per process and context."""
    return _rendered(name, tuple(sorted(context.items())))


class Slotted:
    """A partial rendered with a placeholder in each free-text slot, to be filled per use."""

    def __init__(self, html: str):
        pieces = _SLOT_PATTERN.split(html)
        self.literals = pieces[0::2]
        self.order = tuple(pieces[1::2])  # the slots, in the order the markup holds them
        if len(set(self.order)) != len(self.order):
            raise ValueError(f"A slot appears twice in {html!r}: fill it through a variable.")
        # A %-format string: the markup's own percent signs doubled, each slot a %s.
        self._percent = "%s".join(literal.replace("%", "%%") for literal in self.literals)

    def fill(self, **values) -> str:
        """The markup with each slot holding its value, escaped unless marked safe."""
        return self._percent % tuple(
            v if isinstance(v, SafeData) else escape(str(v))
            for v in (values[slot] for slot in self.order)
        )

    def filler(self, *slots: str) -> Callable[[tuple], str]:
        """For a hot loop: a function from a tuple of values, already escaped, for ``slots``
        in this order, to the markup."""
        if sorted(slots) != sorted(self.order):
            raise ValueError(f"The slots are {self.order}, not {slots}.")
        if slots == self.order:
            return self._percent.__mod__
        positions = [slots.index(slot) for slot in self.order]
        return lambda values: self._percent % tuple(values[i] for i in positions)


@functools.cache
def _slotted(name: str, slots: tuple, context: tuple) -> Slotted:
    placeholders = {slot: mark_safe(_SLOT.format(slot)) for slot in slots}  # noqa: S308
    return Slotted(render_to_string(f"clauses/{name}.html", {**dict(context), **placeholders}))


def slotted(name: str, *slots: str, **context) -> Slotted:
    """``templates/clauses/{name}.html`` rendered with ``context`` (hashable values) and a
    placeholder for each of ``slots``, once per process and context."""
    return _slotted(name, slots, tuple(sorted(context.items())))


def url_maker(name: str, slug_kwarg: str, **kwargs) -> Callable[[str], str]:
    """A function from a slug to the URL ``name`` reverses to with it (not escaped)."""
    head, tail = reverse(name, kwargs={**kwargs, slug_kwarg: _SLUG}).split(_SLUG)
    return lambda slug: f"{head}{slug}{tail}"


# A number the URL patterns accept in a revision number's place: in the reversed URL, its
# last occurrence is the number's place (slugs come before it).
_NUMBER = 2_147_483_647


def _number_url_maker(name: str, number_kwarg: str, **kwargs) -> Callable[[int], str]:
    """A function from a revision number to the URL ``name`` reverses to with it."""
    head, tail = reverse(name, kwargs={**kwargs, number_kwarg: _NUMBER}).rsplit(str(_NUMBER), 1)
    return lambda number: f"{head}{number}{tail}"


# The shared partials.


def stance(value) -> str:
    """``_stance.html`` for a stored stance (None or "" for no position)."""
    return partial("_stance", stance=value or "", label=STANCE_LABELS.get(value, value) or "")


def direction(value) -> str:
    """``_direction.html``: where a stance went ("toward", "away", "unchanged", "new",
    "dropped"; anything else cannot be told)."""
    return partial("_direction", direction=value)


def carried_over() -> str:
    """``_carried.html``: the marker of a position carried over from the revision before."""
    return partial("_carried")


def demand_marker() -> str:
    """``_demand.html``: the marker of a position that demands more than the clause."""
    return partial("_demand")


def gap(value: int | None) -> str:
    """``_gap.html``: how far apart the parties are on a clause."""
    return partial("_gap", gap=value)


def source(title: str, url: str) -> str:
    """``_source.html``: only web addresses become links, whatever the data holds."""
    url = url or ""
    if url.lower().startswith(("https://", "http://")):
        return slotted("_source_link", "url", "title").fill(url=url, title=title or url)
    if title:
        return escape(title)
    return partial("_source", title="", url="")


# The clause page.


def stance_step(stance_value, changed: bool) -> Slotted:
    """``_stance_step.html`` for one stance and mark, with slots for the link and the
    revision's name."""
    value = stance_value or ""
    return slotted(
        "_stance_step",
        "href",
        "revision",
        stance=value,
        label=STANCE_LABELS.get(value, value) or "",
        changed=changed,
    )


def stance_steps(steps, numbers, *, plan_slug: str, clause_slug: str, party_slug: str) -> str:
    """A party's stance timeline on a clause: ``steps`` are (position, changed) pairs and
    ``numbers`` their revisions' numbers, both latest first."""
    anchor = f"#position-{party_slug}"
    version_url = _number_url_maker(
        "clauses:clause_version", "number", plan=plan_slug, clause=clause_slug
    )
    out = []
    for (position, changed), number in zip(steps, numbers, strict=True):
        href = version_url(number)
        stance_value = position.stance if position is not None else None
        out.append(
            stance_step(stance_value, changed).fill(href=href + anchor, revision=f"r{number}")
        )
    return "".join(out)


# The overview matrix.


_MATRIX_CELL_SLOTS = ("href", "summary", "party_name")


def _matrix_cell(
    stance_value: str, carried: bool, quoted: bool = False, demand: bool = False
) -> Slotted:
    return slotted(
        "_matrix_cell",
        *_MATRIX_CELL_SLOTS,
        *(("quote",) if quoted else ()),
        stance=stance_value,
        label=STANCE_LABELS.get(stance_value, stance_value),
        carried_over=carried,
        quoted=quoted,
        demand=demand,
    )


_MATRIX_ROW_SLOTS = (
    "number",
    "clause_url",
    "title",
    "topic_label",
    "status",
    "status_label",
    "cells",
)


def pair_gap(value: int | None) -> str:
    """``_matrix_pair_cell.html``: how far apart the two chosen parties are on a clause."""
    return partial("_matrix_pair_cell", gap=value)


def matrix_rows(matrix: Matrix, *, plan_slug: str, rows=None) -> SafeString:
    """The body rows of the overview matrix: one per clause of ``rows`` (the matrix's own
    when not given: a page of them), one cell per party shown, and the two chosen parties'
    distance after their cells when two are chosen.

    The hot loop of the overview: each row's and cell's partial is looked up in a dict and
    filled with data escaped here."""
    number = matrix.revision.number
    clause_url = url_maker("clauses:clause", "clause", plan=plan_slug)
    version_url = url_maker("clauses:clause_version", "clause", plan=plan_slug, number=number)
    empty = slotted("_matrix_cell_empty", "party_name")
    # Per column: its party's name, escaped, the anchor of its positions, its empty cell.
    columns = [
        (escape(p.name), escape(f"#position-{p.slug}"), empty.fill(party_name=p.name))
        for p in matrix.columns
    ]
    cells = {}
    row_fillers = {}
    out = []
    pair_after = 2 if matrix.other is not None else None
    for row in matrix.rows if rows is None else rows:
        href = escape(version_url(row.slug))
        row_cells = []
        for cell, (name, anchor, no_position) in zip(row.cells, columns, strict=True):
            if cell.stance is None:
                row_cells.append(no_position)
                continue
            quote = cell.quote
            key = (cell.stance, cell.carried_over, bool(quote), bool(cell.demand))
            fill = cells.get(key)
            if fill is None:
                slots = (*_MATRIX_CELL_SLOTS, "quote") if quote else _MATRIX_CELL_SLOTS
                fill = cells[key] = _matrix_cell(*key).filler(*slots)
            values = (href + anchor, escape(cell.summary), name)
            row_cells.append(fill((*values, escape(quote)) if quote else values))
        if pair_after is not None:
            row_cells.insert(pair_after, pair_gap(matrix.pair_gap(row)))
        fill = row_fillers.get(row.gap)
        if fill is None:
            row_partial = slotted("_matrix_row", *_MATRIX_ROW_SLOTS, gap=row.gap)
            fill = row_fillers[row.gap] = row_partial.filler(*_MATRIX_ROW_SLOTS)
        out.append(
            fill(
                (
                    escape(row.number),
                    escape(clause_url(row.slug)),
                    escape(row.title),
                    escape(row.topic_label),
                    escape(row.status),
                    escape(row.status_label),
                    "".join(row_cells),
                )
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - every piece of data is escaped above


# The diff and compare pages.


# The clause page's edit history.


