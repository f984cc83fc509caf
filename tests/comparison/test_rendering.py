"""The markup the long pages repeat comes from Jinja2 templates (templates/**/*.jinja): each
small piece gives its markup for every value, Django templates get the very same through
``{% load pieces %}``, every fragment shows hostile text escaped, and an edited template
shows without a restart while DEBUG is on."""

import datetime
import os
from types import SimpleNamespace

import jinja2
import pytest
from django import forms
from django.template import Context, Engine, Template, engines
from django.template.backends.jinja2 import Jinja2
from django.urls import reverse
from django.utils.html import escape

from clauses.pieces import pieces, stance_pieces
from clauses.rendering import matrix_rows
from clauses.selectors.history import HistoryEntry
from clauses.selectors.overview import MatrixCell, MatrixParty, MatrixRow
from clauses.vocabularies import STANCE_LABELS, Stance
from comparison.diff import ClauseSnapshot, PositionSnapshot, RevisionSnapshot, diff
from comparison.party_rendering import party_rows
from comparison.rendering import (
    diff_clauses,
    edit_history,
    party_stances,
    stance_steps,
    text_diff,
)
from comparison.textdiff import OpKind, TextOp
from drafting.fields_html import select, text_input
from publishing.picture_rendering import heatmap_rows
from publishing.pictures import HeatClause, HeatParty, heatmap_layout

HOSTILE = "<script>alert(1)</script> \"onmouseover=alert(1) &amp; 'x'"
STANCES = [None, "", *Stance.values]


def assert_escaped(html: str) -> None:
    """``HOSTILE`` shows as text wherever ``html`` holds it: no tag, no attribute broken
    out of, an entity shown as written."""
    assert "<script>" not in html
    assert '"onmouseover' not in html
    assert escape(HOSTILE) in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=alert(1) &amp;amp; &#x27;x&#x27;"
        in html
    )


def render_django(source: str, **context) -> str:
    return Template("{% load pieces %}" + source).render(Context(context))


# The environment.


def test_jinja2_escapes_every_value_as_django_does():
    template = engines["jinja2"].from_string('<a title="{{ text }}">{{ text }}</a>')
    assert (
        template.render({"text": HOSTILE}) == f'<a title="{escape(HOSTILE)}">{escape(HOSTILE)}</a>'
    )


def test_jinja2_leaves_markup_as_it_is():
    markup = pieces().carried_over()
    assert engines["jinja2"].from_string("{{ m }}").render({"m": markup}) == markup


def test_a_missing_variable_fails_loudly():
    with pytest.raises(jinja2.UndefinedError):
        engines["jinja2"].from_string("{{ missing }}").render({})


def test_a_macro_gives_markup_a_django_template_shows_as_it_is():
    markup = pieces().stance(HOSTILE, HOSTILE)
    assert Template("{{ m }}").render(Context({"m": markup})) == markup
    assert_escaped(markup)


def _edit(path, text):
    """Write ``text`` to ``path`` with a later modification time, as an editor would."""
    path.write_text(text)
    later = path.stat().st_mtime + 2
    os.utime(path, (later, later))


@pytest.mark.parametrize("debug", [True, False])
def test_an_edited_jinja2_template_shows_at_once_while_debug_is_on(settings, tmp_path, debug):
    settings.DEBUG = debug
    backend = Jinja2(
        {
            "NAME": "edited",
            "DIRS": [tmp_path],
            "APP_DIRS": False,
            "OPTIONS": {"environment": "core.jinja2.environment"},
        }
    )
    page = tmp_path / "page.jinja"
    _edit(page, "before")
    assert backend.get_template("page.jinja").render() == "before"
    _edit(page, "after")
    assert backend.get_template("page.jinja").render() == ("after" if debug else "before")


