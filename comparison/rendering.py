"""The markup of the comparison pages that repeats for every clause and party: the diff's
clause articles, text diffs, a clause's edit history. Built from the kept partials of
clauses/rendering.py (see there why)."""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape

from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime

from clauses.rendering import (
    _SLOT,
    Slotted,
    carried_over,
    demand_marker,
    direction,
    source,
    stance,
    url_maker,
)
from clauses.vocabularies import CLAUSE_STATUS_LABELS, TOPIC_LABELS
from comparison.diff import ClauseChange, ClauseDiff, PartyChange
from comparison.textdiff import OpKind, TextOp


@functools.cache
def _text_piece(kind: OpKind) -> Slotted:
    op = TextOp(kind, mark_safe(_SLOT.format("text")))  # noqa: S308 - a placeholder
    return Slotted(render_to_string("clauses/_text_diff_piece.html", {"op": op}))


def text_ops(ops: Iterable[TextOp]) -> str:
    """The pieces of ``_text_diff.html``: word-level changes inline, every piece escaped."""
    return "".join(_text_piece(op.kind).fill(text=op.text) for op in ops)


@functools.cache
def _text_diff() -> Slotted:
    """``_text_diff.html`` around one placeholder piece, to hold the escaped pieces."""
    pieces = TextOp(OpKind.EQUAL, mark_safe(_SLOT.format("pieces")))  # noqa: S308 - a placeholder
    return Slotted(render_to_string("clauses/_text_diff.html", {"ops": [pieces]}))


def text_diff(ops: Iterable[TextOp]) -> str:
    """``_text_diff.html``: a text with its word-level changes inline."""
    return _text_diff().fill(pieces=mark_safe(text_ops(ops)))  # noqa: S308 - escaped pieces


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
