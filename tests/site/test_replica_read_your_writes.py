"""Read-your-writes with a read replica (peaceplan/db_router.py): a request that wrote reads
back on the primary, and its writer stays on the primary for ``REPLICA_PIN_SECONDS``;
everyone else, and the writer after that, reads from the replica."""

import time

import pytest
from django.conf import settings
from django.db import connections
from django.test import override_settings

from peaceplan.db_router import PRIMARY, REPLICA, PrimaryReplicaRouter

# Real transactions: a test wrapped in one would keep every read on the primary.
pytestmark = pytest.mark.django_db(transaction=True)

READS = []


class RecordingRouter(PrimaryReplicaRouter):
    """The router, noting where each read went."""

    def db_for_read(self, model, **hints):
        alias = super().db_for_read(model, **hints)
        READS.append(alias)
        return alias


def _with_pin(middleware: list[str]) -> list[str]:
    after = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
    return [*middleware[:after], "peaceplan.db_router.PinAfterWrite", *middleware[after:]]


@pytest.fixture
def replica(monkeypatch):
    """A replica alias reaching the primary's database, the router and the pin installed
    as settings.py installs them where DATABASE_REPLICA_URL is set."""
    monkeypatch.setitem(connections.settings, REPLICA, connections.settings[PRIMARY])
    connections[REPLICA] = connections[PRIMARY]
    READS.clear()
    with override_settings(
        DATABASE_ROUTERS=[f"{__name__}.RecordingRouter"],
        MIDDLEWARE=_with_pin(settings.MIDDLEWARE),
        REPLICA_PIN_SECONDS=1,
    ):
        yield
    del connections[REPLICA]


def reads_of(callable_):
    READS.clear()
    result = callable_()
    return result, set(READS)


def rename_revision(api, plan, label):
    url = f"/api/v1/plans/{plan.slug}/revisions/1/"
    tag = api.get(url)["ETag"]
    return api.patch(
        url,
        {"label": label, "edit_summary": "Renamed"},
        format="json",
        HTTP_IF_MATCH=tag,
    )


def test_the_writer_reads_from_the_primary_for_a_few_seconds_after_a_write(
    replica, plan, editor_api, anonymous_client
):
    overview = f"/plans/{plan.slug}/"
    response, reads = reads_of(lambda: rename_revision(editor_api, plan, "Second reading"))
    assert response.status_code == 200, response.content
    # The answer to the write is read back where the write was made.
    assert response.json()["label"] == "Second reading"
    assert PRIMARY in reads

    # Their next requests: the primary, which has their write whatever the replica's lag.
    response, reads = reads_of(lambda: editor_api.get(f"/api/v1/plans/{plan.slug}/"))
    assert response.status_code == 200
    assert reads == {PRIMARY}

    # Anyone else: the replica.
    response, reads = reads_of(lambda: anonymous_client.get(overview))
    assert response.status_code == 200
    assert reads == {REPLICA}

    # Once the pin has run out, the writer too.
    time.sleep(settings.REPLICA_PIN_SECONDS + 0.2)
    response, reads = reads_of(lambda: editor_api.get(f"/api/v1/plans/{plan.slug}/"))
    assert response.status_code == 200
    assert reads == {REPLICA}


def test_reading_does_not_pin_and_a_request_that_wrote_nothing_reads_the_replica(
    replica, plan, editor_api
):
    for _ in range(2):
        response, reads = reads_of(lambda: editor_api.get(f"/api/v1/plans/{plan.slug}/"))
        assert response.status_code == 200
        assert reads == {REPLICA}


def test_a_refused_write_pins_nobody(replica, plan, editor_api):
    url = f"/api/v1/plans/{plan.slug}/revisions/1/"
    response = editor_api.patch(
        url,
        {"label": "Stale", "edit_summary": "Renamed"},
        format="json",
        HTTP_IF_MATCH='"0-0"',
    )
    assert response.status_code == 412
    _, reads = reads_of(lambda: editor_api.get(f"/api/v1/plans/{plan.slug}/"))
    assert reads == {REPLICA}


def test_outside_a_request_reads_follow_the_transaction_rule_alone(replica, plan):
    router = PrimaryReplicaRouter()
    router.db_for_write(type(plan))
    # A command or a test that wrote: not a request's writer, nothing pinned.
    assert router.db_for_read(type(plan)) == REPLICA