@pytest.mark.parametrize("debug", [True, False])
def test_an_edited_django_template_shows_at_once_while_debug_is_on(settings, tmp_path, debug):
    engine = Engine(
        dirs=[tmp_path],
        loaders=[("core.template_loaders.Loader", ["django.template.loaders.filesystem.Loader"])],
    )
    page = tmp_path / "page.html"
    _edit(page, "before")
    settings.DEBUG = debug
    assert engine.get_template("page.html").render(Context()) == "before"
    _edit(page, "after")
    assert engine.get_template("page.html").render(Context()) == ("after" if debug else "before")


def test_the_django_engine_reads_through_that_loader():
    (loader,) = engines["django"].engine.template_loaders
    assert type(loader).__module__ == "core.template_loaders"


# The small pieces (templates/clauses/_pieces.jinja), from Python and from Django templates.


@pytest.mark.parametrize("value", STANCES)
def test_stance(value):
    piece = pieces().stance(value, STANCE_LABELS.get(value, value))
    if value:
        assert piece == f'<span class="stance stance-{value}">{STANCE_LABELS[value]}</span>'
    else:
        assert piece == '<span class="stance stance-none">no position</span>'
    assert render_django("{% stance value %}", value=value) == piece
    assert stance_pieces()[value] == piece


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("toward", "toward agreement"),
        ("away", "away from agreement"),
        ("unchanged", "same stance"),
        ("new", "new position"),
        ("dropped", "no longer recorded"),
        ("undescribed", "not described before"),
        ("unknown", "cannot tell"),
        (None, "cannot tell"),
    ],
)
def test_direction(value, words):
    piece = pieces().direction(value)
    assert piece.startswith('<span class="direction direction-')
    assert words in piece
    assert render_django("{% direction value %}", value=value) == piece


def test_markers():
    carried, demand = pieces().carried_over(), pieces().demand_marker()
    assert carried == (
        '<span class="carried" title="Carried over from the revision this one continues; '
        'not yet reconfirmed">carried over</span>'
    )
    assert demand.startswith('<span class="demand" title="Demands more than the clause as worded">')
    assert render_django("{% carried_over %}{% demand_marker %}") == carried + demand


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("", "", '<span class="meta">no source given</span>'),
        (HOSTILE, "", f"<bdi>{escape(HOSTILE)}</bdi>"),
        (
            "",
            "https://example.org/a?b=1&c=<x>",
            '<a href="https://example.org/a?b=1&amp;c=&lt;x&gt;" rel="noopener noreferrer" '
            'dir="auto">'
            "https://example.org/a?b=1&amp;c=&lt;x&gt;</a>",
        ),
        (
            HOSTILE,
            "HTTP://example.org/" + HOSTILE,
            f'<a href="HTTP://example.org/{escape(HOSTILE)}" rel="noopener noreferrer" dir="auto">'
            f"{escape(HOSTILE)}</a>",
        ),
        (HOSTILE, "javascript:alert(1)", f"<bdi>{escape(HOSTILE)}</bdi>"),
        ("", "javascript:alert(1)", '<span class="meta">no source given</span>'),
    ],
)
def test_source_links_only_web_addresses(title, url, expected):
    assert pieces().source(title, url) == expected
    assert render_django("{% source title url %}", title=title, url=url) == expected


OPS = [
    TextOp(OpKind.EQUAL, "The  "),
    TextOp(OpKind.DELETE, HOSTILE),
    TextOp(OpKind.INSERT, " new\nwords "),
    TextOp(OpKind.EQUAL, "end."),
]


def test_text_diff():
    html = text_diff(OPS)
    assert html == (
        f'<p class="clause-text diff-text" dir="auto">The  <del>{escape(HOSTILE)}</del>'
        "<ins> new\nwords </ins>end.</p>"
    )
    assert render_django("{% text_diff ops %}", ops=OPS) == html
    assert_escaped(html)


# The overview's rows (templates/clauses/_matrix_rows.jinja).


HOSTILE_PARTY = MatrixParty(pk=1, slug="a", name=HOSTILE, short_name="A", color="")
PARTY_B = MatrixParty(pk=2, slug="b", name="B", short_name="B", color="")


