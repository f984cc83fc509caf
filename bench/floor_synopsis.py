"""The floor of the synopsis page: one raw SQL query for the picked revisions' clause
versions and positions, each row's cells compared with the base's text, the word diff of
the shown page's texts that differ from the base, f-strings. Served under /_bench/ beside
the app, as bench/floor.py's peers are, and taking the same query (``revisions``,
``base``)."""

from difflib import SequenceMatcher
from html import escape

from django.http import HttpResponse

from bench.floor import _rows, _text_html

# The app's page size.
PAGE = 50

# The clause versions and, in rows of their own (so that no text is repeated per party),
# their positions: one query, in two parts of the same column types.
SYNOPSIS_SQL = """
SELECT 0, r.number, cv.clause_id, c.slug, c.title, c.topic, cv.number, cv.position_in_draft,
       cv.text, cv.status
FROM clauses_plan pl
JOIN clauses_revision r ON r.plan_id = pl.id
JOIN clauses_clauseversion cv ON cv.revision_id = r.id
JOIN clauses_clause c ON c.id = cv.clause_id
WHERE pl.slug = %s AND r.number IN ({numbers})
UNION ALL
SELECT 1, r.number, cv.clause_id, pa.slug, pa.short_name, pa.name, p.stance, pa.sort_order,
       p.quote, NULL
FROM clauses_plan pl
JOIN clauses_revision r ON r.plan_id = pl.id
JOIN clauses_clauseversion cv ON cv.revision_id = r.id
JOIN clauses_position p ON p.clause_version_id = cv.id
JOIN parties_party pa ON pa.id = p.party_id
WHERE pl.slug = %s AND r.number IN ({numbers})
"""


def _word_ops(old: str, new: str) -> list:
    old_words, new_words = old.split(), new.split()
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    return [
        (tag, old_words[i1:i2], new_words[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def synopsis(plan: str, numbers: list[int], base: int) -> tuple[list, list, dict]:
    """(rows in the app's order, each (clause, {number: version}), party slugs in order,
    party names and short names) of the picked revisions."""
    sql = SYNOPSIS_SQL.format(numbers=", ".join(["%s"] * len(numbers)))
    clauses: dict[int, list] = {}  # clause id: [slug, title, topic, {number: version}]
    held: dict[tuple[int, int], dict] = {}  # (number, clause id): {party: (stance, quote)}
    parties: dict[str, tuple] = {}  # slug: (sort order, name, short name)
    for kind, number, clause_id, a, b, c, d, place, text, status in _rows(
        sql, [plan, *numbers, plan, *numbers]
    ):
        if kind == 0:
            clause = clauses.get(clause_id)
            if clause is None:
                clause = clauses[clause_id] = [a, b, c, {}]
            clause[3][number] = (d, place, text, status, held.setdefault((number, clause_id), {}))
        else:
            held.setdefault((number, clause_id), {})[a] = (d, text)
            if a not in parties:
                parties[a] = (place, c, b)
    columns = [base, *(n for n in numbers if n != base)]

    def placed(item):
        clause_id, clause = item
        rank = next(i for i, n in enumerate(columns) if n in clause[3])
        return (rank, clause[3][columns[rank]][1], clause_id)

    order = sorted(parties, key=lambda slug: (parties[slug][:2], slug))
    names = {slug: parties[slug][1:] for slug in order}
    return sorted(clauses.items(), key=placed), order, names


def synopsis_page(request, plan):
    numbers = [int(n) for n in request.GET["revisions"].split(",")]
    base = int(request.GET.get("base") or numbers[0])
    rows, order, parties = synopsis(plan, numbers, base)
    differs = 0
    for _id, (_slug, _title, _topic, versions) in rows:
        texts = {versions[n][2] if n in versions else None for n in numbers}
        differs += len(texts) > 1
    html = [
        f"<!doctype html><html lang=en><title>Synopsis</title><main><h1>Synopsis of "
        f"{', '.join(f'r{n}' for n in numbers)}</h1>",
        f"<p><strong>{len(rows)}</strong> clauses: {differs} differ, "
        f"{len(rows) - differs} same in all</p><table><thead><tr><th>Clause</th>",
        *(f"<th>r{n}</th>" for n in numbers),
        "</tr></thead><tbody>",
    ]
    for _id, (slug, title, topic, versions) in rows[:PAGE]:
        html.append(
            f'<tr><th><a href="/plans/{plan}/clauses/{slug}/">{escape(title)}</a> {topic}</th>'
        )
        before = versions.get(base)
        for n in numbers:
            version = versions.get(n)
            if version is None:
                html.append("<td>not in this draft</td>")
                continue
            point, _place, text, status, held = version
            if n != base and before is not None and before[2] != text:
                shown = _text_html(_word_ops(before[2], text))
            else:
                shown = escape(text)
            html.append(
                f'<td><a href="/plans/{plan}/clauses/{slug}/r{n}/">{escape(point)}.</a> '
                f"{status}<p>{shown}</p><div>"
            )
            for party in order:
                stance, quote = held.get(party, (None, ""))
                ring = (
                    " ring"
                    if n != base
                    and before is not None
                    and before[4].get(party, (None,))[0] != stance
                    else ""
                )
                name, short = parties[party]
                html.append(
                    f'<span class="stance-{stance or "none"}{ring}" '
                    f'title="{escape(name)}: {stance or "no position"}: {escape(quote)}">'
                    f"{escape(short)}</span>"
                )
            html.append("</div></td>")
        html.append("</tr>")
    html.append("</tbody></table></main></html>")
    return HttpResponse("".join(html))
