"""The rows of a party's page, from templates/comparison/_party_rows.jinja: a party holds a
position on every clause of each plan's current revision, a thousand rows or more, which
Django's template engine renders several times slower than Jinja2 (see core/jinja2.py)."""

from django.template.defaultfilters import floatformat
from markupsafe import Markup

from clauses.pieces import direction_pieces, stance_pieces
from clauses.row_links import slug_link
from comparison.diff import Direction
from core.jinja2 import macros


def compares_with_since(entry, since: int | None) -> bool:
    """Whether ``entry``'s (a PartyPlan's) "Moved" column compares with revision ``since``
    rather than with the revision its current one continues. When ``since`` is that
    revision, the diff with it says more (a clause added, first described, a statement
    read anew), so its columns stand for both."""
    return since is not None and (entry.previous is None or entry.previous.number != since)


def party_rows(entry, *, party, since: int | None, rows=None) -> Markup:
    """The body rows of one plan's table on ``party``'s page (``entry``, a PartyPlan):
    ``rows``, some of its rows, or all of them."""
    return macros("comparison/_party_rows.jinja").party_rows(
        _with_apart(entry.rows if rows is None else rows),
        previous=entry.previous,
        since=since if compares_with_since(entry, since) else None,
        party_slug=party.slug,
        version_url=slug_link(
            "clauses:clause_version", "clause", plan=entry.plan.slug, number=entry.revision.number
        ),
        stances=stance_pieces(),
        directions=direction_pieces(Direction),
    )


def _with_apart(rows) -> list[tuple]:
    """Each row with how far the party stands apart on it, as ``floatformat`` shows it (None
    when not known), formatted once per distinct value: formatting costs more than the
    rest of a row."""
    shown: dict[float, str] = {}
    with_apart = []
    for row in rows:
        apart = row.apart
        if apart is not None and apart not in shown:
            shown[apart] = floatformat(apart, 1)
        with_apart.append((row, None if apart is None else shown[apart]))
    return with_apart
