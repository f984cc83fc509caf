"""The "Cite" page of a source: a news report as an article in its outlet, anything else as a
document; its date as precise as it is known, its URL (or its page here when it has
none), the SHA-256 of its text and the day it was accessed; the page and its JSON."""

import datetime
import json

import pytest
from django.urls import reverse

from clauses.views.citations import today
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

HOSTILE = "Wire </pre><script>alert(1)</script> } @misc{x, % & _"


def _cite(source) -> str:
    return reverse("sources:cite", kwargs={"source": source.pk})


@pytest.fixture
def report():
    return SourceFactory(
        title="Talks resume in Geneva",
        outlet="Example News",
        url="https://example.org/geneva",
        published_on=datetime.date(2025, 12, 3),
    )


def test_a_news_report_cites_as_an_article_in_its_outlet(client, report):
    data = client.get(_cite(report), {"format": "json"}).json()
    accessed = today().isoformat()
    assert data["kind"] == "source" and data["url"] == "https://example.org/geneva"
    assert data["fingerprint"] == report.text_sha256 and len(report.text_sha256) == 64
    assert data["accessed"] == accessed
    assert data["text"] == (
        "“Talks resume in Geneva”. In: Example News. 2025-12-03. https://example.org/geneva. "
        f"Text fingerprint (SHA-256): {report.text_sha256}. Accessed {accessed}."
    )
    entry = data["bibtex"]
    assert entry.startswith(f"@article{{source-{report.pk}-Talks-resume-in-Geneva,\n")
    assert "  journal = {Example News},\n" in entry
    assert "  date = {2025-12-03},\n" in entry and "  year = {2025},\n" in entry
    assert "  url = {https://example.org/geneva},\n" in entry
    assert f"  urldate = {{{accessed}}},\n" in entry
    assert f"text fingerprint SHA-256 {report.text_sha256}" in entry
    assert "howpublished" not in entry and "author" not in entry
    item = data["csl_json"]
    assert item["type"] == "article-newspaper"
    assert item["container-title"] == "Example News"
    assert item["issued"] == {"date-parts": [[2025, 12, 3]]}
    assert item["URL"] == "https://example.org/geneva"
    assert item["note"] == f"text fingerprint SHA-256 {report.text_sha256}"
    assert "author" not in item and "publisher" not in item


def test_the_page_gives_the_three_formats_and_links_back(client, report):
    response = client.get(_cite(report))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Plain text" in html and "BibTeX" in html and "CSL-JSON" in html
    assert "@article{" in html and "article-newspaper" in html
    assert f'href="{report.get_absolute_url()}"' in html
    assert report.text_sha256 in html and "text fingerprint (SHA-256)" in html
    assert f'accessed <time datetime="{today().isoformat()}">' in html
    # The source page links to it.
    detail = client.get(report.get_absolute_url()).content.decode()
    assert f'href="{_cite(report)}"' in detail


def test_a_month_is_cited_as_a_month(client):
    source = SourceFactory(published_on=datetime.date(2025, 11, 1), published_on_precision="month")
    data = client.get(_cite(source), {"format": "json"}).json()
    assert " 2025-11. " in data["text"] and "2025-11-01" not in data["text"]
    assert "  date = {2025-11},\n" in data["bibtex"]
    assert "  month = {11},\n" in data["bibtex"] and "  year = {2025},\n" in data["bibtex"]
    assert data["csl_json"]["issued"] == {"date-parts": [[2025, 11]]}


def test_a_source_without_a_url_cites_its_page_here(client):
    source = SourceFactory(kind="official_text", outlet="Office of the President", url="", text="")
    data = client.get(_cite(source), {"format": "json"}).json()
    page = f"http://testserver{source.get_absolute_url()}"
    assert data["url"] == page
    assert data["fingerprint"] is None  # no text recorded, nothing to check
    assert f"Official text; no URL given. {page}. Accessed" in data["text"]
    assert data["text"].startswith("Office of the President. ")
    assert data["bibtex"].startswith("@misc{")
    assert "  author = {{Office of the President}},\n" in data["bibtex"]
    assert data["csl_json"]["type"] == "document"
    assert data["csl_json"]["author"] == [{"literal": "Office of the President"}]
    assert "issued" not in data["csl_json"] and "Official text" in data["csl_json"]["note"]
    html = client.get(_cite(source)).content.decode()
    assert f'Permalink: <a href="{page}">' in html and "fingerprint" not in html


def test_a_hostile_title_is_escaped_on_the_page(client):
    source = SourceFactory(title=HOSTILE)
    response = client.get(_cite(source))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html and "</pre><script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = client.get(_cite(source), {"format": "json"}).json()
    assert data["csl_json"]["title"] == HOSTILE  # JSON keeps the title as it is
    title = next(line for line in data["bibtex"].splitlines() if line.startswith("  title"))
    assert "\\}" in title and "\\%" in title and "\\&" in title and "\\_" in title


@pytest.mark.parametrize("pk", [999999, 2**63])
def test_an_unknown_source_is_a_404(client, pk):
    response = client.get(reverse("sources:cite", kwargs={"source": pk}))
    assert response.status_code == 404
    assert client.get(f"/sources/{pk}/cite/", {"format": "json"}).status_code == 404


def test_a_bad_format_is_a_400_naming_it(client, report):
    response = client.get(_cite(report), {"format": "xml"})
    assert response.status_code == 400 and b"format" in response.content


def test_the_citation_is_not_kept_in_the_page_cache(client, report):
    response = client.get(_cite(report))
    assert "ETag" not in response and "Last-Modified" not in response
    json.loads(client.get(_cite(report), {"format": "json"}).content)


def test_one_query_however_long_the_text(client, django_assert_num_queries):
    short = SourceFactory(text="Short.")
    long = SourceFactory(text="A long report. " * 2000)
    for source in (short, long):
        with django_assert_num_queries(1):
            assert client.get(_cite(source)).status_code == 200
        with django_assert_num_queries(1):
            assert client.get(_cite(source), {"format": "json"}).status_code == 200
