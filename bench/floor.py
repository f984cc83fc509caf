"""The floors: each case's data fetched with one raw SQL query and turned into the same
output with the least work (tuples, dicts keyed by id, ``str.join``, ``json.dumps``).

A floor is what the case would cost if the app did nothing but the unavoidable: a page's
floor still goes through Django's request handling and middleware (it is served like any
other page), but builds its HTML with f-strings; an API floor dumps the fetched tuples as
JSON. The diff floors compute the same totals and word-level text changes as the app (the
benchmark checks that the totals agree). Writes (the clone) are a few INSERT ... SELECT
statements. The alignment has no true floor: its floor matches only the points whose text
is unchanged, a lower bound rather than the same output.
"""

import json
from collections import Counter
from difflib import SequenceMatcher
from html import escape

from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import timezone

from bench.fields import DIFF_COMPARED, POSITION_COPIED, columns
from clauses.fields import CLAUSE_VERSION, POSITION, REVISION
from clauses.models import ClauseVersion, Position, Revision
from clauses.vocabularies import stance_value
from drafting import parse_draft
from generator.plans import write_history


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# The diff.

# What each row of the diff's query holds before the position's compared fields.
_DIFF_HEAD = (
    "r.number",
    "pl.title",
    "cv.clause_id",
    "cv.number",
    "cv.status",
    "cv.text",
    "c.slug",
    "c.title",
    "c.topic",
    "pa.slug",
    "pa.name",
)
_DIFF_SELECT = f"""
SELECT {", ".join(_DIFF_HEAD)}, {columns("p", POSITION, DIFF_COMPARED)}
FROM clauses_revision r
JOIN clauses_plan pl ON pl.id = r.plan_id
JOIN clauses_clauseversion cv ON cv.revision_id = r.id
JOIN clauses_clause c ON c.id = cv.clause_id
LEFT JOIN clauses_position p ON p.clause_version_id = cv.id
LEFT JOIN parties_party pa ON pa.id = p.party_id
WHERE pl.slug = %s AND {{sides}}
ORDER BY r.number, cv.position_in_draft, cv.id, pa.sort_order, pa.name
"""
COMPARE_SQL = _DIFF_SELECT.format(sides="r.number IN (%s, %s)")
# A revision and the one it continues, whatever its number.
PREVIOUS_SQL = _DIFF_SELECT.format(
    sides="(r.number = %s OR r.id = (SELECT r2.previous_id FROM clauses_revision r2 "
    "WHERE r2.plan_id = pl.id AND r2.number = %s))"
)
_NUMBER, _TITLE, _CLAUSE_ID, _PARTY, _PARTY_NAME = (
    _DIFF_HEAD.index(column)
    for column in ("r.number", "pl.title", "cv.clause_id", "pa.slug", "pa.name")
)
_CLAUSE = slice(_DIFF_HEAD.index("cv.number"), _DIFF_HEAD.index("pa.slug"))
_COMPARED = slice(len(_DIFF_HEAD), None)

# A clause as the diff functions take it: a list of these, by place.
CLAUSE_ROW = ("number", "status", "text", "slug", "title", "topic", "positions")
NUMBER, STATUS, TEXT, SLUG, CLAUSE_TITLE, POSITIONS = (
    CLAUSE_ROW.index(name) for name in ("number", "status", "text", "slug", "title", "positions")
)
# A position as they take it: its values of DIFF_COMPARED, by place.
STANCE, SUMMARY = DIFF_COMPARED.index("stance"), DIFF_COMPARED.index("summary")


def _sides(rows: list[tuple], new_number: int) -> tuple[dict, dict, int | None, str, dict]:
    """Both revisions as {clause_id: a CLAUSE_ROW list, its positions by party} in draft
    order; the old revision's number; the plan's title; the parties' names."""
    sides: dict[bool, dict] = {True: {}, False: {}}
    old_number, title, names = None, "", {}
    for row in rows:
        is_new = row[_NUMBER] == new_number
        if not is_new:
            old_number = row[_NUMBER]
        title = row[_TITLE]
        side = sides[is_new]
        clause = side.get(row[_CLAUSE_ID])
        if clause is None:
            clause = side[row[_CLAUSE_ID]] = [*row[_CLAUSE], {}]
        party = row[_PARTY]
        if party is not None:
            clause[POSITIONS][party] = row[_COMPARED]
            names[party] = row[_PARTY_NAME]
    return sides[False], sides[True], old_number, title, names


