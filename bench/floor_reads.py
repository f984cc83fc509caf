"""The floors of the clause and party pages, the revision's exports and the plan's feed:
each one raw SQL query and the least work giving the same information (f-strings for
HTML and Atom, ``csv.writer.writerows`` and ``json.dumps`` over the fetched tuples).

Like the floors of bench/floor.py, they are served under /_bench/ through the same
handler and middleware as the app, and take the same URL arguments.
"""

import csv
import io
import json
from difflib import SequenceMatcher
from html import escape

from django.db import models
from django.http import HttpResponse

from bench.fields import DIFF_COMPARED, columns
from bench.floor import POSITIONS, _rows, _text_html, compute
from clauses.export_rows import EXPORT_POSITION_COLUMNS
from clauses.fields import CLAUSE, POSITION
from clauses.representations import stance_fields
from clauses.vocabularies import ORDINAL, STANCE_LABELS
from core.exports import BOM, neutralised

# The clause page: its versions with their positions, and its whole edit history.

# Every part of the UNION has the same columns, of the same types on every database: kind
# (0 a version with one of its positions, 1 the clause's history, 2 its versions' history,
# 3 their positions' history), three sort keys, then the version's values, then each kind
# of history's values in columns of its own (NULL in every other part), as text: they are
# compared and shown, and a column NULL in the parts before its own reads as text. A
# history row also says who changed what, when, in the version's first columns, of the
# same types.
_VERSION_VALUES = [
    *("r.label", "pa.name", "pa.slug", "r.previous_id", "cv.number", "cv.text", "cv.status"),
    *("p.stance", "p.summary", "p.quote", "p.stated_on", "p.carried_over", "p.source_title"),
    *("p.source_url", "r.id", "clause.title", "clause.plan_title"),
]
_CHANGE = ["h.history_type", "u.username", "h.history_change_reason"]
# The values each kind of history row compares with the row before it.
HISTORY_VALUES = {
    kind: [f"CAST({column} AS TEXT)" for column in values]
    for kind, values in {
        1: columns("h", CLAUSE).split(", "),
        2: ["h.number", "h.text", "h.status"],
        3: [*columns("h", POSITION).split(", "), "pa.name"],
    }.items()
}
_VERSION = slice(4, 4 + len(_VERSION_VALUES))
_REGIONS: dict[int, slice] = {}
for _kind, _values in HISTORY_VALUES.items():
    _start = max([_VERSION.stop, *(region.stop for region in _REGIONS.values())])
    _REGIONS[_kind] = slice(_start, _start + len(_values))
_WIDTH = max(region.stop for region in _REGIONS.values())


def _select(sort_keys: str, *placed: tuple[slice, list[str]]) -> str:
    """The columns of one part of the UNION: its sort keys, then each of its values in
    its place, NULL everywhere else."""
    row = ["NULL"] * _WIDTH
    for place, values in placed:
        row[place.start : place.start + len(values)] = values
    return ", ".join([sort_keys, *row[4:]])


def _history_select(kind: int, number: str) -> str:
    return _select(
        "h.id, h.history_date, h.history_id",
        (_VERSION, [*_CHANGE, number]),
        (_REGIONS[kind], HISTORY_VALUES[kind]),
    )


# The page shows the latest SHOWN revisions holding the clause (the app's
# REVISIONS_PER_PAGE): their versions with positions, read with the one before them (what
# the first shown changed since), and the history rows of those revisions and the
# clause's own; besides, every revision's number (the links to each) and each party's
# stated positions before them (its latest statement may be older); those read from the
# clause outwards (CROSS JOIN keeps SQLite from starting at every unchanged position).
SHOWN = 20
_CLAUSE_VERSIONS = """
    FROM clause JOIN clauses_clauseversion cv ON cv.clause_id = clause.id
    JOIN clauses_revision r ON r.id = cv.revision_id"""
