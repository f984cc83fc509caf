"""Every partial the pages keep rendered (clauses.rendering) gives, for every value, exactly
what its ``{% include %}`` gives: the template stays the one source of its markup, and
hostile text is escaped the same way both ways."""

from types import SimpleNamespace

import pytest
from django import forms
from django.template import Context, Template
from django.utils.safestring import mark_safe

from clauses import rendering
from clauses.vocabularies import STANCE_LABELS, Stance
from comparison import rendering as comparison_rendering
from comparison.textdiff import OpKind, TextOp
from drafting.fields_html import select, text_input

HOSTILE = (
    '<script>alert(1)</script> "><img src=x onerror=alert(1)> {title} \x00slot:title\x00 &amp;'
)
STANCES = [None, "", *Stance.values]
GAPS = [None, 0, 1, 2, 3, 4]
DIRECTIONS = ["toward", "away", "unchanged", "new", "dropped", None, "sideways"]


def include(partial: str, **context) -> str:
    """``partial`` rendered through ``{% include %}`` in a template, as pages do."""
    return Template(f'{{% include "clauses/{partial}.html" %}}').render(Context(context))


@pytest.mark.parametrize("value", STANCES)
def test_stance(value):
    label = STANCE_LABELS.get(value, value)
    expected = include("_stance", stance=value, label=label)
    assert rendering.stance(value) == expected
    assert Template("{% load partials %}{% stance value %}").render(Context({"value": value})) == (
        expected
    )


@pytest.mark.parametrize("value", DIRECTIONS)
def test_direction(value):
    assert rendering.direction(value) == include("_direction", direction=value)


def test_direction_words():
    assert "toward agreement" in rendering.direction("toward")
    assert "new position" in rendering.direction("new")
    assert "no longer recorded" in rendering.direction("dropped")
    assert "cannot tell" in rendering.direction(None)


def test_carried_over_marker_has_its_title_everywhere():
    marker = rendering.carried_over()
    assert marker == include("_carried")
    assert 'title="Carried over from the revision this one continues' in marker
    rendered = Template("{% load partials %}{% carried_over %}").render(Context())
    assert rendered == marker


@pytest.mark.parametrize("value", GAPS)
def test_gap(value):
    assert rendering.gap(value) == include("_gap", gap=value)


@pytest.mark.parametrize("value", STANCES)
@pytest.mark.parametrize("changed", [True, False])
def test_stance_step(value, changed):
    label = STANCE_LABELS.get(value, value) or ""
    expected = include(
        "_stance_step", href=HOSTILE, revision=HOSTILE, stance=value, label=label, changed=changed
    )
    step = rendering.stance_step(value, changed)
    assert step.fill(href=HOSTILE, revision=HOSTILE) == expected


@pytest.mark.parametrize("value", GAPS)
def test_pair_gap(value):
    assert rendering.pair_gap(value) == include("_matrix_pair_cell", gap=value)


def test_gap_words():
    assert "too few known" in rendering.gap(None)
    assert "aligned" in rendering.gap(0)
    assert "opposed" in rendering.gap(4)
    assert 'value="2"' in rendering.gap(2)


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("", ""),
        (HOSTILE, ""),
        ("", "https://example.org/a?b=1&c=<x>"),
        (HOSTILE, "HTTP://example.org/" + HOSTILE),
        (HOSTILE, "javascript:alert(1)"),
        ("", "javascript:alert(1)"),
    ],
)
def test_source(title, url):
    expected = include("_source", title=title, url=url)
    assert rendering.source(title, url) == expected
    tag = Template("{% load partials %}{% source title url %}")
    assert tag.render(Context({"title": title, "url": url})) == expected


def test_source_never_links_other_schemes():
    assert "<a" not in rendering.source("t", "javascript:alert(1)")
    assert 'href="https://example.org/"' in rendering.source("", "https://example.org/")


OPS = [
    TextOp(OpKind.EQUAL, "The  "),
    TextOp(OpKind.DELETE, HOSTILE),
    TextOp(OpKind.INSERT, " new\nwords "),
    TextOp(OpKind.EQUAL, "{pieces} end."),
]


@pytest.mark.parametrize("op", OPS)
def test_text_diff_piece(op):
    assert comparison_rendering.text_ops([op]) == include("_text_diff_piece", op=op)


def test_text_diff():
    assert comparison_rendering.text_diff(OPS) == include("_text_diff", ops=OPS)
    assert "<script>" not in comparison_rendering.text_diff(OPS)


@pytest.mark.parametrize(("quoted", "demand"), [(False, False), (True, False), (True, True)])
@pytest.mark.parametrize("carried", [False, True])
@pytest.mark.parametrize("stance", Stance.values)
def test_matrix_cell(stance, carried, quoted, demand):
    data = {"href": "/plans/p/r/1/c/?a=1&b=2#position-x", "summary": HOSTILE, "party_name": HOSTILE}
    if quoted:
        data["quote"] = HOSTILE
    expected = include(
        "_matrix_cell",
        stance=stance,
        label=STANCE_LABELS[stance],
        carried_over=carried,
        quoted=quoted,
        demand=demand,
        **data,
    )
    assert rendering._matrix_cell(stance, carried, quoted, demand).fill(**data) == expected


def test_matrix_cell_without_position():
    built = rendering.slotted("_matrix_cell_empty", "party_name").fill(party_name=HOSTILE)
    assert built == include("_matrix_cell_empty", party_name=HOSTILE)


