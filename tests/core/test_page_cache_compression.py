"""The page cache keeps pages gzipped once and hands them on: compressed to a client that
takes gzip, plain to one that does not, the same page a fresh render gives either way, and
never one from before a write (core/conditional.py, core/compression.py)."""

import gzip

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from clauses import services
from clauses.conditional import plan_page
from clauses.models import Plan
from tests.conftest import editors_group
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip, deflate, br"}
# Pages and API reads, each long enough to be compressed.
CACHED = [
    "/plans/generated/",
    "/plans/generated/revisions/",
    "/plans/generated/feed/",
    "/api/v1/positions/?plan=generated",
    "/api/v1/plans/generated/clauses/clause-0/r2/",
]
# Headers that differ between any two responses (a fresh nonce, the clock, the request's id).
PER_RESPONSE = {"Content-Security-Policy", "Date", "Content-Length", "X-Request-ID"}


@pytest.fixture
def plan(db):
    return build_plan(clauses=3, parties=2, revisions=2)


def headers_of(response) -> dict:
    headers = {k: v for k, v in response.headers.items() if k not in PER_RESPONSE}
    # The order of the names in Vary says nothing.
    headers["Vary"] = sorted(response["Vary"].split(", "))
    return headers


@pytest.mark.parametrize("url", CACHED)
def test_a_cached_page_is_the_fresh_page_compressed_or_plain_as_asked(
    url, plan, client, django_assert_num_queries
):
    fresh_plain = client.get(url)
    cache.clear()
    fresh_gzip = client.get(url, headers=GZIP)
    assert fresh_gzip["Content-Encoding"] == "gzip"

    # Both served from the cache: the stamp is the one query.
    with django_assert_num_queries(1):
        hit_gzip = client.get(url, headers=GZIP)
    with django_assert_num_queries(1):
        hit_plain = client.get(url)

    assert hit_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit_gzip.content) == fresh_plain.content
    assert headers_of(hit_gzip) == headers_of(fresh_gzip)
    assert not hit_plain.has_header("Content-Encoding")
    assert hit_plain.content == fresh_plain.content
    assert headers_of(hit_plain) == headers_of(fresh_plain)
    assert "Accept-Encoding" in hit_plain["Vary"] and "Cookie" in hit_plain["Vary"]


def test_a_cached_page_is_compressed_once_not_on_every_hit(plan, client):
    client.get("/plans/generated/", headers=GZIP)
    hits = [client.get("/plans/generated/", headers=GZIP).content for _ in range(3)]
    # A fresh compression pads each body by a random length and random bytes: the same
    # bytes three times over are the ones kept.
    assert hits[0] == hits[1] == hits[2]
    assert len(hits[0]) < len(client.get("/plans/generated/").content) / 2


def test_after_a_write_the_compressed_page_is_the_new_one(plan, client, django_user_model):
    editor = django_user_model.objects.create_user("gzip-editor")
    editor.groups.add(editors_group())
    client.get("/plans/generated/", headers=GZIP)
    before = client.get("/plans/generated/", headers=GZIP)  # from the cache

    plan = Plan.objects.get(slug="generated")
    services.plan_update(
        plan=plan,
        expected_version=plan.version,
        changes={"title": "Marker plan title"},
        user=editor,
        summary="Retitled",
    )

    after = client.get("/plans/generated/", headers=GZIP)
    assert after["ETag"] != before["ETag"]
    assert b"Marker plan title" in gzip.decompress(after.content)
    assert b"Marker plan title" not in gzip.decompress(before.content)
    assert b"Marker plan title" in client.get("/plans/generated/").content


def test_a_page_holding_a_csrf_token_is_never_kept(plan):
    rendered = []

    @plan_page
    def page_with_a_form(request, plan):
        rendered.append(plan)
        return HttpResponse(f"<form>{get_token(request)}</form>".encode() * 20)

    factory = RequestFactory()
    first = page_with_a_form(factory.get("/plans/generated/"), plan="generated")
    second = page_with_a_form(factory.get("/plans/generated/"), plan="generated")
    assert rendered == ["generated", "generated"]
    assert first.content != second.content
