"""Throughput: the app under gunicorn as in production (DEBUG off, static files collected,
2 sync workers), loaded from a second process (bench.load) on 127.0.0.1 for a bounded
time at a few concurrency levels."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .environment import UNTHROTTLED

BASE_DIR = Path(__file__).resolve().parent.parent
WORKERS = 2
LEVELS = (1, 4, 16)
DURATION = 5.0
SERVER_NOT_READY = "gunicorn did not answer on {url} within {timeout:.0f} s; its log:\n{log}"


@dataclass(frozen=True)
class ThroughputResult:
    name: str
    path: str
    concurrency: int
    duration: float
    requests: int
    errors: int
    rps: float
    p50: float | None
    p95: float | None
    p99: float | None
    statuses: dict

    @classmethod
    def from_load(cls, name: str, path: str, data: dict) -> "ThroughputResult":
        return cls(
            name=name,
            path=path,
            concurrency=data["concurrency"],
            duration=data["duration"],
            requests=data["requests"],
            errors=data["errors"],
            rps=data["rps"],
            p50=data["p50"],
            p95=data["p95"],
            p99=data["p99"],
            statuses=data["statuses"],
        )


def server_environment(database_url: str, static_root: str) -> dict[str, str]:
    """The environment of a production deployment, on the benchmark database."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.server_settings",
        BENCH_STATIC_ROOT=static_root,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        # gunicorn is reached over plain HTTP here, with no proxy in front to do TLS.
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        API_ANON_RATE=UNTHROTTLED,
        # Cold reads: every request rendered, none served from the page cache.
        PAGE_CACHE="0",
        LOG_LEVEL="WARNING",
    )
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int, path: str) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status < 500
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def serve(database_url: str, *, workers: int = WORKERS, timeout: float = 60) -> Iterator[str]:
    """Run the app under gunicorn on a free loopback port; yields its base URL."""
    with (
        tempfile.TemporaryDirectory(prefix="peaceplan-bench-static-") as static_root,
        tempfile.TemporaryFile(prefix="peaceplan-bench-gunicorn-") as log,
    ):
        env = server_environment(database_url, static_root)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=BASE_DIR,
            env=env,
            check=True,
        )
        port = _free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "peaceplan.wsgi:application",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
                "--timeout=120",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while not _answers(port, "/favicon.ico"):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace")
                    raise RuntimeError(
                        SERVER_NOT_READY.format(url=url, timeout=timeout, log=output)
                    )
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def load(url: str, *, concurrency: int, duration: float) -> dict:
    """Run the load generator in its own process and return what it measured."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.load",
            url,
            f"--concurrency={concurrency}",
            f"--duration={duration}",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=duration + 120,
        check=True,
    )
    return json.loads(completed.stdout)


def measure_throughput(
    base_url: str,
    endpoints: Sequence[tuple[str, str]],
    *,
    levels: Sequence[int] = LEVELS,
    duration: float = DURATION,
    log=None,
) -> list[ThroughputResult]:
    results = []
    for name, path in endpoints:
        load(base_url + path, concurrency=2, duration=min(1.0, duration))  # warm-up
        for level in levels:
            result = ThroughputResult.from_load(
                name, path, load(base_url + path, concurrency=level, duration=duration)
            )
            if log:
                log(
                    f"  {name[:40]:<40} c={level:<3} {result.rps:8.1f} req/s "
                    f"p50 {(result.p50 or 0) * 1000:.1f} ms, {result.errors} errors"
                )
            results.append(result)
    return results
