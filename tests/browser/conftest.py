"""Fixtures for tests that run in headless Chromium: Debian's chromium driven by
Playwright, against the app served by pytest-django's ``live_server``.

Where chromium is missing the tests skip with the reason, unless REQUIRE_BROWSER=1 (as in
CI), where a missing browser fails them. Playwright never downloads a browser here.
"""

import os
import shutil
import threading

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in the test's thread; the test's own database
# calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_MISSING = "Debian's chromium is not installed (make browser-deps)"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM_MISSING}, and REQUIRE_BROWSER=1 asks for browser tests.")
        pytest.skip(CHROMIUM_MISSING)
    return path


@pytest.fixture
def browser(chromium_path, live_server):
    """A headless Chromium for one test, closed after it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright runs, the test's own database calls may open a connection of
        # their own (its event loop changes the context Django keys connections by).
        connections.close_all()
    wait_for_request_threads()


@pytest.fixture
def page(browser):
    """A fresh page (its own cookies) in a laptop-sized window."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def wait_for_request_threads(timeout: float = 5.0) -> None:
    """Let the live server's request threads end, closing their database connections.

    They serve the browser's keep-alive connections and close their database connection
    only when the browser has gone; PostgreSQL refuses to drop the test database while
    one is still open.
    """
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout)