def _matrix(*, pair: bool = False):
    cells = [
        (
            MatrixCell(HOSTILE_PARTY, "supports", HOSTILE, carried_over=True, quote=HOSTILE),
            MatrixCell(PARTY_B),
        ),
        (MatrixCell(HOSTILE_PARTY), MatrixCell(PARTY_B, "unknown", "", demand=HOSTILE)),
    ]
    rows = [
        MatrixRow(
            slug=f"clause-{i}",
            title=HOSTILE,
            topic="territory",
            topic_label=HOSTILE,
            number=f"{i}.",
            status="agreed",
            status_label="agreed",
            text="",
            positions={},
            cells=row,
            gap=gap,
        )
        for i, (row, gap) in enumerate(zip(cells, [None, 4], strict=True))
    ]
    return SimpleNamespace(
        revision=SimpleNamespace(number=3),
        rows=rows,
        other=PARTY_B if pair else None,
        pair_gap=lambda row: 2,
    )


def test_matrix_rows():
    html = matrix_rows(_matrix(), plan_slug="p")
    clause = reverse("clauses:clause", kwargs={"plan": "p", "clause": "clause-0"})
    version = reverse(
        "clauses:clause_version", kwargs={"plan": "p", "clause": "clause-0", "number": 3}
    )
    assert html.count("<tr>") == 2
    assert html.count('<td class="cell">') == 3
    assert html.count('<td class="cell cell-carried">') == 1
    assert html.startswith(
        "<tr>\n"
        '<td class="col-number">0.</td>\n'
        f'<th scope="row" class="col-clause"><a href="{clause}" dir="auto">'
        f'{escape(HOSTILE)}</a> <span class="topic">{escape(HOSTILE)}</span></th>\n'
        '<td><span class="status status-agreed">agreed</span></td>\n'
        f'<td class="cell cell-carried"><a class="cell-link" href="{version}#position-a" '
        f'title="Carried over, not yet reconfirmed. {escape(HOSTILE)} “{escape(HOSTILE)}”">'
        f'<span class="visually-hidden">{escape(HOSTILE)}: </span>'
        '<span class="stance stance-supports">supports</span>'
        '<span class="visually-hidden"> (carried over)</span></a></td>'
    )
    # Carried over is told on hover and to screen readers, not written under the cell.
    assert pieces().carried_over() not in html
    assert '<span class="visually-hidden">B: no position</span>' in html
    assert f" {pieces().demand_marker()}</td>" in html
    assert '<td class="col-gap"><span class="gap gap-none">too few known</span></td>' in html
    assert 'class="gap gap-4"' in html and "opposed" in html
    assert "col-pair" not in html
    assert_escaped(html)


def test_matrix_rows_show_two_chosen_parties_apart_after_their_cells():
    html = matrix_rows(_matrix(pair=True), plan_slug="p")
    assert html.count('<td class="col-pair"><span class="gap gap-2">') == 2
    assert '</td>\n<td class="col-pair">' in html


# The diff's articles (templates/comparison/_diff_clauses.jinja).


def _position(stance, **fields):
    return PositionSnapshot(party_slug="a", stance=stance, **fields)


def _clause(text, status, positions, *, clause_id=1, number="1"):
    return ClauseSnapshot(
        clause_id=clause_id,
        slug=f"clause-{clause_id}",
        title=HOSTILE,
        topic="territory",
        number=number,
        position_in_draft=clause_id,
        text=text,
        status=status,
        positions={p.party_slug: p for p in positions},
    )


def _revisions():
    old = RevisionSnapshot(
        revision_id=1,
        number=1,
        label="r1",
        clauses=(
            _clause(f"Old {HOSTILE} text.", "open", [_position("supports", summary="s")]),
            _clause("Gone.", "open", [_position("opposes", summary=HOSTILE)], clause_id=2),
        ),
    )
    moved = _position(
        "red_line",
        summary=HOSTILE,
        quote=HOSTILE,
        source_title=HOSTILE,
        source_url="https://example.org/?" + HOSTILE,
        demand=HOSTILE,
    )
    new = RevisionSnapshot(
        revision_id=2,
        number=2,
        label="r2",
        clauses=(_clause(f"New {HOSTILE} text.", "agreed", [moved], number="1a"),),
    )
    return old, new


