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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape

from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime

from .diff import ClauseChange, ClauseDiff, PartyChange
from .selectors import Matrix
from .textdiff import OpKind, TextOp
from .vocabularies import CLAUSE_STATUS_LABELS, STANCE_LABELS, TOPIC_LABELS

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


@functools.cache
def _text_piece(kind: OpKind) -> Slotted:
    op = TextOp(kind, mark_safe(_SLOT.format("text")))  # noqa: S308 - a placeholder
    return Slotted(render_to_string("clauses/_text_diff_piece.html", {"op": op}))


def text_ops(ops: Iterable[TextOp]) -> str:
    """The pieces of ``_text_diff.html``: word-level changes inline, every piece escaped."""
    return "".join(_text_piece(op.kind).fill(text=op.text) for op in ops)


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


@functools.cache
def _text_diff() -> Slotted:
    """``_text_diff.html`` around one placeholder piece, to hold the escaped pieces."""
    pieces = TextOp(OpKind.EQUAL, mark_safe(_SLOT.format("pieces")))  # noqa: S308 - a placeholder
    return Slotted(render_to_string("clauses/_text_diff.html", {"ops": [pieces]}))


def text_diff(ops: Iterable[TextOp]) -> str:
    """``_text_diff.html``: a text with its word-level changes inline."""
    return _text_diff().fill(pieces=mark_safe(text_ops(ops)))  # noqa: S308 - escaped pieces


# The diff and compare pages.


def diff_clauses(
    clauses: Iterable[ClauseDiff],
    *,
    plan_slug: str,
    old_number: int,
    new_number: int,
    old_partial: bool = False,
) -> SafeString:
    """One article per clause of a diff from revision ``old_number`` to ``new_number``:
    what changed in it, its text with the changes inline, and the parties that moved.
    ``old_partial``: the old revision describes only part of its draft, so a position
    missing from it is not described rather than new."""
    clause_url = url_maker("clauses:clause", "clause", plan=plan_slug)
    version_url = url_maker("clauses:clause_version", "clause", plan=plan_slug, number=new_number)
    links = _DiffLinks(
        clause=lambda slug: escape(clause_url(slug)),
        version=lambda slug: escape(version_url(slug)),
        party=url_maker("parties:detail", "party"),
        new_number=new_number,
        old_number=old_number,
        old_partial=old_partial,
        head=(
            '<thead><tr><th scope="col">Party</th><th scope="col">r{old}</th>'
            f'<th scope="col">r{new_number}</th><th scope="col">Moved</th><th scope="col">'
        ).format(old=old_number),
    )
    return mark_safe("".join(_diff_clause(change, links) for change in clauses))  # noqa: S308


@dataclass(frozen=True)
class _DiffLinks:
    clause: Callable[[str], str]
    version: Callable[[str], str]
    party: Callable[[str], str]
    new_number: int
    old_number: int
    old_partial: bool
    head: str  # the party table's header, up to its last column's title
    party_heads: dict[str, str] = field(default_factory=dict)  # by slug: each row's first cell

    def party_head(self, party: PartyChange) -> str:
        """The row header of a party: its name linking to its page (one per party)."""
        head = self.party_heads.get(party.party_slug)
        if head is None:
            head = self.party_heads[party.party_slug] = (
                f'<th scope="row"><a href="{escape(self.party(party.party_slug))}">'
                f"{escape(party.party_name)}</a></th>"
            )
        return head


def _change_label(change: ClauseDiff, links: _DiffLinks) -> str:
    if change.change == ClauseChange.FIRST_DESCRIBED:
        return "first described"
    if change.change == ClauseChange.NOT_DESCRIBED:
        return f"not described in r{links.new_number}"
    return change.change


