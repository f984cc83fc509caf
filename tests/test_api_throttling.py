"""Anonymous clients are throttled with a 429, a JSON body and Retry-After; logged-in
clients are not."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle


@pytest.fixture(autouse=True)
def tiny_rate(monkeypatch):
    # The counts live in the cache, which outlives a test: start each test from zero.
    cache.clear()
    # DRF reads the rates into the class when it is imported; change them there.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    yield
    cache.clear()


def test_anonymous_clients_get_429_with_retry_after(client, db):
    for _ in range(3):
        assert client.get("/api/v1/parties/").status_code == 200

    response = client.get("/api/v1/plans/")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    body = response.json()
    assert body["status"] == 429 and body["code"] == "throttled"
    assert "available in" in body["detail"]


def test_the_count_is_per_client(client, db):
    for _ in range(3):
        client.get("/api/v1/parties/")
    other = client.__class__(REMOTE_ADDR="10.0.0.2")
    assert other.get("/api/v1/parties/").status_code == 200


def test_logged_in_clients_are_not_throttled(editor_client, analyst, db):
    token = Token.objects.create(user=analyst).key
    for _ in range(6):
        assert editor_client.get("/api/v1/parties/").status_code == 200
        assert (
            editor_client.get("/api/v1/parties/", HTTP_AUTHORIZATION=f"Token {token}").status_code
            == 200
        )