def test_diff_clauses():
    old, new = _revisions()
    result = diff(old, new, party_names={"a": HOSTILE})
    html = diff_clauses(result.clauses, plan_slug="p", old_number=1, new_number=2)
    assert html.count("<article ") == 2
    assert '<article class="diff-clause change-changed" id="clause-clause-1">' in html
    assert '<article class="diff-clause change-removed" id="clause-clause-2">' in html
    assert '<span class="clause-number"><del>1</del> → <ins>1a</ins>.</span>' in html
    assert '<span class="change-badge change-badge-changed">changed</span>' in html
    assert " · changed: text, status, number, positions" in html
    assert ' · status <span class="status">open</span> → <span class="status">agreed</span>' in html
    assert '<a href="?clause=clause-1">this clause only</a>' in html
    assert "<del>Old</del><ins>New</ins>" in html
    assert f'<th scope="row"><a href="{reverse("parties:detail", kwargs={"party": "a"})}">' in html
    assert '<span class="stance stance-red_line">red line</span>' in html
    assert '<span class="direction direction-away">' in html
    assert f'<blockquote class="position-quote" dir="auto">{escape(HOSTILE)}</blockquote>' in html
    assert 'href="https://example.org/?' in html
    assert f'<div class="changed-demand">{pieces().demand_marker()}: ' in html
    assert_escaped(html)


def test_diff_clauses_against_a_partial_revision_say_what_is_not_described():
    old, new = _revisions()
    old = RevisionSnapshot(1, 1, "r1", clauses=old.clauses[1:], coverage="partial")
    result = diff(old, new, party_names={"a": HOSTILE})
    html = diff_clauses(result.clauses, plan_slug="p", old_number=1, new_number=2, old_partial=True)
    assert '<span class="change-badge change-badge-first_described">first described</span>' in html
    assert "not described in r1, which is partial" in html
    assert '<td><span class="meta">not described</span></td>' in html
    assert "not described before" in html
    assert_escaped(html)


# A party's rows (templates/comparison/_party_rows.jinja).


def _party_row(change, *, position=True, movement=None, apart=1.25, since=None, source_id=None):
    return SimpleNamespace(
        version=SimpleNamespace(clause=SimpleNamespace(slug="c", title=HOSTILE), number=HOSTILE),
        position=SimpleNamespace(
            pk=3,
            stance="opposes",
            summary=HOSTILE,
            demand=HOSTILE,
            carried_over=True,
            quote=HOSTILE,
            source_id=source_id,
        )
        if position
        else None,
        change=change,
        movement=movement,
        apart=apart,
        since=since,
    )


def test_party_rows():
    moved = SimpleNamespace(stance_before="supports", stance_changed=True, direction="away")
    entry = SimpleNamespace(
        plan=SimpleNamespace(slug="p"),
        revision=SimpleNamespace(number=2),
        previous=SimpleNamespace(number=1),
        rows=[
            _party_row("changed", movement=moved, since="supports", source_id=7),
            _party_row("added", position=False, apart=None),
        ],
    )
    party = SimpleNamespace(slug="a")
    html = party_rows(entry, party=party, since=1)
    version = reverse("clauses:clause_version", kwargs={"plan": "p", "clause": "c", "number": 2})
    assert html.count("<tr>") == 2
    assert f'<a href="{version}#position-a" dir="auto">{escape(HOSTILE)}</a>' in html
    assert f'<a href="{version}" dir="auto">{escape(HOSTILE)}</a>' in html  # no position: no anchor
    assert ' <span class="change-badge change-badge-added">new</span></th>' in html
    assert (
        '<td><span class="stance stance-opposes">opposes</span> '
        f"{pieces().demand_marker()} {pieces().carried_over()}</td>"
    ) in html
    assert '<td class="apart">1.3</td>' in html
    assert '<td class="apart"><span class="meta">–</span></td>' in html
    assert '<td><span class="stance stance-supports">supports</span></td>' in html
    assert '<span class="direction direction-away">' in html
    assert '<td><span class="meta">not in r1</span></td>\n<td></td>' in html
    assert f'<br><span class="meta">Demands: <bdi>{escape(HOSTILE)}</bdi></span>' in html
    # A position citing a recorded source links to its quote there.
    assert '<br><a class="meta" href="/sources/7/#quote-3">Its quote in the source</a>' in html
    assert html.count('href="/sources/') == 1
    assert_escaped(html)