def _diff_clause(change: ClauseDiff, links: _DiffLinks) -> str:
    """``change``, a ClauseDiff, as an article."""
    kind = escape(change.change)
    slug = escape(change.slug)
    title = escape(change.title)
    if change.number_changed:
        number = (
            f"<del>{escape(change.number_before)}</del> → <ins>{escape(change.number_after)}</ins>"
        )
    else:
        number = escape(change.number)
    meta = [f'<span class="topic">{escape(TOPIC_LABELS.get(change.topic, change.topic))}</span>']
    if change.changed_fields:
        meta.append(f" · changed: {escape(', '.join(change.changed_fields))}")
    if change.status_changed:
        meta.append(
            f' · status <span class="status">{_status(change.status_before)}</span>'
            f' → <span class="status">{_status(change.status_after)}</span>'
        )
    elif change.status_after:
        meta.append(f' · <span class="status">{_status(change.status_after)}</span>')
    if change.change == ClauseChange.FIRST_DESCRIBED:
        meta.append(
            f" · not described in r{links.old_number}, which is partial: whether it was"
            " there is not known"
        )
    elif change.change == ClauseChange.NOT_DESCRIBED:
        meta.append(
            f" · r{links.new_number} is partial and does not describe it: whether it is"
            " still there is not known"
        )
    if change.change not in (ClauseChange.REMOVED, ClauseChange.NOT_DESCRIBED):
        meta.append(
            f' · <a href="{links.version(change.slug)}">as worded in r{links.new_number}</a>'
        )
    meta.append(f' · <a href="?clause={slug}">this clause only</a>')
    parts = [
        f'<article class="diff-clause change-{kind}" id="clause-{slug}">\n'
        '<header class="diff-clause-header">\n'
        f'<h2>\n<span class="clause-number">{number}.</span>\n'
        f'<a href="{links.clause(change.slug)}">{title}</a>\n'
        f'<span class="change-badge change-badge-{kind}">{escape(_change_label(change, links))}'
        "</span>\n</h2>\n"
        f'<p class="meta">\n{"".join(meta)}\n</p>\n</header>\n'
    ]
    if change.change == "unchanged":
        parts.append(
            '<details class="unchanged-text"><summary>Text (unchanged)</summary>'
            f'<p class="clause-text">{escape(change.text.new_text)}</p></details>\n'
        )
    else:
        parts.append(f"{text_diff(change.text.ops)}\n")
        if change.parties:
            parts.append(_diff_parties(change, title, links))
    parts.append("</article>\n")
    return "".join(parts)


def _diff_parties(change: ClauseDiff, title: str, links: _DiffLinks) -> str:
    """The parties whose position on a clause changed; an added or removed clause shows
    them all (a changed clause where none did keeps an empty table)."""
    changed = change.change == "changed"
    parts = [
        f'<div class="table-scroll" role="region" aria-label="Positions on {title}"'
        ' tabindex="0">\n<table class="positions diff-positions">\n'
        f'<caption class="visually-hidden">Positions on {title}</caption>\n'
        f"{links.head}{'What else changed' if changed else 'Summary'}</th></tr></thead>\n"
        "<tbody>\n"
    ]
    for party in change.parties:
        if changed and not party.changed:
            continue
        undescribed = party.before is None and links.old_partial
        parts.append(
            f"<tr>\n{links.party_head(party)}\n"
            f"<td>{_NOT_DESCRIBED if undescribed else stance(party.stance_before)}</td>\n"
            f"<td>{stance(party.stance_after)}"
            f"{' ' + demand_marker() if party.after and party.after.demand else ''}"
            f"{' ' + carried_over() if party.carried_over else ''}"
            f"</td>\n<td>{direction('undescribed') if undescribed else _moved(party)}</td>\n"
            f"<td>{_party_details(party) if changed else _party_summary(party)}</td>\n</tr>\n"
        )
    parts.append("</tbody>\n</table>\n</div>\n")
    return "".join(parts)


def _status(value) -> str:
    return escape(CLAUSE_STATUS_LABELS.get(value, value) or "")