def compute(old: dict, new: dict) -> tuple[dict, Counter, list]:
    """The diff of two revisions given as by ``_sides``: totals, moves per party, and per
    clause its change, word-level text operations and changed positions."""
    totals = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
    moved: Counter = Counter()
    out = []
    for clause_id, row in new.items():
        before = old.get(clause_id)
        if before is None:
            totals["added"] += 1
            out.append((clause_id, "added", row, None, None, ()))
            continue
        ops = None
        if before[TEXT] != row[TEXT]:
            old_words, new_words = before[TEXT].split(), row[TEXT].split()
            matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
            ops = [
                (tag, old_words[i1:i2], new_words[j1:j2])
                for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            ]
        parties = []
        then, now = before[POSITIONS], row[POSITIONS]
        for party, position in now.items():
            earlier = then.get(party)
            if earlier != position:
                parties.append((party, earlier, position))
            if earlier is not None and earlier[STANCE] != position[STANCE]:
                a, b = stance_value(earlier[STANCE]), stance_value(position[STANCE])
                if a is not None and b is not None:
                    moved[party] += 1
        parties.extend((party, then[party], None) for party in then.keys() - now.keys())
        changed = (
            ops is not None
            or before[NUMBER] != row[NUMBER]
            or before[STATUS] != row[STATUS]
            or parties
        )
        kind = "changed" if changed else "unchanged"
        totals[kind] += 1
        out.append((clause_id, kind, row, before, ops, parties))
    for clause_id in old.keys() - new.keys():
        totals["removed"] += 1
        out.append((clause_id, "removed", old[clause_id], None, None, ()))
    return totals, moved, out


def revision_diff(*, plan_slug: str, old_number: int, new_number: int):
    rows = _rows(COMPARE_SQL, [plan_slug, old_number, new_number])
    old, new, _number, _title, _names = _sides(rows, new_number)
    return compute(old, new)


def _text_html(ops) -> str:
    parts = []
    for tag, old_words, new_words in ops:
        if tag == "equal":
            parts.append(escape(" ".join(new_words)))
        if tag in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(old_words))}</del>")
        if tag in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(new_words))}</ins>")
    return " ".join(parts)


def _diff_html(plan_slug: str, rows: list[tuple], new_number: int) -> HttpResponse:
    old, new, old_number, title, names = _sides(rows, new_number)
    totals, moved, out = compute(old, new)
    html = [
        f"<!doctype html><html lang=en><title>{escape(title)}</title><main>",
        f"<h1>{escape(title)}: r{old_number} to r{new_number}</h1><p>",
        ", ".join(f"{count} {kind}" for kind, count in totals.items()),
        "; ",
        ", ".join(f"{escape(names[p])} moved on {n}" for p, n in moved.items()),
        "</p>",
    ]
    for _clause_id, kind, row, _before, ops, parties in out:
        number, text, slug, ctitle = (row[i] for i in (NUMBER, TEXT, SLUG, CLAUSE_TITLE))
        html.append(
            f'<article class="change-{kind}"><h2>{escape(number)}. '
            f'<a href="/plans/{plan_slug}/clauses/{slug}/">{escape(ctitle)}</a> {kind}</h2>'
            f"<p>{_text_html(ops) if ops else escape(text)}</p>"
        )
        if parties:
            html.append("<table>")
            for party, earlier, now in parties:
                html.append(
                    f"<tr><th>{escape(names[party])}</th>"
                    f"<td>{earlier[STANCE] if earlier else ''}</td>"
                    f"<td>{now[STANCE] if now else ''}</td>"
                    f"<td>{escape(now[SUMMARY]) if now else ''}</td></tr>"
                )
            html.append("</table>")
        html.append("</article>")
    html.append("</main></html>")
    return HttpResponse("".join(html))


def revision_diff_page(request, plan, number):
    return _diff_html(plan, _rows(PREVIOUS_SQL, [plan, number, number]), number)


def compare_page(request, plan, a, b):
    return _diff_html(plan, _rows(COMPARE_SQL, [plan, a, b]), b)


# The overview.

