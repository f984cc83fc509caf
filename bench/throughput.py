"""Throughput: the app under gunicorn as in production (DEBUG off, static files collected,
sync workers), loaded by Debian's ``wrk`` on 127.0.0.1 for a bounded time.

``wrk`` runs bench/wrk.lua, which counts responses by status and prints latency
percentiles as one JSON line; with several servers it spreads its threads over them.
``make wrk`` installs it (Debian's package) where it is missing.
"""

import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.environment import UNTHROTTLED

BASE_DIR = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk.lua"
WORKERS = 2
LEVELS = (4, 16)
DURATION = 5.0
SERVER_NOT_READY = "gunicorn did not answer on {url} within {timeout:.0f} s; its log:\n{log}"
WRK_MISSING = "wrk is not installed: `make wrk` installs Debian's package."
WRK_NO_RESULT = "wrk printed no result line; its output:\n{output}"
RESULT_MARK = "BENCH_RESULT "
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Endpoint:
    """What one load run asks for: a path, and the request headers that shape the answer
    (Accept-Encoding, If-None-Match)."""

    name: str
    path: str
    headers: Mapping[str, str] = field(default_factory=dict)


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


def wrk_installed() -> bool:
    return shutil.which("wrk") is not None


def server_environment(database_url: str, static_root: str, **overrides: str) -> dict[str, str]:
    """The environment of a production deployment, on the benchmark database."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.server_settings",
        BENCH_STATIC_ROOT=static_root,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=LOOPBACK,
        # gunicorn is reached over plain HTTP here, with no proxy in front to do TLS.
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        API_ANON_RATE=UNTHROTTLED,
        PAGE_RATE=UNTHROTTLED,
        DOWNLOAD_RATE=UNTHROTTLED,
        # Cold reads unless the caller turns the page cache on.
        PAGE_CACHE="0",
        LOG_LEVEL="WARNING",
    )
    env.update(overrides)
    return env


@contextmanager
def collected_static() -> Iterator[str]:
    """A temporary folder with the static files collected into it, as a deployment has."""
    with tempfile.TemporaryDirectory(prefix="peaceplan-bench-static-") as static_root:
        env = server_environment("sqlite://:memory:", static_root)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=BASE_DIR,
            env=env,
            check=True,
        )
        yield static_root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def _answers(port: int, path: str) -> bool:
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status < 500
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def serve(
    database_url: str,
    *,
    workers: int = WORKERS,
    static_root: str | None = None,
    cpu: int | None = None,
    timeout: float = 60,
    **overrides: str,
) -> Iterator[str]:
    """Run the app under gunicorn on a free loopback port; yields its base URL.

    ``cpu`` pins the server (all its workers) to that core with taskset, as if it had a
    machine of its own; ``overrides`` are settings from the environment (CACHE_URL...)."""
    with (
        collected_static() if static_root is None else _given(static_root) as root,
        tempfile.TemporaryFile(prefix="peaceplan-bench-gunicorn-") as log,
    ):
        env = server_environment(database_url, root, **overrides)
        port = _free_port()
        pin = ["taskset", "--cpu-list", str(cpu)] if cpu is not None else []
        process = subprocess.Popen(
            [
                *pin,
                sys.executable,
                "-m",
                "gunicorn",
                "peaceplan.wsgi:application",
                f"--workers={workers}",
                f"--bind={LOOPBACK}:{port}",
                "--log-level=warning",
                "--timeout=120",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://{LOOPBACK}:{port}"
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
            stop(process, timeout=20)


@contextmanager
def servers(
    database_url: str,
    *,
    static_root: str,
    pinned: bool = False,
    count: int = 2,
    **overrides: str,
) -> Iterator[list[str]]:
    """``count`` instances of the app, one worker each (each on a core of its own when
    ``pinned``), as ``serve`` runs them; yields their base URLs."""
    with ExitStack() as stack:
        yield [
            stack.enter_context(
                serve(
                    database_url,
                    workers=1,
                    static_root=static_root,
                    cpu=n if pinned else None,
                    **overrides,
                )
            )
            for n in range(count)
        ]


def stop(process: subprocess.Popen, *, timeout: float) -> None:
    """Ask a server started for the load test to end; kill it if it has not within
    ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def _given(path: str) -> Iterator[str]:
    yield path


def load(
    url: str,
    *,
    concurrency: int,
    duration: float,
    headers: Mapping[str, str] | None = None,
    spread_over: Sequence[str] = (),
) -> dict:
    """Load ``url`` with wrk for ``duration`` seconds over ``concurrency`` connections;
    with ``spread_over`` (base URLs of several servers) the connections are shared among
    them, the path of ``url`` asked of each. Returns what it measured (seconds)."""
    if not wrk_installed():
        raise RuntimeError(WRK_MISSING)
    hosts = [u.removeprefix("http://").rstrip("/") for u in spread_over]
    threads = max(len(hosts), 1) * (2 if concurrency >= 4 and len(hosts) <= 1 else 1)
    threads = min(threads, concurrency)
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={concurrency}",
        f"--duration={max(1, round(duration))}s",
        "--timeout=30s",
        f"--script={WRK_SCRIPT}",
    ]
    for name, value in (headers or {}).items():
        command.append(f"--header={name}: {value}")
    completed = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        timeout=duration + 120,
        check=True,
        env={**os.environ, "WRK_HOSTS": ",".join(hosts)},
    )
    return parse_result(completed.stdout, concurrency=concurrency)


def parse_result(output: str, *, concurrency: int) -> dict:
    """The measurements in wrk's output (bench/wrk.lua's JSON line), in seconds."""
    for line in output.splitlines():
        if line.startswith(RESULT_MARK):
            raw = json.loads(line.removeprefix(RESULT_MARK))
            break
    else:
        raise RuntimeError(WRK_NO_RESULT.format(output=output))
    statuses = {str(k): v for k, v in sorted(raw["statuses"].items())}
    ok = sum(n for status, n in statuses.items() if 200 <= int(status) < 400)
    duration = raw["duration_us"] / 1e6
    answered = sum(statuses.values())

    def seconds(key):
        return raw[key] / 1e6 if answered else None

    return {
        "concurrency": concurrency,
        "duration": duration,
        "requests": answered + raw["socket_errors"] + raw["timeouts"],
        "ok": ok,
        "errors": raw["socket_errors"] + raw["timeouts"] + answered - ok,
        "statuses": statuses,
        "rps": ok / duration if duration else 0.0,
        "p50": seconds("p50_us"),
        "p95": seconds("p95_us"),
        "p99": seconds("p99_us"),
    }


def measure_throughput(
    base_url: str,
    endpoints: Sequence[Endpoint],
    *,
    levels: Sequence[int] = LEVELS,
    duration: float = DURATION,
    spread_over: Sequence[str] = (),
    log=None,
) -> list[ThroughputResult]:
    results = []
    for endpoint in endpoints:
        url = base_url + endpoint.path
        # Warm-up: connections, workers' first requests, the cache's first render.
        load(url, concurrency=2, duration=1, headers=endpoint.headers, spread_over=spread_over)
        for level in levels:
            data = load(
                url,
                concurrency=level,
                duration=duration,
                headers=endpoint.headers,
                spread_over=spread_over,
            )
            result = ThroughputResult.from_load(endpoint.name, endpoint.path, data)
            if log:
                log(
                    f"  {endpoint.name[:44]:<44} c={level:<3} {result.rps:8.1f} req/s "
                    f"p95 {(result.p95 or 0) * 1000:.1f} ms, {result.errors} errors"
                )
            results.append(result)
    return results
