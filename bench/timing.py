"""Timing one callable: warm-up runs, then repeated runs until enough are taken, and the
SQL queries of one more run."""

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection

# A run slower than this needs fewer repeats to be trusted (and would take too long).
SLOW_RUN = 1.0


@dataclass(frozen=True)
class Repeats:
    """How many times to run each variant."""

    warmup: int = 2  # the first also counts the queries; a slow callable gets only that one
    min_runs: int = 7
    max_runs: int = 40
    budget: float = 2.0  # seconds of measured runs per variant, once min_runs are done
    slow_min_runs: int = 3  # min_runs when a warm-up run took longer than SLOW_RUN
    # A naive peer taking many seconds a run would hold the whole run up: fewer runs.
    very_slow: float = 5.0
    very_slow_runs: int = 1


FULL = Repeats()
QUICK = Repeats(warmup=1, min_runs=3, max_runs=10, budget=0.4, slow_min_runs=2, very_slow_runs=1)


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


class QueryCounter:
    """Counts the SQL statements run on the connection (without the query log's limit)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@dataclass(frozen=True)
class Measurement:
    timing: Timing
    queries: int  # SQL queries of one run
    result: object  # what the last run returned


def measure(fn: Callable[[], object], repeats: Repeats) -> Measurement:
    """Warm up (the first warm-up run also counts the SQL queries), then time runs: at
    least ``min_runs`` (fewer for a slow callable) and more while within the budget."""
    counter = QueryCounter()
    connection.ensure_connection()  # so that connecting is not counted
    start = time.perf_counter()
    with connection.execute_wrapper(counter):
        fn()
    first = time.perf_counter() - start
    queries = counter.count
    slow = first > SLOW_RUN
    for _ in range(0 if slow else repeats.warmup - 1):
        fn()
    min_runs = repeats.slow_min_runs if slow else repeats.min_runs
    if first > repeats.very_slow:
        min_runs = min(min_runs, repeats.very_slow_runs)
    gc.collect()
    runs: list[float] = []
    result = None
    while len(runs) < repeats.max_runs and (len(runs) < min_runs or sum(runs) < repeats.budget):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return Measurement(Timing(tuple(runs)), queries, result)