CLAUSE_SQL = f"""
WITH clause AS (
    SELECT c.id, c.title, pl.title AS plan_title
    FROM clauses_clause c JOIN clauses_plan pl ON pl.id = c.plan_id
    WHERE pl.slug = %s AND c.slug = %s
),
latest AS (SELECT r.number {_CLAUSE_VERSIONS} ORDER BY r.number DESC LIMIT {SHOWN + 1}),
span AS (
    SELECT CASE WHEN COUNT(*) > {SHOWN} THEN MIN(number) ELSE 0 END AS read_from,
           CASE WHEN COUNT(*) > {SHOWN} THEN MIN(number) + 1 ELSE 0 END AS shown_from
    FROM latest
)
SELECT 0, {_select("r.number, NULL, pa.sort_order", (_VERSION, _VERSION_VALUES))}
{_CLAUSE_VERSIONS}
LEFT JOIN clauses_position p ON p.clause_version_id = cv.id
LEFT JOIN parties_party pa ON pa.id = p.party_id
WHERE r.number >= (SELECT read_from FROM span)
UNION ALL
SELECT 1, {_history_select(1, "NULL")}
FROM clause JOIN clauses_historicalclause h ON h.id = clause.id
LEFT JOIN auth_user u ON u.id = h.history_user_id
UNION ALL
SELECT 2, {_history_select(2, "r.number")}
FROM clause JOIN clauses_historicalclauseversion h ON h.clause_id = clause.id
JOIN clauses_revision r ON r.id = h.revision_id
LEFT JOIN auth_user u ON u.id = h.history_user_id
WHERE r.number >= (SELECT shown_from FROM span)
UNION ALL
SELECT 3, {_history_select(3, "r.number")}
FROM clause
JOIN clauses_historicalclauseversion hv ON hv.clause_id = clause.id AND hv.history_type = '+'
JOIN clauses_revision r ON r.id = hv.revision_id
JOIN clauses_historicalposition h ON h.clause_version_id = hv.id
LEFT JOIN parties_party pa ON pa.id = h.party_id
LEFT JOIN auth_user u ON u.id = h.history_user_id
WHERE r.number >= (SELECT shown_from FROM span)
UNION ALL
SELECT 4, {_select("r.number, NULL, pa.sort_order", (_VERSION, _VERSION_VALUES))}
FROM clause CROSS JOIN clauses_clauseversion cv CROSS JOIN clauses_revision r
CROSS JOIN clauses_position p CROSS JOIN parties_party pa
WHERE cv.clause_id = clause.id AND r.id = cv.revision_id AND p.clause_version_id = cv.id
  AND pa.id = p.party_id AND NOT p.carried_over AND r.number < (SELECT read_from FROM span)
UNION ALL
SELECT 5, {_select("r.number, NULL, NULL")}
{_CLAUSE_VERSIONS}
ORDER BY 1, 2, 3, 4
"""
HISTORY_OBJECTS = {1: "the clause", 2: "its wording", 3: "a position"}
KIND_WORDS = {"+": "created", "~": "changed", "-": "deleted"}


def _history(rows: list[tuple]) -> list[tuple]:
    """History rows (ordered by kind, record, time) as (date, user, what, type, changed
    values, summary), each compared with the row before it of the same record."""
    entries, previous = [], None
    for row in rows:
        kind, record, date, history_id, kind_of_change, user, reason, number = row[:8]
        values = row[_REGIONS[kind]]
        changes = []
        if previous is not None and previous[:2] == (kind, record) and kind_of_change == "~":
            changes = [
                (old, new) for old, new in zip(previous[2], values, strict=True) if old != new
            ]
        what = HISTORY_OBJECTS[kind] + (f" in r{number}" if number is not None else "")
        if kind == 3:
            what = f"{values[-1]}'s position in r{number}"
        entries.append((date, history_id, user, what, KIND_WORDS[kind_of_change], changes, reason))
        previous = (kind, record, values)
    entries.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    return entries