# The clause page: each party's stance steps and the edit history.


def test_stance_steps():
    supports = SimpleNamespace(stance="supports")
    row = SimpleNamespace(
        party=SimpleNamespace(slug="a"),
        steps_newest_first=lambda: [(supports, True), (None, False)],
    )
    timeline = SimpleNamespace(numbers_newest_first=[2, 1], stances=[row])
    ((shown_row, html),) = stance_steps(timeline, plan_slug="p", clause_slug="c")
    assert shown_row is row
    url = reverse("clauses:clause_version", kwargs={"plan": "p", "clause": "c", "number": 2})
    assert html == (
        f'<li class="step step-changed"><a href="{url}#position-a"><span class="visually-hidden">'
        'r2: </span><span class="stance stance-supports">supports</span><span '
        'class="visually-hidden"> (changed)</span></a></li>\n'
        f'<li class="step"><a href="{url[:-3]}r1/#position-a"><span class="visually-hidden">'
        'r1: </span><span class="stance stance-none">no position</span></a></li>\n'
    )


def test_party_stances():
    statement = SimpleNamespace(
        pk=3,
        quote=f"{HOSTILE}\nline two",
        summary="",
        source_id=7,
        source_title=HOSTILE,
        source_url="",
        stated_on=datetime.date(2025, 3, 4),
        clause_version=SimpleNamespace(revision=SimpleNamespace(number=2)),
    )
    latest = SimpleNamespace(stance="opposes", demand=HOSTILE, carried_over=True)
    row = SimpleNamespace(
        party=SimpleNamespace(slug="a", name=HOSTILE),
        latest=latest,
        latest_statement=statement,
        steps_newest_first=lambda: [(latest, True), (None, False)],
    )
    timeline = SimpleNamespace(numbers_newest_first=[2, 1], stances=[row])
    html = party_stances(timeline, plan_slug="p", clause_slug="c")
    url = reverse("clauses:clause_version", kwargs={"plan": "p", "clause": "c", "number": 2})
    assert html.count('<li class="party-stance">') == 1
    assert f'<a href="{url}#position-a">r2</a>' in html
    assert '<a href="/sources/7/#quote-3">' in html  # the quote, in its recorded source
    assert "<br>line two" in html
    assert "4 March 2025" in html
    assert '<span class="stance stance-opposes">' in html
    assert_escaped(html)


def _entry(**fields):
    entry = {
        "history_id": 1,
        "date": datetime.datetime(2025, 3, 4, 5, 6, tzinfo=datetime.UTC),
        "user": HOSTILE,
        "type": "changed",
        "object": "position",
        "revision": 3,
        "party": "a",
        "party_name": HOSTILE,
        "changed_fields": (),
        "changed_labels": (),
        "summary": HOSTILE,
    }
    return HistoryEntry(**(entry | fields))


def test_edit_history():
    html = edit_history(
        [
            _entry(changes=(("summary", HOSTILE, "x" * 200),)),
            _entry(object="clause", user=None, summary="", changed_labels=(HOSTILE, "title")),
            _entry(object="clause_version", revision=None, type="created"),
        ]
    )
    assert html.count("<tr>") == 4  # the head's and three entries'
    assert '<td><time datetime="2025-03-04T05:06:00+00:00">4 Mar 2025, 05:06</time></td>' in html
    assert f'<th scope="row">{escape(HOSTILE)}\'s position in r3</th>' in html
    assert '<th scope="row">the clause</th>' in html
    assert '<th scope="row">its wording in r?</th>' in html
    assert f"<ins>{'x' * 119}…</ins>" in html
    assert f"changed: {escape(HOSTILE)}, title</td>" in html
    assert '<span class="meta">not recorded</span>' in html
    assert '<span class="meta">none given</span>' in html
    assert_escaped(html)