OVERVIEW_SQL = """
SELECT pl.title, r.number, cv.number, cv.status, c.slug, c.title, c.topic,
       pa.slug, pa.name, pa.short_name, p.stance, p.summary, p.carried_over
FROM clauses_revision r
JOIN clauses_plan pl ON pl.id = r.plan_id
JOIN clauses_clauseversion cv ON cv.revision_id = r.id
JOIN clauses_clause c ON c.id = cv.clause_id
LEFT JOIN clauses_position p ON p.clause_version_id = cv.id
LEFT JOIN parties_party pa ON pa.id = p.party_id
WHERE r.id = (SELECT r2.id FROM clauses_revision r2 JOIN clauses_plan pl2 ON pl2.id = r2.plan_id
              WHERE pl2.slug = %s AND NOT r2.branch ORDER BY r2.number DESC LIMIT 1)
ORDER BY cv.position_in_draft, cv.id, pa.sort_order, pa.name
"""


def overview_page(request, plan):
    rows = _rows(OVERVIEW_SQL, [plan])
    parties: dict[str, tuple[str, str]] = {}
    clauses: dict[str, list] = {}
    for (
        _title,
        _n,
        number,
        status,
        slug,
        ctitle,
        topic,
        party,
        name,
        short,
        stance,
        summary,
        carried,
    ) in rows:
        clause = clauses.get(slug)
        if clause is None:
            clause = clauses[slug] = [number, status, ctitle, topic, {}]
        if party is not None:
            parties.setdefault(party, (name, short))
            clause[4][party] = (stance, summary, carried)
    title, revision = (rows[0][0], rows[0][1]) if rows else ("", 0)
    html = [
        f"<!doctype html><html lang=en><title>{escape(title)}</title>",
        f"<main><h1>{escape(title)}</h1>",
        "<table><thead><tr><th>Point</th><th>Clause</th><th>Status</th>",
        *(f'<th><abbr title="{escape(n)}">{escape(s)}</abbr></th>' for n, s in parties.values()),
        "<th>Gap</th></tr></thead><tbody>",
    ]
    for slug, (number, status, ctitle, topic, positions) in clauses.items():
        html.append(
            f'<tr><td>{escape(number)}</td><th><a href="/plans/{plan}/clauses/{slug}/">'
            f"{escape(ctitle)}</a> {topic}</th><td>{status}</td>"
        )
        values = []
        for party in parties:
            position = positions.get(party)
            if position is None:
                html.append("<td>–</td>")
                continue
            stance, summary, carried = position
            value = stance_value(stance)
            if value is not None:
                values.append(value)
            html.append(
                f'<td><a href="/plans/{plan}/clauses/{slug}/r{revision}/#position-{party}" '
                f'title="{escape(summary)}">{stance}</a>{" carried over" if carried else ""}</td>'
            )
        gap = max(values) - min(values) if len(values) > 1 else "–"
        html.append(f"<td>{gap}</td></tr>")
    html.append("</tbody></table></main></html>")
    return HttpResponse("".join(html))


# The API.

POSITIONS_SQL = f"""
SELECT p.id, p.version, pl.slug, r.number, c.slug, cv.number, pa.slug, {columns("p", POSITION)},
       (SELECT COUNT(*) FROM clauses_position p2
        JOIN clauses_clauseversion cv2 ON cv2.id = p2.clause_version_id
        JOIN clauses_revision r2 ON r2.id = cv2.revision_id
        JOIN clauses_plan pl2 ON pl2.id = r2.plan_id
        WHERE pl2.slug = %s AND r2.number = %s)
FROM clauses_position p
JOIN clauses_clauseversion cv ON cv.id = p.clause_version_id
JOIN clauses_revision r ON r.id = cv.revision_id
JOIN clauses_plan pl ON pl.id = r.plan_id
JOIN clauses_clause c ON c.id = cv.clause_id
JOIN parties_party pa ON pa.id = p.party_id
WHERE pl.slug = %s AND r.number = %s
ORDER BY cv.position_in_draft, cv.clause_id, pa.sort_order, pa.name, pa.id
LIMIT %s
"""
# The total count is an uncorrelated subquery, run once. (COUNT(*) OVER () would make the
# database read and sort every row of the revision before the LIMIT: 80 ms instead of 1.)


def _json(data) -> HttpResponse:
    return HttpResponse(json.dumps(data, default=str), content_type="application/json")


def position_list(request):
    params = request.GET
    size = int(params.get("page_size", 50))
    plan, number = params["plan"], int(params["revision"])
    rows = _rows(POSITIONS_SQL, [plan, number, plan, number, size])
    count = rows[0][-1] if rows else 0
    return _json({"count": count, "results": [row[:-1] for row in rows]})