def clause_page(request, plan, clause):
    rows = _rows(CLAUSE_SQL, [plan, clause])
    timeline = [(*row[:4], *row[_VERSION]) for row in rows if row[0] == 0]
    versions: dict[int, list] = {}  # revision id: [number, label, previous id, point, status, text]
    stances: dict[str, dict[int, tuple]] = {}  # party: {revision number: position}
    names: dict[str, str] = {}
    for (
        _kind,
        number,
        _date,
        _order,
        label,
        name,
        party,
        previous,
        point,
        text,
        status,
        *position,  # stance, summary, quote, stated on, carried over, source title and link
        rid,
        _title,
        _plan_title,
    ) in timeline:
        versions.setdefault(rid, [number, label, previous, point, status, text])
        if party is not None:
            names[party] = name
            stances.setdefault(party, {})[number] = position
    title, plan_title = (timeline[0][-2], timeline[0][-1]) if timeline else ("", "")
    # Each party's latest stated position before the versions read (rows by number).
    stated_before = {row[_VERSION][2]: row[_VERSION][7:14] for row in rows if row[0] == 4}
    numbers = [v[0] for v in versions.values()]
    shown = numbers[-SHOWN:]  # the one read before them: what the first shown continues
    every = [row[1] for row in rows if row[0] == 5]
    html = [
        f"<!doctype html><html lang=en><title>{escape(title)} · {escape(plan_title)}</title>",
        f"<main><h1>{escape(title)}</h1><ul>",
        *(f'<li><a href="/plans/{plan}/clauses/{clause}/r{n}/">r{n}</a></li>' for n in every),
        "</ul><h2>Where each party stands</h2><ul>",
    ]
    for party, held in stances.items():
        cells = [held.get(n) for n in reversed(numbers)]
        latest = cells[0]
        stated = next(
            (p for p in cells if p is not None and not p[4]), stated_before.get(party, latest)
        )
        html.append(
            f'<li><h3><a href="/parties/{party}/">{escape(names[party])}</a> '
            f"{STANCE_LABELS.get(latest[0], '') if latest else ''}</h3><ol>"
        )
        before = None
        for n, cell in zip(reversed(numbers), cells, strict=True):
            stance = cell[0] if cell else None
            ring = " moved" if before is not None and stance != before else ""
            if n in shown:
                html.append(f'<li class="{stance}{ring}">r{n}</li>')
            before = stance
        if stated:
            html.append(
                f"</ol><blockquote>{escape(stated[2] or stated[1])}</blockquote>"
                f'<p>Source: <a href="{escape(stated[6])}">{escape(stated[5])}</a> {stated[3]}</p>'
            )
        html.append("</li>")
    html.append("</ul><h2>Its wording, latest first</h2>")
    text_before = None
    cards = []
    for number, label, previous, point, status, text in versions.values():
        if number not in shown:
            continue
        earlier = versions.get(previous)
        if earlier is not None and earlier[5] == text and text_before == text:
            cards[-1][1].append(number)  # the same wording: one more revision keeping it
            continue
        if earlier is not None and earlier[5] != text:
            old_words, new_words = earlier[5].split(), text.split()
            matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
            ops = [(t, old_words[a:b], new_words[c:d]) for t, a, b, c, d in matcher.get_opcodes()]
            body = _text_html(ops)
        else:
            body = escape(text)
        cards.append(
            (
                f"<article><h3>r{number}: {escape(label)} point {escape(point)} {status}</h3>"
                f"<p>{body}</p></article>",
                [],
            )
        )
        text_before = text
    for card, repeats in reversed(cards):
        if repeats:
            html.append(f"<details><summary>Unchanged in r{repeats[0]}–r{repeats[-1]}</summary>")
            html.extend(f"<a href='/plans/{plan}/clauses/{clause}/r{n}/'>r{n}</a>" for n in repeats)
            html.append("</details>")
        html.append(card)
    html.append("<h2>Edit history</h2><table>")
    for date, _id, user, what, kind, changes, reason in _history(
        [row for row in rows if row[0] in HISTORY_OBJECTS]
    ):
        changed = "".join(
            f"<li><del>{escape(str(old)[:120])}</del> → <ins>{escape(str(new)[:120])}</ins></li>"
            for old, new in changes
        )
        html.append(
            f"<tr><td>{date}</td><td>{escape(user or 'not recorded')}</td><th>{what}</th>"
            f"<td>{kind}<ul>{changed}</ul></td><td>{escape(reason or 'none given')}</td></tr>"
        )
    html.append("</table></main></html>")
    return HttpResponse("".join(html))


