"""The overview under load while an editor writes to its plan (part of ``make loadtest``).

Every write moves the plan's change stamp, so every page of the plan cached before it is
never served again: each write makes the overview cold. Readers load the large plan's
overview at the target concurrency while an editor's script relabels its current
revision through the API once a second (a GET for its tag, a PATCH with If-Match), on one
instance with the page cache on: once with the overview drawn into the cache when each
write commits (``PAGE_FILL``, core/page_fill.py), once without (its first readers after a
write draw it, one of them at a time: core/conditional.py). The revision's label is put
back at the end; every write leaves its history, as any edit does.
"""

import json
import threading
from dataclasses import dataclass

from bench.throughput import Endpoint, ThroughputResult, measure_throughput, serve

WRITE_EVERY = 1.0  # seconds between the editor's writes
# The overview drawn at every request (the page cache off), at concurrency 16, when the
# target of drawing cold pages four times faster under load was set.
COLD_BEFORE_RPS = 17.5
COLD_TARGET = 4.0


class Editor(threading.Thread):
    """Relabels a revision through the API every ``every`` seconds until stopped."""

    def __init__(self, base_url: str, path: str, token: str, *, every: float, request):
        super().__init__(name="loadtest-editor", daemon=True)
        self.base_url, self.path, self.token, self.every = base_url, path, token, every
        self.request = request
        self.stopped = threading.Event()
        self.writes = 0
        self.failures: list[str] = []

    def _patch(self, label: str) -> None:
        auth = {"Authorization": f"Bearer {self.token}"}
        status, headers, body = self.request(self.base_url, "GET", self.path, headers=auth)
        if status != 200:
            self.failures.append(f"GET {status}")
            return
        status, _, body = self.request(
            self.base_url,
            "PATCH",
            self.path,
            headers={**auth, "Content-Type": "application/json", "If-Match": headers["ETag"]},
            body=json.dumps({"label": label, "edit_summary": "Load test: a write a second"}),
        )
        if status == 200:
            self.writes += 1
        else:
            self.failures.append(f"PATCH {status}: {body[:200]!r}")

    def run(self) -> None:
        auth = {"Authorization": f"Bearer {self.token}"}
        _, _, body = self.request(self.base_url, "GET", self.path, headers=auth)
        original = json.loads(body)["label"]
        turn = 0
        try:
            while not self.stopped.wait(self.every):
                turn += 1
                self._patch(f"{original} ({turn % 2})")
        finally:
            self._patch(original)


@dataclass(frozen=True)
class UnderWrites:
    result: ThroughputResult
    filled: bool  # whether the overview was drawn into the cache as each write committed
    writes: int
    failures: tuple[str, ...]


def overview_under_writes(
    database_url: str,
    *,
    static_root: str,
    cache_url: str,
    plan: str,
    revision: int,
    token: str,
    level: int,
    duration: float,
    request,
    log,
) -> list[UnderWrites]:
    overview = f"/plans/{plan}/"
    path = f"/api/v1/plans/{plan}/revisions/{revision}/"
    rows = []
    for filled in (True, False):
        log(f"the overview while an editor writes, page fill {'on' if filled else 'off'}")
        settings = {"CACHE_URL": cache_url, "PAGE_CACHE": "1", "PAGE_FILL": "1" if filled else "0"}
        with serve(database_url, static_root=static_root, **settings) as url:
            editor = Editor(url, path, token, every=WRITE_EVERY, request=request)
            editor.start()
            try:
                how = "filled" if filled else "not filled"
                name = f"overview while an editor writes once a second, {how} on write, gzip"
                (result,) = measure_throughput(
                    url,
                    [Endpoint(name, overview, {"Accept-Encoding": "gzip, deflate, br"})],
                    levels=(level,),
                    duration=duration,
                    log=log,
                )
            finally:
                editor.stopped.set()
                editor.join(timeout=60)
        rows.append(UnderWrites(result, filled, editor.writes, tuple(editor.failures)))
    return rows


def cold_verdict(rows: list[UnderWrites], level: int) -> str:
    filled = next((row for row in rows if row.filled), None)
    if filled is None:
        return "not measured in this run"
    times = filled.result.rps / COLD_BEFORE_RPS
    met = times >= COLD_TARGET and not filled.failures
    return (
        f"**{'met' if met else 'missed'}**: at concurrency {level}, while an editor wrote "
        f"once a second ({filled.writes} writes, {len(filled.failures)} refused), the overview "
        f"answered {filled.result.rps:,.1f} requests/s with a p95 of "
        f"{(filled.result.p95 or 0) * 1000:.0f} ms: {times:.1f}× the {COLD_BEFORE_RPS} "
        f"requests/s of the overview drawn at every request when the target was set "
        f"(target ≥ {COLD_TARGET:g}×)"
    )
