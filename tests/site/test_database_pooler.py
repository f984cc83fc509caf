"""``DATABASE_POOLER=pgbouncer``: behind PgBouncer in transaction mode, no server-side
cursors and no connection kept between requests, on the primary and the replica alike;
anything else it is set to is refused with a message naming it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each check starts its own process with its own settings (none uses the suite's database):
# run once per CI run.
pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]
PRINT_DATABASES = """
import json
from django.conf import settings

print(json.dumps({alias: {"cursors_off": db.get("DISABLE_SERVER_SIDE_CURSORS", False),
                          "max_age": db["CONN_MAX_AGE"]}
                  for alias, db in settings.DATABASES.items()}))
"""
PRIMARY = "postgres://app@pgbouncer.example:6432/peaceplan"
REPLICA = "postgres://app@pgbouncer-replica.example:6432/peaceplan"


def run_with(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DATABASE_REPLICA_URL", "DATABASE_POOLER", "DB_CONN_MAX_AGE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PRINT_DATABASES],
        cwd=ROOT,
        env=clean | {"DEBUG": "1"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def databases_with(**env):
    result = run_with(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_behind_pgbouncer_no_server_side_cursors_and_no_kept_connections():
    databases = databases_with(
        DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL=REPLICA, DATABASE_POOLER="PgBouncer"
    )
    assert databases == {
        "default": {"cursors_off": True, "max_age": 0},
        "replica": {"cursors_off": True, "max_age": 0},
    }


def test_without_a_pooler_connections_are_kept_and_cursors_stay_on_the_server():
    databases = databases_with(DATABASE_URL=PRIMARY)
    assert databases == {"default": {"cursors_off": False, "max_age": 60}}


def test_an_unknown_pooler_is_refused_by_name():
    result = run_with(DATABASE_URL=PRIMARY, DATABASE_POOLER="pgpool")
    assert result.returncode != 0
    assert "DATABASE_POOLER must be pgbouncer or empty, not 'pgpool'" in result.stderr