# The party page: the party on every clause of each plan's current revision, each plan's
# rows sorted, and the first of them all shown (the app's PARTY_PAGE_SIZE).
PARTY_PAGE_ROWS = 100

PARTY_SQL = """
WITH me AS (SELECT id, slug, name FROM parties_party WHERE slug = %s),
current AS (
    SELECT r.id, r.plan_id, r.number, r.label, r.previous_id FROM clauses_revision r
    WHERE NOT r.branch AND r.number = (SELECT MAX(r2.number) FROM clauses_revision r2
                                       WHERE r2.plan_id = r.plan_id AND NOT r2.branch)
)
SELECT pl.slug, pl.title, cur.number, cur.label, prev.number, cv.clause_id, cv.number, c.slug,
       c.title, p.party_id = me.id, p.stance, p.summary, p.demand, p.carried_over,
       mine_before.stance, before.id IS NOT NULL, me.name
FROM me
CROSS JOIN current cur
JOIN clauses_plan pl ON pl.id = cur.plan_id
LEFT JOIN clauses_revision prev ON prev.id = cur.previous_id
JOIN clauses_clauseversion cv ON cv.revision_id = cur.id
JOIN clauses_clause c ON c.id = cv.clause_id
LEFT JOIN clauses_position p ON p.clause_version_id = cv.id
LEFT JOIN clauses_clauseversion before
       ON before.revision_id = cur.previous_id AND before.clause_id = cv.clause_id
LEFT JOIN clauses_position mine_before
       ON mine_before.clause_version_id = before.id AND mine_before.party_id = me.id
ORDER BY pl.title, pl.slug, cv.position_in_draft, cv.id
"""


def _apart(mine: str | None, others: list[str]) -> float | None:
    value = ORDINAL.get(mine) if mine else None
    known = [v for v in (ORDINAL.get(s) for s in others) if v is not None]
    if value is None or not known:
        return None
    return abs(value - sum(known) / len(known))


def party_page(request, party):
    plans: dict[str, list] = {}  # plan slug: [title, number, label, previous, {clause: row}]
    name = ""
    for (
        plan,
        title,
        number,
        label,
        previous,
        clause_id,
        point,
        slug,
        clause_title,
        is_mine,
        stance,
        summary,
        demand,
        carried,
        before,
        was_there,
        party_name,
    ) in _rows(PARTY_SQL, [party]):
        name = party_name
        entry = plans.setdefault(plan, [title, number, label, previous, {}])
        row = entry[4].setdefault(
            clause_id, [point, slug, clause_title, None, [], before, was_there]
        )
        if is_mine:
            row[3] = (stance, summary, demand, carried)
        elif stance is not None:
            row[4].append(stance)
    html = [
        f"<!doctype html><html lang=en><title>{escape(name)}</title><main><h1>{escape(name)}</h1>"
    ]
    room = PARTY_PAGE_ROWS  # the rows the page shows, every plan's together
    for plan, (title, number, label, previous, clauses) in plans.items():
        if not any(row[3] or row[5] for row in clauses.values()):
            continue  # the party holds no position on this plan's current revision
        if room <= 0:
            break
        html.append(
            f'<section><h2><a href="/plans/{plan}/">{escape(title)}</a></h2>'
            f"<p>Positions in r{number}: {escape(label)}, moved since r{previous}.</p>"
            f"<p>{len(clauses)} clauses</p><table>"
        )
        rows = [(_apart(row[3][0] if row[3] else None, row[4]), row) for row in clauses.values()]
        rows.sort(key=lambda pair: -1 if pair[0] is None else -pair[0])
        rows, room = rows[:room], room - len(rows)
        for apart, (point, slug, clause_title, mine, _others, before, was_there) in rows:
            stance, summary, demand, carried = mine or ("", "", "", False)
            moved = "new" if not was_there else ("same stance" if before == stance else "moved")
            html.append(
                f'<tr><th><a href="/plans/{plan}/clauses/{slug}/r{number}/">'
                f"{escape(clause_title)}</a></th><td>{STANCE_LABELS.get(stance, '')}"
                f"{' carried over' if carried else ''}</td>"
                f"<td>{'' if apart is None else f'{apart:.1f}'}</td>"
                f"<td>{before or ''}</td><td>{moved}</td><td>{escape(summary)}"
                f"{escape(demand)}</td><td>{escape(point)}</td></tr>"
            )
        html.append("</table></section>")
    html.append("</main></html>")
    return HttpResponse("".join(html))


