"""Timing one callable: warm-up runs, then repeated runs until enough are taken, and the
SQL queries of one more run."""

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

# A run slower than this needs fewer repeats to be trusted (and would take too long).
SLOW_RUN = 1.0


@dataclass(frozen=True)
class Repeats:
    """How many times to run each variant."""

    warmup: int = 1
    min_runs: int = 7
    max_runs: int = 40
    budget: float = 2.0  # seconds of measured runs per variant, once min_runs are done
    slow_min_runs: int = 3  # min_runs when a warm-up run took longer than SLOW_RUN


FULL = Repeats()
QUICK = Repeats(warmup=1, min_runs=3, max_runs=10, budget=0.4, slow_min_runs=2)


@dataclass(frozen=True)
class Timing:
    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def low(self) -> float:
        """The first quartile (the minimum when there are under four runs)."""
        if len(self.runs) < 4:
            return min(self.runs)
        return statistics.quantiles(self.runs, n=4, method="inclusive")[0]

    @property
    def high(self) -> float:
        """The third quartile (the maximum when there are under four runs)."""
        if len(self.runs) < 4:
            return max(self.runs)
        return statistics.quantiles(self.runs, n=4, method="inclusive")[2]

    @property
    def spread_name(self) -> str:
        return "IQR" if len(self.runs) >= 4 else "min-max"


@dataclass(frozen=True)
class Measurement:
    timing: Timing
    queries: int  # SQL queries of one run
    result: object  # what the last run returned


def measure(fn: Callable[[], object], repeats: Repeats) -> Measurement:
    """Warm up, count the queries of one run, then time runs: at least ``min_runs``
    (fewer for a slow callable) and more while within the time budget."""
    slowest_warmup = 0.0
    for _ in range(repeats.warmup):
        start = time.perf_counter()
        fn()
        slowest_warmup = max(slowest_warmup, time.perf_counter() - start)
    with CaptureQueriesContext(connection) as captured:
        fn()
    # Read now: the next request clears the connection's query log.
    queries = len(captured.captured_queries)
    min_runs = repeats.slow_min_runs if slowest_warmup > SLOW_RUN else repeats.min_runs
    gc.collect()
    runs: list[float] = []
    result = None
    while len(runs) < repeats.max_runs and (len(runs) < min_runs or sum(runs) < repeats.budget):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return Measurement(Timing(tuple(runs)), queries, result)
