"""The read-replica router: reads go to the replica alias, writes and the reads inside a
write's transaction to the primary (peaceplan/db_router.py)."""

import pytest
from django.db import connections, transaction
from django.test import override_settings

from clauses import services
from clauses.models import Plan
from peaceplan.db_router import PRIMARY, REPLICA, PrimaryReplicaRouter

# Real transactions: a test wrapped in one would keep every read on the primary.
pytestmark = pytest.mark.django_db(transaction=True)

ROUTED = []


class RecordingRouter(PrimaryReplicaRouter):
    """The router, noting each decision it makes."""

    def db_for_read(self, model, **hints):
        alias = super().db_for_read(model, **hints)
        ROUTED.append(("read", model._meta.label, alias))
        return alias

    def db_for_write(self, model, **hints):
        alias = super().db_for_write(model, **hints)
        ROUTED.append(("write", model._meta.label, alias))
        return alias


@pytest.fixture
def replica(monkeypatch):
    """A second alias that reaches the same database as the primary, as a replica would
    hold the same rows, and the router installed."""
    monkeypatch.setitem(connections.settings, REPLICA, connections.settings[PRIMARY])
    connections[REPLICA] = connections[PRIMARY]
    ROUTED.clear()
    with override_settings(DATABASE_ROUTERS=[f"{__name__}.RecordingRouter"]):
        yield
    del connections[REPLICA]


def test_the_router_sends_reads_to_the_replica_and_writes_to_the_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Plan) == REPLICA
    assert router.db_for_write(Plan) == PRIMARY
    with transaction.atomic():
        # Inside a write's transaction the replica cannot see what it has not committed.
        assert router.db_for_read(Plan) == PRIMARY
    assert router.allow_migrate(PRIMARY, "clauses")
    assert not router.allow_migrate(REPLICA, "clauses")


def test_a_page_reads_from_the_replica(replica, client, editor):
    plan = services.plan_create(title="Replicated plan", user=editor, summary="New")
    ROUTED.clear()

    assert client.get(f"/plans/{plan.slug}/").status_code == 200

    assert ROUTED and {alias for kind, _, alias in ROUTED if kind == "read"} == {REPLICA}
    assert not [decision for decision in ROUTED if decision[0] == "write"]


def test_a_write_and_its_reads_go_to_the_primary(replica, editor):
    ROUTED.clear()
    plan = services.plan_create(title="Written plan", user=editor, summary="New")
    services.plan_update(
        plan=plan,
        expected_version=plan.version,
        changes={"title": "Renamed"},
        user=editor,
        summary="Renamed",
    )
    assert {alias for _, _, alias in ROUTED} == {PRIMARY}
    assert ("write", "clauses.Plan", PRIMARY) in ROUTED
    assert Plan.objects.get(pk=plan.pk).title == "Renamed"