def _moved(party: PartyChange) -> str:
    if party.before is None:
        return direction("new")
    if party.after is None:
        return direction("dropped")
    return direction(party.direction if party.stance_changed else "unchanged")


_NOT_DESCRIBED = '<span class="meta">not described</span>'


def _party_summary(party: PartyChange) -> str:
    """An added or removed clause's position: its summary, demand and evidence, the newer
    one first."""
    position = party.after or party.before
    return escape(position.summary) + _demand(position) + _evidence(position)


def _demand(position) -> str:
    if not position.demand:
        return ""
    return f'<div class="changed-demand">{demand_marker()}: {escape(position.demand)}</div>'


def _evidence(position) -> str:
    """The quote a position rests on, with its source: shown where a stance is stated."""
    if not position.quote:
        return ""
    return (
        f'<blockquote class="position-quote">{escape(position.quote)}</blockquote>'
        f'<div class="meta">source: {source(position.source_title, position.source_url)}</div>'
    )


def _party_details(party: PartyChange) -> str:
    """What changed in a position besides its stance."""
    after = party.after
    parts = []
    if party.summary_changed:
        summary = f"“{escape(after.summary)}”" if after and after.summary else "removed"
        parts.append(f'<div class="changed-summary">summary: {summary}</div>')
    if party.demand_changed:
        parts.append(_demand(after) if after and after.demand else "<div>demand: removed</div>")
    if party.stance_changed and after is not None and after.quote:
        # Where a stance moved, the words it now rests on, so the move can be checked.
        parts.append(_evidence(after))
        return "".join(parts)
    if party.quote_changed:
        parts.append("<div>quote changed</div>")
    if party.source_changed:
        where = source(after.source_title, after.source_url) if after else "removed"
        parts.append(f"<div>source: {where}</div>")
    return "".join(parts)


# The clause page's edit history.


def edit_history_rows(history: Iterable) -> SafeString:
    """The body rows of ``_edit_history.html``'s table, one per ``HistoryEntry``: a long
    negotiation's clause has a created row for each of its versions and their positions,
    hundreds of rows a template loop makes the slowest part of the page. Dates are
    formatted as the ``date`` filter formats them, once per distinct time."""
    dates: dict = {}
    out = []
    for entry in history:
        shown = dates.get(entry.date)
        if shown is None:
            local = template_localtime(entry.date)
            shown = dates[entry.date] = (
                escape(date_filter(local, "c")),
                escape(date_filter(local, "j M Y, H:i")),
            )
        revision = escape(str(entry.revision or "?"))
        if entry.object == "clause":
            what = "the clause"
        elif entry.object == "clause_version":
            what = f"its wording in r{revision}"
        else:
            whose = f"{escape(entry.party_name)}'s" if entry.party_name else "a"
            what = f"{whose} position in r{revision}"
        if entry.changes:
            changes = "".join(
                f"<li>{escape(label)}: <del>{escape(Truncator(old).chars(120))}</del> → "
                f"<ins>{escape(Truncator(new).chars(120))}</ins></li>"
                for label, old, new in entry.changes
            )
            change = f'{escape(entry.type)}:<ul class="history-changes">{changes}</ul>'
        elif entry.changed_labels:
            change = f"{escape(entry.type)}: {', '.join(map(escape, entry.changed_labels))}"
        else:
            change = escape(entry.type)
        out.append(
            f'<tr>\n<td><time datetime="{shown[0]}">{shown[1]}</time></td>\n'
            f"<td>{escape(entry.user) if entry.user else _NOT_RECORDED}</td>\n"
            f'<th scope="row">{what}</th>\n<td>{change}</td>\n'
            f"<td>{escape(entry.summary) if entry.summary else _NONE_GIVEN}</td>\n</tr>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 - every piece of data is escaped above


_NOT_RECORDED = '<span class="meta">not recorded</span>'
_NONE_GIVEN = '<span class="meta">none given</span>'
