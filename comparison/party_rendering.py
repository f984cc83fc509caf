"""The rows of a party's page, in Python: a party holds a position on every clause of each
plan's current revision, a thousand rows or more, and a template loop over them costs
several times the rest of the page.

Every piece of shared markup (a stance, a direction, the demand and carried-over markers)
comes from its partial through clauses/rendering.py, rendered once per value; every piece
of data is passed through ``html.escape``.
"""

from html import escape

from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe

from clauses.rendering import carried_over, demand_marker, direction, partial, stance, url_maker
from comparison.diff import ClauseChange

_NO_APART = '<span class="meta">–</span>'
_SAME_STANCE = '<span class="direction direction-unchanged">same stance</span>'
_BADGES = {
    ClauseChange.ADDED: ' <span class="change-badge change-badge-added">new</span>',
    ClauseChange.FIRST_DESCRIBED: (
        ' <span class="change-badge change-badge-first_described">first described</span>'
    ),
}


def party_rows(entry, *, party, since: int | None) -> SafeString:
    """The body rows of one plan's table on ``party``'s page (``entry``, a PartyPlan):
    each clause with the party's stance, how far it stands apart, its stance in revision
    ``since`` if asked, where it moved since the previous revision, its summary, the
    point's number."""
    version_url = url_maker(
        "clauses:clause_version", "clause", plan=entry.plan.slug, number=entry.revision.number
    )
    anchor = f"#position-{escape(party.slug)}"
    previous = entry.previous
    if previous is not None:
        not_before = {
            ClauseChange.ADDED: f'<span class="meta">not in r{previous.number}</span>',
            ClauseChange.FIRST_DESCRIBED: (
                f'<span class="meta">not described in r{previous.number}</span>'
            ),
        }
    aparts: dict[float, str] = {}
    out = []
    for row in entry.rows:
        version, position = row.version, row.position
        clause = version.clause
        change = row.change.change
        cells = [
            '<tr>\n<th scope="row" class="col-clause"><a href="',
            escape(version_url(clause.slug)),
            anchor if position else "",
            '">',
            escape(clause.title),
            "</a>",
            _BADGES.get(change, ""),
            "</th>\n<td>",
        ]
        if position is not None:
            cells.append(stance(position.stance))
            if position.demand:
                cells.append(" " + demand_marker())
            if position.carried_over:
                cells.append(" " + carried_over())
        else:
            cells.append(stance(None))
        apart = row.apart
        if apart is None:
            shown = _NO_APART
        else:
            shown = aparts.get(apart)
            if shown is None:
                shown = aparts[apart] = floatformat(apart, 1)
        cells += ['</td>\n<td class="apart">', shown, "</td>\n"]
        if since:
            value = row.since or ""
            cells += ["<td>", partial("_stance", stance=value, label=value), "</td>\n"]
        if previous is not None:
            movement = row.movement
            before = not_before.get(change)
            if before is None:
                before = stance(movement.stance_before if movement else None)
            if change in not_before:
                moved = ""
            elif movement is not None and movement.stance_changed:
                moved = direction(movement.direction)
            else:
                moved = _SAME_STANCE
            cells += ["<td>", before, "</td>\n<td>", moved, "</td>\n"]
        cells.append("<td>")
        if position is not None:
            cells.append(escape(position.summary))
            if position.demand:
                cells += ['<br><span class="meta">Demands: ', escape(position.demand), "</span>"]
        cells += ["</td>\n<td>", escape(version.number), "</td>\n</tr>\n"]
        out.append("".join(cells))
    return mark_safe("".join(out))  # noqa: S308 - every piece of data is escaped above