# The revision's columns, then each clause version's and each position's.
_REVISION_COLUMNS = f"r.id, r.version, {columns('r', REVISION)}"
_REVISION_WIDTH = len(("id", "version", *REVISION.names))
REVISION_SQL = f"""
SELECT {_REVISION_COLUMNS},
       cv.id, cv.version, c.slug, c.title, c.topic, {columns("cv", CLAUSE_VERSION)},
       pa.slug, p.id, p.version, {columns("p", POSITION)}
FROM clauses_revision r
JOIN clauses_plan pl ON pl.id = r.plan_id
JOIN clauses_clauseversion cv ON cv.revision_id = r.id
JOIN clauses_clause c ON c.id = cv.clause_id
LEFT JOIN clauses_position p ON p.clause_version_id = cv.id
LEFT JOIN parties_party pa ON pa.id = p.party_id
WHERE pl.slug = %s AND r.number = %s
ORDER BY cv.position_in_draft, cv.clause_id, pa.sort_order, pa.name, pa.id
"""


def revision_detail(request, plan, number):
    rows = _rows(REVISION_SQL, [plan, number])
    head = slice(_REVISION_WIDTH)
    rest = slice(_REVISION_WIDTH, None)
    return _json({"revision": rows[0][head] if rows else None, "rows": [row[rest] for row in rows]})


# Cloning: INSERT ... SELECT.

_VERSION_COPIED = [CLAUSE_VERSION.model_field(name).column for name in CLAUSE_VERSION.names]
_COPY_VERSIONS = f"""
INSERT INTO clauses_clauseversion (revision_id, clause_id, {", ".join(_VERSION_COPIED)}, version)
SELECT %s, clause_id, {", ".join(_VERSION_COPIED)}, 1
FROM clauses_clauseversion WHERE revision_id = %s
"""
_POSITION_COPIED = [POSITION.model_field(name).column for name in POSITION_COPIED]
_COPY_POSITIONS = f"""
INSERT INTO clauses_position (clause_version_id, party_id, {", ".join(_POSITION_COPIED)},
    carried_over, version)
SELECT new.id, p.party_id, {columns("p", POSITION, POSITION_COPIED)}, TRUE, 1
FROM clauses_position p
JOIN clauses_clauseversion old ON old.id = p.clause_version_id
JOIN clauses_clauseversion new ON new.clause_id = old.clause_id AND new.revision_id = %s
WHERE old.revision_id = %s
"""
_NEW_REVISION = """
INSERT INTO clauses_revision (plan_id, number, label, published_on, status, provenance,
    coverage, proposed_by_id, previous_id, source_title, source_url, notes, version, branch)
SELECT plan_id, (SELECT MAX(number) + 1 FROM clauses_revision WHERE plan_id = r.plan_id),
       'Revision ' || (SELECT MAX(number) + 1 FROM clauses_revision WHERE plan_id = r.plan_id),
       NULL, 'draft', provenance, 'full_text', NULL, id, '', '', '', 1, branch
FROM clauses_revision r WHERE id = %s
RETURNING id
"""


def clone(*, source: Revision, user, summary: str) -> int:
    """The clone as three INSERT ... SELECT statements and three more for history."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_NEW_REVISION, [source.pk])
        (new_id,) = cursor.fetchone()
        cursor.execute(_COPY_VERSIONS, [new_id, source.pk])
        cursor.execute(_COPY_POSITIONS, [new_id, source.pk])
        when = timezone.now()
        for rows in (
            Revision.objects.filter(pk=new_id),
            ClauseVersion.objects.filter(revision_id=new_id),
            Position.objects.filter(clause_version__revision_id=new_id),
        ):
            write_history(rows, when=when, reason=summary, user_id=user.pk)
    return new_id


# Aligning a paste: only what is unchanged.


def align(*, text: str, previous: Revision) -> dict[int, int | None]:
    """Point index to clause id for the points whose text is a clause's text, word for
    word; every other point counts as new. A lower bound, not the same answer."""
    points = parse_draft(text).points
    rows = _rows(
        "SELECT text, clause_id FROM clauses_clauseversion WHERE revision_id = %s", [previous.pk]
    )
    by_text = {" ".join(text.split()): clause_id for text, clause_id in rows}
    return {i: by_text.get(" ".join(point.text.split())) for i, point in enumerate(points)}