# The revision's positions as CSV and JSON: one query, the rows written as fetched.

# Where each position stands (plan, revision, clause and party), then its declared fields.
_PLACE = (
    "pl.slug",
    "pl.title",
    "r.number",
    "r.label",
    "c.slug",
    "c.title",
    "c.topic",
    "cv.number",
    "cv.status",
    "pa.slug",
    "pa.name",
)
REVISION_POSITIONS_SQL = f"""
SELECT {", ".join(_PLACE)}, {columns("p", POSITION)}, s.published_on,
    s.published_on_precision
FROM clauses_position p
LEFT JOIN sources_source s ON s.id = p.source_id
JOIN clauses_clauseversion cv ON cv.id = p.clause_version_id
JOIN clauses_revision r ON r.id = cv.revision_id
JOIN clauses_plan pl ON pl.id = r.plan_id
JOIN clauses_clause c ON c.id = cv.clause_id
JOIN parties_party pa ON pa.id = p.party_id
WHERE pl.slug = %s AND r.number = %s
ORDER BY cv.position_in_draft, cv.clause_id, pa.sort_order, pa.name, pa.id
"""
POSITION_COLUMNS = EXPORT_POSITION_COLUMNS  # the file's header is the format, not work
_CLAUSE, _PARTY = (_PLACE.index(column) for column in ("c.slug", "pa.slug"))
_OWN = len(_PLACE)


def _stance(value) -> tuple:
    return value, STANCE_LABELS.get(value), ORDINAL.get(value)


def _date(value) -> tuple:
    return (str(value) if value else None,)


def _boolean(value) -> tuple:
    return (bool(value),)


def _as_is(value) -> tuple:
    return (value,)


# How each declared field's value as fetched becomes its export columns.
_WRITERS = tuple(
    _stance
    if name in stance_fields(POSITION)
    else _date
    if name in POSITION.dates
    else _boolean
    if isinstance(POSITION.model_field(name), models.BooleanField)
    else _as_is
    for name in POSITION.names
)
# The row's values past the position's own: its source's date (not written by _WRITERS).
_CITED_VALUES = 2


