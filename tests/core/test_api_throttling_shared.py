"""Two app instances (separate gunicorn processes, as two servers would be) against one
database and one Redis (CACHE_URL) share their state: the anonymous rate lets through the
rate, not the rate once per instance; an edit saved through one is seen by the other at
once, a new ETag and the new content, though both had the page in the cache.

Needs Redis at 127.0.0.1:6379 (.ci/run starts it); elsewhere it is skipped when none
answers, except in CI, where a missing Redis fails it. The instances run on an SQLite
file of their own, whatever database the suite runs on: once is enough.
"""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
RATE = 10
NO_REDIS = "no Redis answers at 127.0.0.1:6379 (apt-get install redis-server, or see .ci/run)"
# The shared database: migrated, one plan with one revision, an editor with a token.
PREPARE = """
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from clauses import services
from core.accounts import editors_group
from core.accounts import editor_save
call_command("migrate", verbosity=0, interactive=False)
editor = editor_save(user=None, username="ed", email="", password=None, group=editors_group())
plan = services.plan_create(title="Shared", slug="shared", user=editor, summary="Made")
services.revision_create(plan=plan, user=editor, summary="Draft", label="First label")
print(Token.objects.create(user=editor).key)
"""

pytestmark = [pytest.mark.slow, pytest.mark.once]


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def redis_url():
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail(f"{NO_REDIS}, and CI must run this test.")
        pytest.skip(NO_REDIS)
    return "redis://127.0.0.1:6379/0"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port: int, method: str, path: str, headers=None, body=None):
    """(status, headers, body) of one request, or None when nothing answers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    except OSError:
        return None
    finally:
        connection.close()


def get(port: int, path: str) -> int | None:
    answer = call(port, "GET", path)
    return answer and answer[0]


@contextmanager
def server(environment: dict, log_path: Path, timeout: float = 60):
    """One gunicorn process serving the app on a free port; yields the port."""
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "peaceplan.wsgi:application",
                "--workers=1",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ],
            cwd=BASE_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + timeout
        while get(port, "/favicon.ico") is None:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def instances(redis_url, tmp_path_factory):
    """Two instances on one SQLite file and one Redis; yields their ports and a token."""
    folder = tmp_path_factory.mktemp("instances")
    environment = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{folder / 'shared.sqlite3'}",
        "CACHE_URL": redis_url,
        # Counts and pages of this run only, whatever else uses this Redis.
        "CACHE_KEY_PREFIX": f"peaceplan-test-{secrets.token_hex(8)}",
        "PAGE_CACHE": "1",
        "API_ANON_RATE": f"{RATE}/hour",
    }
    token = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PREPARE],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    with ExitStack() as stack:
        ports = [
            stack.enter_context(server(environment, folder / f"gunicorn-{n}.log")) for n in range(2)
        ]
        yield ports, token


def test_two_app_processes_share_one_anonymous_rate(instances):
    ports, _ = instances
    # Spread over both processes (with a cache per process each would let through RATE
    # of its own), several at once: counts read and written back by requests in flight
    # together would lose some of them and let more through.
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda n: get(ports[n % 2], "/api/v1/"), range(3 * RATE)))

    assert answers.count(200) == RATE, answers
    assert answers.count(429) == 2 * RATE, answers


def test_an_edit_through_one_instance_is_seen_on_the_other_at_once(instances):
    (a, b), token = instances
    page = "/plans/shared/"
    for port in (a, b, a, b):  # both have the page in the cache now
        assert call(port, "GET", page, {"Accept-Encoding": "gzip"})[0] == 200
    status, before, body = call(b, "GET", page)
    assert status == 200 and b"First label" in body

    revision = "/api/v1/plans/shared/revisions/1/"
    signed = {"Authorization": f"Bearer {token}"}
    etag = call(a, "GET", revision, signed)[1]["ETag"]
    status, _, answer = call(
        a,
        "PATCH",
        revision,
        {**signed, "Content-Type": "application/json", "If-Match": etag},
        json.dumps({"label": "Second label", "edit_summary": "Relabelled"}),
    )
    assert status == 200, answer

    status, after, body = call(b, "GET", page)
    assert status == 200
    assert after["ETag"] != before["ETag"]
    assert b"Second label" in body and b"First label" not in body
    # A reader holding B's old tag is sent the new page, not told it is unchanged.
    assert call(b, "GET", page, {"If-None-Match": before["ETag"]})[0] == 200
    assert call(b, "GET", page, {"If-None-Match": after["ETag"]})[0] == 304