@pytest.mark.parametrize("gap", GAPS)
def test_matrix_row(gap):
    data = {
        "number": "4.1",
        "clause_url": "/plans/p/clauses/c/",
        "title": HOSTILE,
        "topic_label": HOSTILE,
        "status": "agreed",
        "status_label": "Agreed",
        "cells": mark_safe('<td class="cell">x</td>\n'),  # noqa: S308 - fixed test markup
    }
    built = rendering.slotted("_matrix_row", *data, gap=gap).fill(**data)
    assert built == include("_matrix_row", gap=gap, **data)
    assert "<script>" not in built


def test_slots_hold_data_as_text():
    """Data that looks like a placeholder or a format field stays as it is, escaped."""
    filled = rendering.slotted("_source_link", "url", "title").fill(url="https://x/", title=HOSTILE)
    assert "{title}" in filled
    assert "\x00slot:title\x00" in filled
    assert "&lt;script&gt;" in filled


# The alignment form's fields, against Django's own widgets rendered with the same values.


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


def widget_include(partial: str, **context) -> str:
    return include(f"edit/{partial}", **context)


@pytest.mark.parametrize("value", ["", "a&b", "x", "missing"])
@pytest.mark.parametrize("invalid", [False, True])
def test_select(value, invalid):
    data = {"topic": value, "title": "x" * (30 if invalid else 3)}
    form = AlignmentLikeForm(data)
    form.fields["topic"].choices = CHOICES
    form.is_valid()
    field = form["topic"]
    options = "".join(
        widget_include(
            "_widget_optgroup",
            label=group,
            options=mark_safe(  # noqa: S308 - rendered above
                "".join(
                    widget_include("_widget_option", value=v, label=lbl, selected=v == value)
                    for v, lbl in members
                )
            ),
        )
        if isinstance(members, list)
        else widget_include("_widget_option", value=group, label=members, selected=group == value)
        for group, members in CHOICES
    )
    expected = widget_include(
        "_widget_select",
        name="topic",
        id="id_topic",
        invalid=bool(field.errors),
        disabled=False,
        options=mark_safe(options),  # noqa: S308 - rendered above
    )
    assert select(field, CHOICES) == expected
    assert ("selected" in expected) == (value in {"", "a&b", "x"})


@pytest.mark.parametrize("name", ["title", "note", "locked"])
@pytest.mark.parametrize("value", ["", HOSTILE])
def test_text_input(name, value):
    form = AlignmentLikeForm({name: value})
    form.is_valid()
    field = form[name]
    max_length = field.field.max_length or ""
    expected = widget_include(
        "_widget_text",
        name=name,
        id=f"id_{name}",
        has_maxlength=bool(max_length),
        maxlength=max_length,
        value=field.value() or "",
        invalid=bool(field.errors),
        disabled=name == "locked",
    )
    assert text_input(field) == expected
    assert ("aria-invalid" in expected) == bool(field.errors)
    assert ("maxlength" in expected) == (name == "title")
    assert ("disabled" in expected) == (name == "locked")


def test_slotted_filler_takes_the_slots_in_any_order():
    link = rendering.slotted("_source_link", "url", "title")
    assert link.filler("title", "url")(("T", "https://x/")) == link.fill(
        title="T", url="https://x/"
    )
    with pytest.raises(ValueError, match="slots"):
        link.filler("title")


def test_matrix_rows_match_a_template_loop_over_the_partials():
    """The overview's rows built in Python are the rows its partials give through
    ``{% include %}``, hostile names and summaries included."""
    columns = [SimpleNamespace(name=HOSTILE, slug="a"), SimpleNamespace(name="B", slug="b")]
    cells = [
        [
            SimpleNamespace(
                stance="supports", summary=HOSTILE, carried_over=True, quote=HOSTILE, demand=""
            ),
            None,
        ],
        [
            None,
            SimpleNamespace(
                stance="unknown", summary="", carried_over=False, quote="", demand=HOSTILE
            ),
        ],
    ]
    rows = [
        SimpleNamespace(
            number=f"{i}.",
            slug=f"clause-{i}",
            title=HOSTILE,
            topic_label=HOSTILE,
            status="agreed",
            status_label="Agreed",
            gap=gap,
            cells=[c or SimpleNamespace(stance=None, summary="", carried_over=False) for c in row],
        )
        for i, (row, gap) in enumerate(zip(cells, [None, 4], strict=True))
    ]
    matrix = SimpleNamespace(
        revision=SimpleNamespace(number=3), columns=columns, rows=rows, other=None
    )
    for row in rows:
        version = f"/plans/p/clauses/{row.slug}/r3/"
        row.cells_html = mark_safe(  # noqa: S308 - rendered through the template
            "".join(
                include(
                    "_matrix_cell",
                    href=f"{version}#position-{party.slug}",
                    summary=cell.summary,
                    party_name=party.name,
                    stance=cell.stance,
                    label=STANCE_LABELS[cell.stance],
                    carried_over=cell.carried_over,
                    quoted=bool(cell.quote),
                    quote=cell.quote,
                    demand=bool(cell.demand),
                )
                if cell.stance
                else include("_matrix_cell_empty", party_name=party.name)
                for cell, party in zip(row.cells, columns, strict=True)
            )
        )
    expected = "".join(
        include(
            "_matrix_row",
            number=row.number,
            clause_url=f"/plans/p/clauses/{row.slug}/",
            title=row.title,
            topic_label=row.topic_label,
            status=row.status,
            status_label=row.status_label,
            gap=row.gap,
            cells=row.cells_html,
        )
        for row in rows
    )
    assert rendering.matrix_rows(matrix, plan_slug="p") == expected
