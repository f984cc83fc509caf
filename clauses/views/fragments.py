"""The markup the analyst pages repeat hundreds or thousands of times, built in Python.

A large plan's overview has about 5,000 cells and a comparison across many drafts about as
many party rows. Rendered through template includes, each costs dozens of variable lookups,
context pushes and ``{% url %}`` resolutions: seconds per page. Here the same markup is
joined from strings, every piece of data passed through ``html.escape`` (what autoescaping
calls, so hostile text shows as text exactly as it would there), every link built from one
reversed prefix per page. The page templates keep everything around these fragments, and the small
partials shared with other pages (``_stance.html``, ``_direction.html``, ``_source.html``,
``_text_diff.html``) are mirrored by ``stance``, ``direction``, ``source`` and ``text_ops``
below: change them together.
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from ..diff import ClauseDiff, PartyChange
from ..selectors import Matrix, MatrixRow
from ..textdiff import TextOp
from ..vocabularies import CLAUSE_STATUS_LABELS as STATUS_LABELS
from ..vocabularies import STANCE_LABELS, TOPIC_LABELS

# A slug the URL patterns accept and no real slug is: reverse() once with it, then put the
# real slug in its place.
_SLUG = "slug--placeholder--"

CARRIED_OVER = ' <span class="carried">carried over</span>'
CARRIED_TITLE = "Carried over from the revision this one continues; not yet reconfirmed"
GAP_WORDS = {0: "aligned", 1: "close", 2: "apart", 3: "far apart"}
DIRECTIONS = {
    "toward": '<span class="direction direction-toward"><span aria-hidden="true">▲</span>'
    " toward agreement</span>",
    "away": '<span class="direction direction-away"><span aria-hidden="true">▼</span>'
    " away from agreement</span>",
    "unchanged": '<span class="direction direction-unchanged">same stance</span>',
}
UNKNOWN_DIRECTION = '<span class="direction direction-unknown">cannot tell</span>'


def _url_maker(name: str, slug_kwarg: str, **kwargs):
    """A function from a slug to the URL ``name`` reverses to with it (already escaped)."""
    head, tail = reverse(name, kwargs={**kwargs, slug_kwarg: _SLUG}).split(_SLUG)
    head, tail = escape(head), escape(tail)
    return lambda slug: f"{head}{escape(slug)}{tail}"


# Mirrors of the shared partials.


def stance(value, label) -> str:
    """``_stance.html``: a stance in colour and word."""
    if value:
        return f'<span class="stance stance-{escape(value)}">{escape(label)}</span>'
    return '<span class="stance stance-none">no position</span>'


@functools.lru_cache(maxsize=64)
def stored_stance(value) -> str:
    """``stance`` of a stored value with its label; cached: a handful of values, shown in
    thousands of cells."""
    return stance(value, STANCE_LABELS.get(value, value))


def direction(value) -> str:
    """``_direction.html``: where a stance went, in words as well as an arrow."""
    return DIRECTIONS.get(value, UNKNOWN_DIRECTION)


def source(title: str, url: str) -> str:
    """``_source.html``: only web addresses become links, whatever the data holds."""
    if url.lower().startswith(("https://", "http://")):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(title or url)}</a>'
    if title:
        return escape(title)
    return '<span class="meta">no source given</span>'


def text_ops(ops: Iterable[TextOp]) -> str:
    """``_text_diff.html``'s pieces: word-level changes inline, every piece escaped."""
    parts = []
    for op in ops:
        if op.is_insert:
            parts.append(f"<ins>{escape(op.text)}</ins>")
        elif op.is_delete:
            parts.append(f"<del>{escape(op.text)}</del>")
        else:
            parts.append(escape(op.text))
    return "".join(parts)


# The overview matrix.


def gap(value: int | None) -> str:
    """How far apart the parties are on a clause: 0 (aligned) to 4 (supports against red
    line), in words and a meter."""
    if value is None:
        return '<span class="gap gap-none">too few known</span>'
    return (
        f'<span class="gap gap-{value}"><meter min="0" max="4" low="1" high="3" optimum="0"'
        f' value="{value}">{value} of 4</meter> {GAP_WORDS.get(value, "opposed")}'
        f' <span class="gap-number">({value}/4)</span></span>'
    )


def matrix_rows(matrix: Matrix, *, plan_slug: str) -> SafeString:
    """The body rows of the overview matrix: one per clause, one cell per party shown."""
    number = matrix.revision.number
    clause_url = _url_maker("clauses:clause", "clause", plan=plan_slug)
    version_url = _url_maker("clauses:clause_version", "clause", plan=plan_slug, number=number)
    # Per column, what every cell of it repeats.
    columns = [(escape(p.name), escape(p.slug)) for p in matrix.columns]
    carried = f' <span class="carried" title="{CARRIED_TITLE}">carried over</span>'
    out = []
    for row in matrix.rows:
        out.append(_matrix_row(row, clause_url, version_url(row.slug), columns, carried))
    return mark_safe("".join(out))  # noqa: S308 - every piece of data is escaped above


