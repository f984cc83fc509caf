"""HTML is sent compressed, except a response whose body holds a CSRF token (BREACH)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


def test_an_analyst_page_read_anonymously_is_compressed(client, seeded):
    response = client.get(f"/plans/{seeded.slug}/", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b"<h1>" in gzip.decompress(response.content)


def test_a_page_holding_a_csrf_token_is_sent_uncompressed(analyst_client, seeded):
    # Signed in, every page carries the log-out form and its token.
    response = analyst_client.get(f"/plans/{seeded.slug}/", **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"csrfmiddlewaretoken" in response.content


def test_a_client_that_does_not_ask_for_gzip_gets_plain_html(client, seeded):
    response = client.get(f"/plans/{seeded.slug}/")
    assert not response.has_header("Content-Encoding")


def test_the_page_sizes_report_measures_every_page_of_a_plan(client, seeded):
    from bench.page_sizes import client_getter, markdown, measure_pages, plan_pages

    pages = plan_pages(seeded, party_slug="russia")
    sizes = measure_pages(client_getter(client), pages)
    assert [s.path for s in sizes] == [path for _, path in pages]
    overview = sizes[1]
    assert overview.gzip_bytes is not None and overview.gzip_bytes < overview.html_bytes
    assert overview.elements > 100
    assert "| overview |" in markdown("seed", sizes)
