"""The sources' pages: the list, and what one source says, grouped by party and clause,
each quote marked in the escaped text; the clause and party pages link quotes to it."""

import pytest

from tests.factories import (
    ClauseFactory,
    ClauseVersionFactory,
    PartyFactory,
    PositionFactory,
    RevisionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "Kyiv said it was “ready to discuss a ceasefire line” <b>now</b>. Moscow answered "
    "that it «would study the proposal» & reply later."
)


@pytest.fixture
def cited():
    """A source cited by two parties on two clauses, one of them by paraphrase."""
    source = SourceFactory(title="Wire <report>", text=TEXT)
    revision = RevisionFactory()
    ceasefire = ClauseVersionFactory(
        revision=revision, clause=ClauseFactory(plan=revision.plan, title="Ceasefire")
    )
    talks = ClauseVersionFactory(
        revision=revision, clause=ClauseFactory(plan=revision.plan, title="Talks")
    )
    kyiv = PartyFactory(slug="kyiv", name="Ukraine", sort_order=1)
    moscow = PartyFactory(slug="moscow", name="Russia", sort_order=2)
    quotes = {
        "kyiv-ceasefire": PositionFactory(
            clause_version=ceasefire,
            party=kyiv,
            source=source,
            quote="ready to discuss a ceasefire line",
            quote_check="checked",
        ),
        "kyiv-talks": PositionFactory(
            clause_version=talks,
            party=kyiv,
            source=source,
            quote="",
            summary="Open to talks.",
            quote_check="paraphrase",
        ),
        "moscow-ceasefire": PositionFactory(
            clause_version=ceasefire,
            party=moscow,
            source=source,
            quote="it «would study the proposal»",
            quote_check="checked",
        ),
    }
    return source, quotes


def test_the_list_names_each_source_with_its_citations(client, cited):
    source, _ = cited
    SourceFactory(title="Uncited", text="")
    page = client.get("/sources/").content.decode()
    assert "Wire &lt;report&gt;" in page and "<report>" not in page
    assert f'href="/sources/{source.pk}/"' in page
    assert "Uncited" in page and "not recorded" in page


def test_the_source_page_groups_by_party_and_clause_and_marks_each_quote(client, cited):
    source, quotes = cited
    response = client.get(f"/sources/{source.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    # Grouped by party (in the matrix's order), then clause.
    assert page.index("Ukraine") < page.index("Russia")
    ukraine = page[page.index('id="party-kyiv"') : page.index('id="party-moscow"')]
    assert ukraine.index("Ceasefire") < ukraine.index("Talks")
    assert "paraphrase" in ukraine and "Open to talks." in ukraine
    # Each quote marked where it stands in the text, linked from its citation.
    kyiv = quotes["kyiv-ceasefire"].pk
    moscow = quotes["moscow-ceasefire"].pk
    assert (
        f'<mark class="source-quote" id="quote-{kyiv}" data-quotes="quote-{kyiv}">'
        "ready to discuss a ceasefire line</mark>" in page
    )
    assert f'id="quote-{moscow}"' in page and "it «would study the proposal</mark>»" in page
    assert f'href="#quote-{kyiv}"' in page
    # The text is escaped: markup in a pasted text is shown, never run.
    assert "&lt;b&gt;now&lt;/b&gt;" in page and "<b>now</b>" not in page
    assert "&amp; reply later" in page
    assert "Wire &lt;report&gt;" in page
    assert "no URL given" not in page


def test_a_source_without_text_or_url_says_so(client):
    source = SourceFactory(text="", url="")
    page = client.get(f"/sources/{source.pk}/").content.decode()
    assert "no URL given" in page
    assert "not recorded" in page


def test_an_unknown_source_is_404(client):
    assert client.get("/sources/999999/").status_code == 404
    assert client.get("/sources/99999999999999999999999/").status_code == 404


def test_the_clause_page_links_each_quote_to_its_source(client, cited):
    source, quotes = cited
    position = quotes["kyiv-ceasefire"]
    version = position.clause_version
    url = f"/plans/{version.revision.plan.slug}/clauses/{version.clause.slug}/"
    page = client.get(url).content.decode()
    assert f'href="/sources/{source.pk}/#quote-{position.pk}"' in page
    version_page = client.get(f"{url}r{version.revision.number}/").content.decode()
    assert f'href="/sources/{source.pk}/#quote-{position.pk}"' in version_page
    talks = quotes["kyiv-talks"].clause_version
    talks_page = client.get(
        f"/plans/{talks.revision.plan.slug}/clauses/{talks.clause.slug}/r{talks.revision.number}/"
    ).content.decode()
    assert "paraphrase" in talks_page


def test_the_party_page_links_each_position_to_its_source(client, cited):
    source, quotes = cited
    page = client.get("/parties/kyiv/").content.decode()
    assert f'href="/sources/{source.pk}/#quote-{quotes["kyiv-ceasefire"].pk}"' in page
    assert "Paraphrase: its source" in page


def many_cited(n: int):
    revision = RevisionFactory()
    for _ in range(n):
        source = SourceFactory(text=TEXT)
        for party in range(2):
            PositionFactory(
                clause_version=ClauseVersionFactory(revision=revision),
                party=PartyFactory(slug=f"p{party}"),
                source=source,
                quote="ready to discuss",
            )
    return source


@pytest.mark.parametrize("n", [1, 6])
def test_the_list_and_a_source_page_cost_the_same_queries_whatever_the_data(
    client, django_assert_num_queries, n
):
    source = many_cited(n)
    client.get("/sources/")  # warm the session and any cache of the site
    # The sources with their counts.
    with django_assert_num_queries(1):
        assert client.get("/sources/").status_code == 200
    # The source, its positions with their places, who recorded it.
    with django_assert_num_queries(3):
        assert client.get(f"/sources/{source.pk}/").status_code == 200