def _matrix_row(row: MatrixRow, clause_url, version_url, columns, carried) -> str:
    parts = [
        f'<tr>\n<td class="col-number">{escape(row.number)}</td>\n'
        f'<th scope="row" class="col-clause"><a href="{clause_url(row.slug)}">'
        f'{escape(row.title)}</a> <span class="topic">{escape(row.topic_label)}</span></th>\n'
        f'<td><span class="status status-{escape(row.status)}">'
        f"{escape(row.status_label)}</span></td>\n"
    ]
    for cell, (name, slug) in zip(row.cells, columns, strict=True):
        if cell.stance is None:
            parts.append(
                '<td class="cell"><span class="stance stance-none"><span aria-hidden="true">'
                f'–</span><span class="visually-hidden">{name}: no position</span></span></td>\n'
            )
        else:
            parts.append(
                f'<td class="cell"><a class="cell-link" href="{version_url}#position-{slug}"'
                f' title="{escape(cell.summary)}"><span class="visually-hidden">{name}: </span>'
                f"{stored_stance(cell.stance)}</a>"
                f"{carried if cell.carried_over else ''}</td>\n"
            )
    parts.append(f'<td class="col-gap">{gap(row.gap)}</td>\n</tr>\n')
    return "".join(parts)


# The diff and compare pages.


def diff_clauses(
    clauses: Iterable[ClauseDiff], *, plan_slug: str, old_number: int, new_number: int
) -> SafeString:
    """One article per clause of a diff from revision ``old_number`` to ``new_number``:
    what changed in it, its text with the changes inline, and the parties that moved."""
    links = _DiffLinks(
        clause=_url_maker("clauses:clause", "clause", plan=plan_slug),
        version=_url_maker("clauses:clause_version", "clause", plan=plan_slug, number=new_number),
        party=_url_maker("parties:detail", "party"),
        new_number=new_number,
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
    head: str  # the party table's header, up to its last column's title
    party_heads: dict[str, str] = field(default_factory=dict)  # by slug: each row's first cell

    def party_head(self, party: PartyChange) -> str:
        """The row header of a party: its name linking to its page (one per party)."""
        head = self.party_heads.get(party.party_slug)
        if head is None:
            head = self.party_heads[party.party_slug] = (
                f'<th scope="row"><a href="{self.party(party.party_slug)}">'
                f"{escape(party.party_name)}</a></th>"
            )
        return head


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
    if change.change != "removed":
        meta.append(
            f' · <a href="{links.version(change.slug)}">as worded in r{links.new_number}</a>'
        )
    parts = [
        f'<article class="diff-clause change-{kind}" id="clause-{slug}">\n'
        '<header class="diff-clause-header">\n'
        f'<h2>\n<span class="clause-number">{number}.</span>\n'
        f'<a href="{links.clause(change.slug)}">{title}</a>\n'
        f'<span class="change-badge change-badge-{kind}">{kind}</span>\n</h2>\n'
        f'<p class="meta">\n{"".join(meta)}\n</p>\n</header>\n'
    ]
    if change.change == "unchanged":
        parts.append(
            '<details class="unchanged-text"><summary>Text (unchanged)</summary>'
            f'<p class="clause-text">{escape(change.text.new_text)}</p></details>\n'
        )
    else:
        parts.append(f'<p class="clause-text diff-text">{text_ops(change.text.ops)}</p>\n')
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
        parts.append(
            f"<tr>\n{links.party_head(party)}\n"
            f"<td>{stored_stance(party.stance_before)}</td>\n"
            f"<td>{stored_stance(party.stance_after)}"
            f"{CARRIED_OVER if party.carried_over else ''}"
            f"</td>\n<td>{_moved(party)}</td>\n"
            f"<td>{_party_details(party) if changed else _party_summary(party)}</td>\n</tr>\n"
        )
    parts.append("</tbody>\n</table>\n</div>\n")
    return "".join(parts)


def _status(value) -> str:
    return escape(STATUS_LABELS.get(value, value) or "")


def _moved(party: PartyChange) -> str:
    if party.before is None:
        return '<span class="direction direction-unknown">new position</span>'
    if party.after is None:
        return '<span class="direction direction-unknown">no longer recorded</span>'
    if party.stance_changed:
        return direction(party.direction)
    return '<span class="direction direction-unchanged">same stance</span>'


def _party_summary(party: PartyChange) -> str:
    """An added or removed clause's position: its summary, the newer one first."""
    after = party.after.summary if party.after else ""
    return escape(after or (party.before.summary if party.before else ""))


def _party_details(party: PartyChange) -> str:
    """What changed in a position besides its stance."""
    after = party.after
    parts = []
    if party.summary_changed:
        summary = f"“{escape(after.summary)}”" if after and after.summary else "removed"
        parts.append(f'<div class="changed-summary">summary: {summary}</div>')
    if party.quote_changed:
        parts.append("<div>quote changed</div>")
    if party.source_changed:
        where = source(after.source_title, after.source_url) if after else "removed"
        parts.append(f"<div>source: {where}</div>")
    return "".join(parts)
