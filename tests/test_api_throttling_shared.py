"""The anonymous rate holds across app processes: two gunicorn servers sharing one Redis
(CACHE_URL) let through the rate, not the rate once per process.

Needs Redis at 127.0.0.1:6379 (.ci/run starts it); elsewhere it is skipped when none
answers, except in CI, where a missing Redis fails it.
"""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
REDIS = ("127.0.0.1", 6379)
RATE = 10
NO_REDIS = "no Redis answers at 127.0.0.1:6379 (apt-get install redis-server, or see .ci/run)"

pytestmark = pytest.mark.slow


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
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


def get(port: int, path: str) -> int | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


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


def test_two_app_processes_share_one_anonymous_rate(redis_url, tmp_path):
    environment = {
        **os.environ,
        "DEBUG": "1",
        # The API root reads no table; the database is never opened.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "CACHE_URL": redis_url,
        # Counts of this run only, whatever else uses this Redis.
        "CACHE_KEY_PREFIX": f"peaceplan-test-{secrets.token_hex(8)}",
        "API_ANON_RATE": f"{RATE}/hour",
    }
    with ExitStack() as stack:
        ports = [
            stack.enter_context(server(environment, tmp_path / f"gunicorn-{n}.log"))
            for n in range(2)
        ]
        # Alternate between the processes: with a cache per process, each would let
        # through RATE of its own.
        answers = [get(ports[n % 2], "/api/v1/") for n in range(2 * RATE)]

    assert answers.count(200) == RATE, answers
    assert answers.count(429) == RATE, answers
