"""Reads from a read replica, writes to the primary, when ``DATABASE_REPLICA_URL`` is set.

A request's reads go to the ``replica`` alias; every write goes to ``default``. Inside a
transaction on the primary (a service's write: its locks, its version checks, the reads
that decide what it writes), reads stay on the primary too, since the replica cannot see
what the transaction has not committed and cannot lock rows. Migrations run on the
primary only; the replica receives them by replication.

A replica lags its primary by its replication delay: a page read right after a write may
show the state before it (its change stamp too, so the cache never mixes the two) until
the replica catches up. Deployments that need read-your-writes keep the replica out of
the editors' requests, or accept that delay.
"""

from django.db import connections

PRIMARY = "default"
REPLICA = "replica"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return PRIMARY if connections[PRIMARY].in_atomic_block else REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # One database replicated: a row read from either alias is the same row.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
