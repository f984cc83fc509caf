"""The pages every reader opens first are in the cache as soon as a write commits, and a
page missing from the cache is drawn once however many readers ask for it meanwhile
(core/page_fill.py, core/conditional.py)."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from clauses import services
from clauses.models import Revision
from core import conditional
from core.page_fill import filler
from tests.factories import build_plan

OVERVIEW = "/plans/generated/"
REVISION = "/api/v1/plans/generated/revisions/2/"
UKRAINIAN = {"accept-language": "uk"}


@pytest.fixture
def plan(transactional_db):
    return build_plan(clauses=3, parties=2, revisions=2)


@pytest.fixture
def filling(settings):
    settings.PAGE_FILL = True
    yield
    assert filler.wait_until_idle(timeout=30)


def relabel(editor_api, label: str) -> None:
    etag = editor_api.get(REVISION)["ETag"]
    response = editor_api.patch(
        REVISION,
        {"label": label, "edit_summary": "Named as the mediators call it"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content


def drawn(response) -> bool:
    """Whether the view drew the page for this request (a page from the cache renders no
    template)."""
    return bool(response.templates)


def test_after_a_write_the_overview_and_home_are_served_from_the_cache_in_each_language(
    plan, editor_api, client, filling
):
    relabel(editor_api, "Geneva counter-proposal")
    assert filler.wait_until_idle(timeout=30)

    for url in (OVERVIEW, "/"):
        for headers in ({}, UKRAINIAN):
            response = client.get(url, headers=headers)
            assert response.status_code == 200
            assert not drawn(response), (url, headers)
    page = client.get(OVERVIEW)
    assert "Geneva counter-proposal" in page.content.decode()
    # What the fill stored is what a reader drawing the page gets.
    cache.clear()
    assert client.get(OVERVIEW).content == page.content


def test_without_page_fill_the_first_reader_after_a_write_draws_the_page(
    plan, editor_api, client, settings
):
    settings.PAGE_FILL = False
    client.get(OVERVIEW)
    relabel(editor_api, "Geneva counter-proposal")

    assert drawn(client.get(OVERVIEW))


def test_a_write_outside_a_request_fills_nothing(plan, client, filling):
    revision = Revision.objects.get(plan__slug="generated", number=2)
    services.revision_update(
        revision=revision,
        expected_version=revision.version,
        user=None,
        summary="Renamed by a script",
        changes={"label": "Scripted label"},
    )
    assert filler.wait_until_idle(timeout=30)

    assert drawn(client.get(OVERVIEW))


class Looks:
    """Stands in for the pause between a waiting reader's looks at the cache: counts the
    looks, and runs ``meanwhile`` at each, as the request drawing the page would act."""

    def __init__(self):
        self.count = 0
        self.meanwhile = lambda: None

    def __call__(self, _seconds):
        self.count += 1
        self.meanwhile()


@pytest.fixture
def looks(monkeypatch):
    looks = Looks()
    monkeypatch.setattr(conditional.time, "sleep", looks)
    return looks


def first_drawing(client, url: str, monkeypatch) -> tuple[str, str, bytes]:
    """The page's cache key, its fill lock's key and its body, from its first drawing."""
    keys: list[str] = []
    original = conditional.cache.set

    def kept(key, *args, **kwargs):
        keys.append(key)
        return original(key, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(conditional.cache, "set", kept)
        body = client.get(url).content
    (page_key,) = keys
    fill_key = page_key.replace(conditional.CACHE_PREFIX, conditional.FILL_PREFIX, 1)
    return page_key, fill_key, body


def test_a_reader_who_misses_a_page_being_drawn_waits_for_it_instead_of_drawing_it(
    plan, client, looks, monkeypatch
):
    page_key, fill_key, body = first_drawing(client, OVERVIEW, monkeypatch)
    stored = cache.get(page_key)
    cache.delete(page_key)
    cache.add(fill_key, 1)  # another request is drawing the page

    def the_other_stores_it():
        if looks.count == 3:
            cache.set(page_key, stored)
            cache.delete(fill_key)

    looks.meanwhile = the_other_stores_it
    response = client.get(OVERVIEW)

    assert response.status_code == 200
    assert not drawn(response)
    assert looks.count == 3
    assert response.content == body


def test_a_reader_draws_the_page_itself_once_the_other_gave_up_without_storing_it(
    plan, client, looks, monkeypatch
):
    page_key, fill_key, body = first_drawing(client, OVERVIEW, monkeypatch)
    cache.delete(page_key)
    cache.add(fill_key, 1)
    looks.meanwhile = lambda: cache.delete(fill_key)  # a page it could not share, say

    response = client.get(OVERVIEW)

    assert drawn(response)
    assert looks.count == 1
    assert response.content == body
    assert cache.get(page_key) is not None
    assert cache.get(fill_key) is None


def test_a_page_that_failed_gives_up_the_lock_so_the_next_reader_does_not_wait(plan, client, looks):
    assert client.get(f"{OVERVIEW}?revision=abc").status_code == 400
    assert client.get(f"{OVERVIEW}?revision=abc").status_code == 400
    assert looks.count == 0


def test_concurrent_readers_of_a_missing_page_draw_it_once(plan):
    drawings: list[int] = []
    original = conditional.ConditionalRead.finish

    def finish(self, response):
        drawings.append(1)
        return original(self, response)

    conditional.ConditionalRead.finish = finish
    gate = threading.Barrier(4)
    statuses: list[int] = []

    def reader():
        gate.wait()
        try:
            statuses.append(Client().get(OVERVIEW).status_code)
        finally:
            connection.close()

    try:
        readers = [threading.Thread(target=reader) for _ in range(4)]
        for thread in readers:
            thread.start()
        for thread in readers:
            thread.join(timeout=60)
    finally:
        conditional.ConditionalRead.finish = original

    assert statuses == [200] * 4
    assert len(drawings) == 1
