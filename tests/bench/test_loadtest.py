"""The load generator (Debian's wrk, with bench/wrk.lua) and the load test's report.

wrk is installed by `make wrk`; where it is missing these tests are skipped, except in CI
(.ci/run installs it), where a missing wrk fails them."""

import http.server
import os
import shutil
import threading
from collections import Counter

import pytest

from bench.loadtest import END_MARK, START_MARK, ThrottleResult, loadtest_section, write_section
from bench.throughput import load, serve

NO_WRK = "wrk is not installed (`make wrk` installs Debian's package)"


@pytest.fixture
def wrk():
    if shutil.which("wrk") is None:
        if os.environ.get("CI"):
            pytest.fail(f"{NO_WRK}, and CI must run this test.")
        pytest.skip(NO_WRK)


class _Answers(http.server.BaseHTTPRequestHandler):
    """200 for /, 404 for anything else; counts what each server was asked."""

    def do_GET(self):
        self.server.asked[self.path] += 1
        status = 200 if self.path == "/" else 404
        self.send_response(status)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args):
        pass


@pytest.fixture
def servers():
    running = []
    for _ in range(2):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
        server.asked = Counter()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running.append(server)
    yield running
    for server in running:
        server.shutdown()
        server.server_close()


def base_url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.mark.slow
@pytest.mark.once
def test_wrk_counts_answers_by_status_with_latency_percentiles(wrk, servers):
    ok = load(base_url(servers[0]) + "/", concurrency=2, duration=1)
    missing = load(base_url(servers[0]) + "/missing", concurrency=2, duration=1)

    assert ok["statuses"] == {"200": ok["requests"]} and ok["requests"] > 0
    assert ok["errors"] == 0 and ok["rps"] > 0
    assert ok["p50"] <= ok["p95"] <= ok["p99"]
    # Every answer counted, none lost between wrk's threads.
    assert servers[0].asked["/"] >= ok["requests"]
    assert missing["statuses"] == {"404": missing["requests"]}
    assert missing["errors"] == missing["requests"] and missing["rps"] == 0


@pytest.mark.slow
@pytest.mark.once
def test_wrk_spreads_its_connections_over_several_servers(wrk, servers):
    data = load(
        base_url(servers[0]) + "/",
        concurrency=2,
        duration=1,
        spread_over=[base_url(s) for s in servers],
    )
    asked = [s.asked["/"] for s in servers]
    assert all(n > 0 for n in asked), asked
    assert data["statuses"]["200"] <= sum(asked)


@pytest.mark.slow
@pytest.mark.once
def test_the_app_serves_under_gunicorn_with_debug_off(wrk, tmp_path):
    # /favicon.ico needs no database: an empty SQLite file is enough to start.
    with serve(f"sqlite:///{tmp_path / 'empty.sqlite3'}") as url:
        data = load(url + "/favicon.ico", concurrency=1, duration=1)
    assert data["requests"] > 0
    assert data["errors"] == 0
    assert set(data["statuses"]) == {"301"}


def test_the_load_test_replaces_only_its_own_section(tmp_path):
    results = tmp_path / "results.md"
    before, after = "# Cases\n\ntable\n\n", "\n\n## After\n"
    results.write_text(f"{before}{START_MARK}\nold run\n{END_MARK}{after}")
    write_section(results, f"{START_MARK}\nnew run\n{END_MARK}")
    assert results.read_text() == f"{before}{START_MARK}\nnew run\n{END_MARK}{after}"
    # What the case report keeps when it rewrites the file.
    assert loadtest_section(results) == f"{START_MARK}\nnew run\n{END_MARK}"


def test_the_load_test_appends_its_section_where_there_is_none(tmp_path):
    results = tmp_path / "results.md"
    results.write_text("# Cases\n\ntable\n")
    write_section(results, f"{START_MARK}\nrun\n{END_MARK}")
    assert results.read_text() == f"# Cases\n\ntable\n\n{START_MARK}\nrun\n{END_MARK}\n"


@pytest.mark.parametrize(
    ("statuses", "holds"),
    [
        ({"200": 60, "429": 40}, True),
        ({"200": 61, "429": 39}, False),
        ({"200": 120, "429": 0}, False),
        ({"200": 59, "429": 41}, False),
        ({"200": 60, "429": 30, "500": 10}, False),
    ],
)
def test_the_rate_holds_when_it_is_let_through_once_across_instances(statuses, holds):
    result = ThrottleResult(rate=60, concurrency=2, requests=100, statuses=statuses)
    assert result.holds is holds
