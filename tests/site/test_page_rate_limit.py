"""Pages, exports, feeds and pictures are rate-limited per client, counted in the shared
cache: past the limit a client gets a 429 page that says when to try again, with
Retry-After; other clients, signed-in readers, static files and the API (which has
throttles of its own) are not held back by it (peaceplan/page_limits.py)."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from peaceplan.page_limits import PageRateLimit
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

PAGE_RATE = 3
DOWNLOAD_RATE = 2
OVERVIEW = "/plans/generated/"
DOWNLOADS = [
    "/plans/generated/?format=csv",
    "/plans/generated/?format=json",
    "/plans/generated/feed/",
    "/plans/generated/heatmap.svg",
    "/plans/generated/convergence.csv",
    "/parties/generated-party-0/feed/",
]


@pytest.fixture(autouse=True)
def small_rates(settings):
    settings.PAGE_RATE = f"{PAGE_RATE}/minute"
    settings.DOWNLOAD_RATE = f"{DOWNLOAD_RATE}/minute"


@pytest.fixture
def plan(db):
    return build_plan(clauses=3, parties=2, revisions=2)


def statuses(client, url, count, **extra) -> list[int]:
    return [client.get(url, **extra).status_code for _ in range(count)]


def test_past_the_rate_a_reader_gets_429_saying_when_to_retry(plan, client):
    assert statuses(client, OVERVIEW, PAGE_RATE) == [200] * PAGE_RATE

    response = client.get(OVERVIEW)

    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 60
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Too many requests" in page
    assert re.search(rf"in {retry_after} seconds?", page)
    assert re.search(r"\d\d:\d\d:\d\d UTC", page)
    # The site's own page (base.html), not a bare status line.
    assert 'class="site-nav"' in page
    assert response["Cache-Control"] == "no-store"


def test_every_page_counts_toward_the_same_limit(plan, client):
    pages = [OVERVIEW, "/plans/generated/revisions/", "/", "/parties/"]
    answered = [client.get(url).status_code for url in pages]
    assert answered == [200] * PAGE_RATE + [429]


def test_the_limit_is_per_client(plan, client):
    statuses(client, OVERVIEW, PAGE_RATE + 1)

    other = Client(REMOTE_ADDR="10.0.0.2")
    assert other.get(OVERVIEW).status_code == 200


def test_a_new_x_forwarded_for_per_request_does_not_reset_the_count(plan, client):
    forged = [
        client.get(OVERVIEW, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(PAGE_RATE + 2)
    ]
    assert forged == [200] * PAGE_RATE + [429] * 2


def test_behind_a_trusted_proxy_clients_are_told_apart_by_the_address_it_forwards(
    plan, client, settings
):
    settings.TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    first = statuses(client, OVERVIEW, PAGE_RATE + 1, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    second = client.get(OVERVIEW, HTTP_X_FORWARDED_FOR="203.0.113.10", **proxy)

    assert first == [200] * PAGE_RATE + [429]
    assert second.status_code == 200


def test_signed_in_readers_are_not_limited(plan, editor_client, analyst_client):
    assert statuses(editor_client, OVERVIEW, PAGE_RATE * 3) == [200] * (PAGE_RATE * 3)
    assert statuses(analyst_client, "/plans/generated/?format=csv", DOWNLOAD_RATE * 3) == [200] * (
        DOWNLOAD_RATE * 3
    )


def test_a_session_cookie_that_signs_no_one_in_is_still_limited(plan, client):
    client.cookies["sessionid"] = "not-a-session"
    assert statuses(client, OVERVIEW, PAGE_RATE + 1) == [200] * PAGE_RATE + [429]


@pytest.mark.parametrize("url", DOWNLOADS)
def test_exports_feeds_and_pictures_have_a_lower_limit_of_their_own(plan, client, url):
    assert statuses(client, url, DOWNLOAD_RATE + 1) == [200] * DOWNLOAD_RATE + [429]
    response = client.get(url)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    # Pages have their own allowance, untouched by downloads.
    assert statuses(client, OVERVIEW, PAGE_RATE) == [200] * PAGE_RATE


def test_static_files_are_not_limited(plan, client):
    answered = statuses(client, "/static/favicon.svg", PAGE_RATE * 3)
    assert 429 not in answered


def test_the_api_keeps_its_own_throttle_and_is_not_counted_here(plan, client):
    assert statuses(client, "/api/v1/plans/", PAGE_RATE * 2) == [200] * (PAGE_RATE * 2)
    assert client.get(OVERVIEW).status_code == 200


def test_the_count_lives_in_the_shared_cache(plan, client):
    statuses(client, OVERVIEW, PAGE_RATE)
    # Another handler (a process of its own would load its own middleware) sees the count.
    assert Client().get(OVERVIEW).status_code == 429

    cache.clear()
    assert Client().get(OVERVIEW).status_code == 200


def test_a_refusal_costs_no_query(plan, client, django_assert_num_queries):
    statuses(client, OVERVIEW, PAGE_RATE)
    with django_assert_num_queries(0):
        assert client.get(OVERVIEW).status_code == 429


def test_a_page_from_the_cache_costs_no_more_than_before(plan, client, django_assert_num_queries):
    client.get(OVERVIEW)
    # 1. the plan's change stamp
    with django_assert_num_queries(1):
        assert client.get(OVERVIEW).status_code == 200


@pytest.mark.parametrize("setting", ["PAGE_RATE", "DOWNLOAD_RATE"])
@pytest.mark.parametrize("value", ["lots", "10/fortnight", "-1/minute", ""])
def test_a_rate_that_cannot_be_read_names_its_setting(settings, setting, value):
    setattr(settings, setting, value)
    with pytest.raises(ImproperlyConfigured, match=setting):
        PageRateLimit(lambda request: None)
