"""A small HTTP load generator, standard library only, run as its own process:

    python -m bench.load http://127.0.0.1:8000/path --concurrency 4 --duration 5

``concurrency`` clients each send GET requests one after another, on a new connection
each (gunicorn's sync workers close every connection anyway), until ``duration`` seconds
have passed or ``max_requests`` were sent. Prints one JSON object: requests, errors,
status counts, requests per second and latency percentiles (seconds). Loopback only.
"""

import argparse
import asyncio
import json
import statistics
import sys
import time
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
NOT_LOOPBACK = "The load generator only targets this machine (127.0.0.1), not {host!r}."
REQUEST_TIMEOUT = 30.0


async def _one(host: str, port: int, request: bytes) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(request)
        await writer.drain()
        status_line = await reader.readline()
        while await reader.read(65536):
            pass
        return int(status_line.split()[1])
    finally:
        writer.close()


async def _client(host, port, request, deadline, budget, latencies, statuses, errors):
    while time.perf_counter() < deadline and budget[0] > 0:
        budget[0] -= 1
        start = time.perf_counter()
        try:
            status = await asyncio.wait_for(_one(host, port, request), REQUEST_TIMEOUT)
        except (OSError, TimeoutError, ValueError, IndexError) as error:
            errors.append(type(error).__name__)
            continue
        latencies.append(time.perf_counter() - start)
        statuses[status] = statuses.get(status, 0) + 1


def percentile(sorted_values: list[float], share: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


async def _load(url: str, concurrency: int, duration: float, max_requests: int) -> dict:
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit(NOT_LOOPBACK.format(host=parts.hostname))
    host, port = parts.hostname, parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nUser-Agent: peaceplan-bench\r\n"
        "Accept: */*\r\nConnection: close\r\n\r\n"
    ).encode()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    budget = [max_requests]
    start = time.perf_counter()
    deadline = start + duration
    await asyncio.gather(
        *(
            _client(host, port, request, deadline, budget, latencies, statuses, errors)
            for _ in range(concurrency)
        )
    )
    elapsed = time.perf_counter() - start
    latencies.sort()
    ok = sum(n for status, n in statuses.items() if 200 <= status < 400)
    return {
        "url": url,
        "concurrency": concurrency,
        "duration": elapsed,
        "requests": len(latencies) + len(errors),
        "ok": ok,
        "errors": len(errors) + len(latencies) - ok,
        "error_kinds": sorted(set(errors)),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "rps": ok / elapsed if elapsed else 0.0,
        "mean": statistics.fmean(latencies) if latencies else None,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
    }


def run_load(url: str, *, concurrency: int, duration: float, max_requests: int = 100_000) -> dict:
    return asyncio.run(_load(url, concurrency, duration, max_requests))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    args = parser.parse_args(argv)
    result = run_load(
        args.url,
        concurrency=args.concurrency,
        duration=args.duration,
        max_requests=args.max_requests,
    )
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
