"""Anonymous clients are throttled by their address with a 429, a JSON body and
Retry-After; a forged X-Forwarded-For does not reset the count; signed-in clients have a
higher rate of their own."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

from peaceplan.clients import client_address

ANON_RATE = 3
USER_RATE = 5


@pytest.fixture(autouse=True)
def tiny_rates(monkeypatch):
    # DRF reads the rates into the class when it is imported; change them there.
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": f"{ANON_RATE}/minute", "user": f"{USER_RATE}/minute"},
    )


def statuses(client, count, **headers) -> list[int]:
    return [client.get("/api/v1/parties/", **headers).status_code for _ in range(count)]


def test_anonymous_clients_get_429_with_retry_after(client, db):
    assert statuses(client, ANON_RATE) == [200] * ANON_RATE

    response = client.get("/api/v1/plans/")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    body = response.json()
    assert body["status"] == 429 and body["code"] == "throttled"
    assert "available in" in body["detail"]


def test_the_count_is_per_client(client, db):
    statuses(client, ANON_RATE)
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert other.get("/api/v1/parties/").status_code == 200


def test_a_new_x_forwarded_for_per_request_does_not_reset_the_count(client, db):
    forged = [
        client.get("/api/v1/parties/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(ANON_RATE + 5)
    ]
    assert forged == [200] * ANON_RATE + [429] * 5


def test_signed_in_clients_have_a_higher_rate_of_their_own(editor_client, analyst, db):
    token = Token.objects.create(user=analyst).key
    by_token = {"HTTP_AUTHORIZATION": f"Token {token}"}

    assert statuses(editor_client, USER_RATE + 1) == [200] * USER_RATE + [429]
    # Another account (from the same address) still has its whole allowance.
    assert statuses(editor_client, USER_RATE, **by_token) == [200] * USER_RATE
    assert statuses(editor_client, 1, **by_token) == [429]


class FakeRequest:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "client"),
    [
        # No proxy named: the header is the client's own word, and ignored.
        ([], "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        # One proxy: the address it appended, whatever the client wrote before it.
        (1, "10.0.0.5", "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.5", "203.0.113.9", "203.0.113.9"),
        (2, "10.0.0.5", "198.51.100.1, 203.0.113.9, 10.0.0.6", "203.0.113.9"),
        # A request that bypassed the proxy (no header) is counted by its own address.
        (1, "203.0.113.9", None, "203.0.113.9"),
        # Proxies named by address: the first untrusted address from the right.
        (["10.0.0.0/8"], "10.0.0.5", "198.51.100.1, 203.0.113.9, 10.0.0.6", "203.0.113.9"),
        # Not from a trusted proxy at all: its own address, the header ignored.
        (["10.0.0.0/8"], "203.0.113.7", "198.51.100.1", "203.0.113.7"),
    ],
)
def test_the_client_address_believes_only_trusted_proxies(
    settings, trusted, remote, forwarded, client
):
    settings.TRUSTED_PROXIES = trusted
    assert client_address(FakeRequest(remote, forwarded)) == client


def test_behind_a_trusted_proxy_each_client_has_its_own_count(client, db, settings):
    settings.TRUSTED_PROXIES = 1
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    second = {"HTTP_X_FORWARDED_FOR": "forged, 203.0.113.2"}
    assert statuses(client, ANON_RATE + 1, **first) == [200] * ANON_RATE + [429]
    assert statuses(client, ANON_RATE + 1, **second) == [200] * ANON_RATE + [429]