def _position_rows(request, plan, number) -> list[tuple]:
    """The export's rows: each fetched row with its links and the stance's label and value."""
    origin = request.build_absolute_uri("/").rstrip("/")
    revision_url = f"{origin}/plans/{plan}/revisions/{number}/"
    out = []
    for row in _rows(REVISION_POSITIONS_SQL, [plan, number]):
        clause_url = f"{origin}/plans/{plan}/clauses/{row[_CLAUSE]}/"
        exported = [
            *row[:_CLAUSE],
            revision_url,
            *row[_CLAUSE:_PARTY],
            clause_url,
            f"{clause_url}r{number}/",
            *row[_PARTY:_OWN],
        ]
        for value, write in zip(row[_OWN:-_CITED_VALUES], _WRITERS, strict=True):
            exported += write(value)
        # The cited source's date and its precision.
        exported += [*_date(row[-2]), row[-1]]
        out.append(tuple(exported))
    return out


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def revision_csv(request, plan, number):
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(POSITION_COLUMNS)
    writer.writerows(
        [neutralised(value) for value in row] for row in _position_rows(request, plan, number)
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{plan}-r{number}.csv")


def revision_json(request, plan, number):
    data = {
        "meta": {"plan": plan, "view": "revision", "revisions": [number]},
        "columns": POSITION_COLUMNS,
        "rows": _position_rows(request, plan, number),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    return _attachment(response, f"{plan}-r{number}.json")


# The plan's feed: its newest revisions with their change counts against the one each
# continues, in one query over both sides of every pair.

FEED_REVISIONS = 10
FEED_SQL = f"""
WITH newest AS (
    SELECT r.id, r.number, r.previous_id FROM clauses_revision r
    JOIN clauses_plan pl ON pl.id = r.plan_id
    WHERE pl.slug = %s ORDER BY r.number DESC LIMIT %s
),
sides AS (SELECT id FROM newest UNION SELECT previous_id FROM newest WHERE previous_id IS NOT NULL),
created AS (
    SELECT h.id, h.history_date, u.username, h.history_change_reason
    FROM clauses_historicalrevision h LEFT JOIN auth_user u ON u.id = h.history_user_id
    WHERE h.history_type = '+' AND h.id IN (SELECT id FROM newest)
)
SELECT r.id, r.number, r.label, r.previous_id, pl.title, created.history_date,
       created.username, created.history_change_reason,
       cv.clause_id, cv.number, cv.status, cv.text, NULL, NULL, NULL, pa.slug, pa.name,
       {columns("p", POSITION, DIFF_COMPARED)}
FROM sides
JOIN clauses_revision r ON r.id = sides.id
JOIN clauses_plan pl ON pl.id = r.plan_id
LEFT JOIN created ON created.id = r.id
JOIN clauses_clauseversion cv ON cv.revision_id = r.id
LEFT JOIN clauses_position p ON p.clause_version_id = cv.id
LEFT JOIN parties_party pa ON pa.id = p.party_id
ORDER BY r.number DESC, cv.position_in_draft, cv.id, pa.sort_order, pa.name
"""


def plan_feed(request, plan):
    revisions: dict[int, list] = {}  # id: [number, label, previous id, recorded, clauses]
    names: dict[str, str] = {}
    title = ""
    for rid, number, label, previous, plan_title, date, user, reason, clause_id, *row in _rows(
        FEED_SQL, [plan, FEED_REVISIONS]
    ):
        title = plan_title
        revision = revisions.get(rid)
        if revision is None:
            revision = revisions[rid] = [number, label, previous, (date, user, reason), {}]
        clause = revision[4].get(clause_id)
        if clause is None:
            clause = revision[4][clause_id] = [*row[:POSITIONS], {}]
        party = row[POSITIONS]
        if party is not None:
            clause[POSITIONS][party] = tuple(row[POSITIONS + 2 :])
            names[party] = row[POSITIONS + 1]
    newest = sorted(revisions, key=lambda rid: revisions[rid][0], reverse=True)[:FEED_REVISIONS]
    origin = request.build_absolute_uri("/").rstrip("/")
    xml = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}: new revisions</title>",
        f'<link href="{origin}/plans/{plan}/revisions/" rel="alternate"/>',
    ]
    for rid in newest:
        number, label, previous, (date, user, reason), clauses = revisions[rid]
        if previous in revisions:
            old = revisions[previous]
            totals, moved, _ = compute(old[4], clauses)
            line = ", ".join(f"{count} {kind}" for kind, count in totals.items())
            moves = ", ".join(f"{names[p]} moved on {n}" for p, n in moved.items())
            what = f"Against r{old[0]}: {line}{'; ' + moves if moves else ''}."
            link = f"{origin}/plans/{plan}/revisions/{number}/diff/"
        else:
            what = "The first draft: it continues no earlier revision."
            link = f"{origin}/plans/{plan}/revisions/{number}/"
        summary = f"<p>{what}</p><p>Recorded by {user}. Why: {reason}</p>"
        xml.append(
            f"<entry><title>r{number}: {escape(label)}</title>"
            f'<link href="{link}" rel="alternate"/><id>{link}#revision-{rid}</id>'
            f"<updated>{date}</updated><author><name>{escape(user or '')}</name></author>"
            f'<summary type="html">{escape(summary)}</summary></entry>'
        )
    xml.append("</feed>")
    return HttpResponse("".join(xml), content_type="application/atom+xml; charset=utf-8")
