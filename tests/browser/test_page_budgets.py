"""Every analyst page of a long negotiation (500 clauses x 10 parties x 50 revisions) at its
default settings fits its budget: at most 1 MB of HTML and 20,000 DOM elements, sent
gzipped, at the same number of SQL queries as on a tiny plan.

One plan is generated (without history, which no page here reads) and every page measured
once for the session; each page's test then checks its own numbers. Bytes come over HTTP
from the live server, elements from Chromium."""

import urllib.request

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.languages import ensure_translations
from bench.page_sizes import MAX_DOM_ELEMENTS, MAX_HTML_BYTES, measure_pages, plan_pages
from generator.plans import generate_plan
from tests.browser.conftest import CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.once]

PAGES = [
    "plans",
    "overview",
    "overview in Ukrainian",
    "revision timeline",
    "latest revision",
    "latest diff",
    "compare first...latest",
    "clause",
    "clause in the latest revision",
    "parties",
    "party",
    "pictures",
    "synopsis of six revisions",
    "search for a common term",
]
PARTY = "russia"


def _queries(plan) -> list[int]:
    """Each page's queries when rendered, not served from the page cache (the pages were
    just fetched over HTTP, which cached them)."""
    counts = []
    with override_settings(PAGE_CACHE=False):
        for _name, path in plan_pages(plan, party_slug=PARTY):
            with CaptureQueriesContext(connection) as queries:
                assert Client().get(path).status_code == 200
            counts.append(len(queries))
    return counts


def _http_get(base_url: str):
    def get(path: str) -> tuple[bytes, bool]:
        request = urllib.request.Request(base_url + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:  # noqa: S310 - the live server
            return response.read(), response.headers.get("Content-Encoding") == "gzip"

    return get


def _dom_elements(base_url: str, chromium_path: str, paths: list[str]) -> list[int]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        counts = []
        for path in paths:
            page.goto(base_url + path)
            counts.append(page.evaluate("document.getElementsByTagName('*').length"))
        browser.close()
    return counts


@pytest.fixture(scope="session")
def measured(django_db_setup, django_db_blocker, live_server, chromium_path):
    """Each page's sizes on the long negotiation, with its queries there and on a tiny plan."""
    with django_db_blocker.unblock():
        tiny = generate_plan(clauses=5, parties=3, revisions=3, slug="tiny", history=False).plan
        long = generate_plan(clauses=500, parties=10, revisions=50, slug="long", history=False).plan
        # Texts in Ukrainian for the overview read in it (bench/languages.py, as the bench).
        ensure_translations(tiny)
        ensure_translations(long)
        pages = plan_pages(long, party_slug=PARTY)
        assert len(pages) == len(PAGES)
        sizes = measure_pages(_http_get(live_server.url), pages)
        elements = _dom_elements(live_server.url, chromium_path, [path for _, path in pages])
        return {
            "sizes": dict(zip(PAGES, sizes, strict=True)),
            "elements": dict(zip(PAGES, elements, strict=True)),
            "queries": dict(zip(PAGES, _queries(long), strict=True)),
            "tiny queries": dict(zip(PAGES, _queries(tiny), strict=True)),
        }


@pytest.mark.parametrize("page", PAGES)
def test_a_page_of_a_long_negotiation_fits_its_budget(measured, page):
    size = measured["sizes"][page]
    assert size.html_bytes <= MAX_HTML_BYTES, size
    assert measured["elements"][page] <= MAX_DOM_ELEMENTS, (size.path, measured["elements"][page])
    assert size.gzip_bytes is not None, f"{size.path} was not compressed"
    assert measured["queries"][page] == measured["tiny queries"][page]
