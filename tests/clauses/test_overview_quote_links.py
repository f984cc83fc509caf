"""The overview links a position citing a stored source to its quote there, in the same
queries; a position citing no stored source gets no such link."""

import pytest
from django.urls import reverse

from tests.factories import PositionFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_cell_citing_a_stored_source_links_to_its_quote(client):
    cited = PositionFactory(
        clause_version__revision__plan__slug="framework",
        party__slug="russia",
        quote="We will not accept it.",
        source=SourceFactory(text=""),
    )
    revision = cited.clause_version.revision
    uncited = PositionFactory(clause_version__revision=revision, party__slug="ukraine")

    html = client.get(reverse("clauses:plan", kwargs={"plan": "framework"})).content.decode()

    link = f'href="/sources/{cited.source_id}/#quote-{cited.pk}"'
    assert html.count(link) == 1
    assert 'title="The quote in its source"' in html
    assert html.count('class="cell-source"') == 1
    assert f"#quote-{uncited.pk}" not in html
