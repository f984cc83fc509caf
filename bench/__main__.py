"""``python -m bench`` (``make bench``): build or reuse the benchmark plans, measure every
case beside its naive peer and its floor, and write bench/results.md (keeping the load
test's section, which ``make loadtest`` writes).

    python -m bench                 the full run (about 10 minutes on 2 cores, data built)
    python -m bench --quick         fewer runs, shorter load: a check that all works
    python -m bench --sizes 20x4x4  other sizes (the last one is checked against the targets)
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
import warnings
from pathlib import Path

from . import environment
from .config import DEFAULT_SEED, DEFAULT_SIZES, Size

RESULTS = Path(__file__).resolve().parent / "results.md"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="Fewer runs and a shorter load.")
    parser.add_argument(
        "--sizes",
        type=lambda value: [Size.parse(v) for v in value.split(",")],
        default=list(DEFAULT_SIZES),
        help="Comma-separated CLAUSESxPARTIESxREVISIONS (default: 50x5x5,500x10x50).",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--output", type=Path, default=RESULTS, help="Where to write results.")
    return parser.parse_args(argv)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine_info(*, started: datetime.datetime, elapsed: float, loads: list) -> dict[str, str]:
    import django
    import gunicorn

    return {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "CPU": f"{cpu_model()}, {os.cpu_count()} cores",
        "system": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "database": environment.describe_database(),
        "load average (1 min) at start, end": ", ".join(f"{load:.2f}" for load in loads),
        "run time": f"{elapsed / 60:.1f} min",
    }


def measured_page_sizes(context) -> str:
    """Bytes and elements of each analyst page of the largest plan (bench/page_sizes.py)."""
    from django.test import Client

    from parties.models import Party

    from .page_sizes import client_getter, markdown, measure_pages, plan_pages

    party = Party.objects.order_by("sort_order", "name").values_list("slug", flat=True).first()
    pages = plan_pages(context.plan, party_slug=party)
    return markdown(str(context.size), measure_pages(client_getter(Client()), pages))


def main(argv=None) -> None:
    args = parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    clock = time.monotonic()
    loads = [os.getloadavg()[0]]
    environment.configure()
    environment.setup()
    # WhiteNoise warns that STATIC_ROOT was never collected: in-process runs do not need it.
    warnings.filterwarnings("ignore", message="No directory at")

    from . import report
    from .cases import size_context
    from .data import StaleData, ensure_plan
    from .loadtest import loadtest_section
    from .runner import run_size, stderr_log, use_bench_urls
    from .timing import FULL, QUICK

    use_bench_urls()
    sizes = args.sizes
    try:
        plans = [ensure_plan(size, seed=args.seed) for size in sizes]
    except StaleData as stale:
        stderr_log(f"{stale} was built by another generator or seed: rebuilding the data.")
        environment.flush()
        plans = [ensure_plan(size, seed=args.seed) for size in sizes]

    repeats = QUICK if args.quick else FULL
    contexts = [
        size_context(size, plan, seed=args.seed)
        for size, (plan, _) in zip(sizes, plans, strict=True)
    ]
    results = [
        run_size(ctx, repeats, reused=reused)
        for ctx, (_plan, reused) in zip(contexts, plans, strict=True)
    ]

    large = contexts[-1]
    # Throughput under gunicorn is the load test's (bench/loadtest.py, `make loadtest`),
    # on PostgreSQL and Redis; `make bench` runs it after this.
    throughput = None
    throughput_note = (
        "Measured by the load test (`make loadtest`, part of `make bench`): see its "
        'section, "Under load", below.'
    )

    stderr_log("page sizes")
    sizes_table = measured_page_sizes(large)

    loads.append(os.getloadavg()[0])
    repeats_note = (
        f"Each variant: {repeats.warmup} warm-up run(s), the first counting its SQL queries "
        f"(a variant slower than a second gets only that one), then at least "
        f"{repeats.min_runs} timed runs ({repeats.slow_min_runs} for a slow one), more while "
        f"under {repeats.budget:g} s of runs, at most {repeats.max_runs}: the median, and "
        "the interquartile range (min–max under four "
        "runs). Pages and API reads go through django.test.Client (the whole middleware "
        "stack) with DEBUG off; the naive and floor peers are served beside them under "
        "/_bench/ through the same stack. Writes are rolled back after each run. The "
        "benchmark's own objects are frozen out of the garbage collector (gc.freeze) while "
        "the cases run. "
        "Ratios: naive ÷ app is how many times faster the app is than the naive peer; "
        "app ÷ floor is how many times slower it is than the floor (1× is the floor). "
        "✓ means that variant's diff totals agree with the app's."
        + (" Quick run (--quick): fewer runs, shorter load." if args.quick else "")
    )
    text = report.markdown(
        machine=machine_info(started=started, elapsed=time.monotonic() - clock, loads=loads),
        results=results,
        throughput=throughput,
        throughput_note=throughput_note,
        repeats_note=repeats_note,
    )
    text += "\n" + sizes_table
    # The load test's section, from its last run, stays as it was (bench/loadtest.py).
    kept = loadtest_section(args.output)
    if kept:
        text += "\n" + kept + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