def test_an_empty_edit_history():
    assert edit_history([]) == '<p class="empty">No recorded edits.</p>'


# The heatmap's rows (templates/publishing/pictures/_heat_rows.jinja).


def test_heatmap_rows():
    parties = [HeatParty("a", HOSTILE, "A"), HeatParty("b", "B", "B")]
    clauses = [
        HeatClause("c1", HOSTILE, HOSTILE, "territory", ("supports", "unknown")),
        HeatClause("c2", "2", "Two", "territory", (None, "red_line")),
    ]
    heat = heatmap_layout(clauses, parties, "https://example.org/{clause}/?a=1&b=2")
    svg = heatmap_rows(heat)
    assert svg.count('<a href="https://example.org/c1/?a=1&amp;b=2" target="_top"') == 1
    # One cell per party and clause: a <use> of its stance's cell, drawn once in <defs>.
    assert svg.count("<use ") == 4
    assert {symbol.id for symbol in heat.symbols} >= {"heat-unknown", "heat-none"}
    # Only the unknown cell (white) is outlined, and one cell of the four uses it.
    assert [symbol.id for symbol in heat.symbols if symbol.outlined] == ["heat-unknown"]
    assert svg.count('<use href="#heat-unknown" ') == 1
    assert svg.count('<use href="#heat-none" ') == 1
    assert 'data-stance=""' in svg and 'data-stance="red_line"' in svg
    assert 'data-party="a"' in svg
    assert "</a>\n<a " in svg  # one row a line
    assert_escaped(svg)


# The alignment form's controls (templates/drafting/_widgets.jinja).


class AlignmentLikeForm(forms.Form):
    title = forms.CharField(max_length=20, required=False)
    note = forms.CharField(required=False)
    topic = forms.ChoiceField(choices=[], required=False)
    locked = forms.CharField(required=False, disabled=True)


CHOICES = [
    ("", "— new clause —"),
    ("Matched", [("a&b", HOSTILE), ("7", "seven")]),
    ("x", "<b>x</b>"),
]


@pytest.mark.parametrize("value", ["", "a&b", "x", "missing"])
@pytest.mark.parametrize("invalid", [False, True])
def test_select(value, invalid):
    form = AlignmentLikeForm({"topic": value, "title": "x" * (30 if invalid else 3)})
    form.fields["topic"].choices = CHOICES
    form.is_valid()
    field = form["topic"]

    def option(v, label):
        selected = " selected" if v == value else ""
        return f'<option value="{escape(v)}"{selected}>{escape(label)}</option>'

    invalid_attribute = ' aria-invalid="true"' if field.errors else ""
    assert select(field, CHOICES) == (
        f'<select name="topic" id="id_topic"{invalid_attribute}>'
        + option("", "— new clause —")
        + f'<optgroup label="Matched">{option("a&b", HOSTILE)}{option("7", "seven")}</optgroup>'
        + option("x", "<b>x</b>")
        + "</select>"
    )
    assert_escaped(select(field, CHOICES))


@pytest.mark.parametrize("name", ["title", "note", "locked"])
@pytest.mark.parametrize("value", ["", HOSTILE])
def test_text_input(name, value):
    form = AlignmentLikeForm({name: value})
    form.is_valid()
    field = form[name]
    html = text_input(field)
    assert html.startswith(f'<input type="text" name="{name}" id="id_{name}"')
    assert f'value="{escape(field.value() or "")}"' in html
    assert ('maxlength="20"' in html) == (name == "title")
    assert ('aria-invalid="true"' in html) == bool(field.errors)
    assert html.endswith(" disabled>") == (name == "locked")
    if value and name == "note":
        assert_escaped(html)
