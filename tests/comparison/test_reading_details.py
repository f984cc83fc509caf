"""Small things an analyst reads: possessives as English writes them, the matrix's scroll
box named for screen readers, and "carried over" told on hover, not under every cell."""

import pytest
from django.template import engines
from django.urls import reverse

from clauses.models import Position
from clauses.services import revision_clone
from core.jinja2 import possessive
from parties.models import Party

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Russia", "Russia's"),
        ("European partners", "European partners'"),
        ("United States", "United States'"),
        ("<b>O'Brien</b>", "&lt;b&gt;O&#x27;Brien&lt;/b&gt;'s"),
    ],
)
def test_possessive(name, expected):
    assert str(possessive(name)) == expected
    django = engines["django"].from_string("{% load text %}{{ name|possessive }}")
    assert django.render({"name": name}) == expected


def test_the_edit_history_names_a_plural_party_s_position_right(client, plan, editor):
    Party.objects.filter(slug="russia").update(name="European partners")
    position = (
        Position.objects.filter(clause_version__revision__number=1, party__slug="russia")
        .order_by("pk")
        .first()
    )
    position.summary = "Softer now."
    position._history_user = editor
    position._change_reason = "Reported"
    position.save()
    clause = position.clause_version.clause.slug
    page = client.get(
        reverse("clauses:clause", kwargs={"plan": "framework", "clause": clause})
    ).content.decode()
    assert "European partners' position in r1" in page
    assert "partners's" not in page


def test_the_matrix_names_its_scroll_box_and_marks_carried_over_cells_quietly(client, plan, editor):
    revision_clone(source=plan.revisions.get(), user=editor, summary="Draft 2")
    page = client.get(reverse("clauses:plan", kwargs={"plan": "framework"})).content.decode()
    assert (
        '<div class="table-scroll matrix-scroll" role="region" '
        'aria-labelledby="matrix-caption" tabindex="0">'
    ) in page
    assert '<caption id="matrix-caption">' in page
    matrix = page[page.index("<tbody>") : page.index("</tbody>")]
    # Every position of r2 is carried over: marked on each cell, never written under it.
    assert (
        matrix.count('class="cell cell-carried"')
        == Position.objects.filter(clause_version__revision__number=2).count()
    )
    assert ">carried over</span>" not in matrix
    assert 'title="Carried over, not yet reconfirmed.' in matrix
    assert '<span class="visually-hidden"> (carried over)</span>' in matrix
    # The legend says once what the mark means.
    assert "dashed outline" in page[page.index("</tbody>") :]
