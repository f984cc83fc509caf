"""``python -m bench`` (``make bench``): build or reuse the benchmark plans, measure every
case beside its naive peer and its floor on SQLite and on PostgreSQL, and write
bench/results.md (keeping the load test's section, which ``make loadtest`` writes).

    python -m bench                     the full run, both databases (about 20 minutes on 2 cores)
    python -m bench --quick             fewer runs, shorter load: a check that all works
    python -m bench --sizes 20x4x4      other sizes (the last one is checked against the targets)
    python -m bench --cases clause_page,party_page    only these cases (quick reruns)
    python -m bench --databases sqlite  one database only

Each database is measured in a process of its own (bench/measure.py: Django's settings are
per process) writing JSON; this process writes the report from all of them.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import environment
from bench.config import CASE_KEYS, DEFAULT_SEED, DEFAULT_SIZES, Size
from bench.loadtest import loadtest_section

RESULTS = Path(__file__).resolve().parent / "results.md"
DATABASES = ("sqlite", "postgresql")


def _case_keys(value: str) -> list[str]:
    keys = [key.strip() for key in value.split(",") if key.strip()]
    unknown = [key for key in keys if key not in CASE_KEYS]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(
            f"unknown case {', '.join(unknown) or value!r}: choose among {', '.join(CASE_KEYS)}"
        )
    return keys


def _databases(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    if not names or any(name not in DATABASES for name in names):
        raise argparse.ArgumentTypeError(f"choose among {', '.join(DATABASES)}, not {value!r}")
    return names


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="Fewer runs and a shorter load.")
    parser.add_argument(
        "--sizes",
        type=lambda value: [Size.parse(v) for v in value.split(",")],
        default=list(DEFAULT_SIZES),
        help="Comma-separated CLAUSESxPARTIESxREVISIONS (default: "
        + ",".join(str(size) for size in DEFAULT_SIZES)
        + ").",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--cases", type=_case_keys, default=None, help="Comma-separated case keys (default: all)."
    )
    parser.add_argument(
        "--databases",
        type=_databases,
        default=list(DATABASES),
        help="sqlite, postgresql or both (default: both; PostgreSQL when it answers on "
        f"DATABASE_URL or on {environment.DEFAULT_POSTGRES}).",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="Where to write results.")
    return parser.parse_args(argv)


def machine_info(
    *, started: datetime.datetime, elapsed: float, loads: list, databases: list[str]
) -> dict[str, str]:
    import django
    import gunicorn

    return {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": environment.git_commit(),
        "CPU": f"{environment.cpu_model()}, {os.cpu_count()} cores",
        "system": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "databases": "; ".join(databases),
        "load average (1 min) at start, end": ", ".join(f"{load:.2f}" for load in loads),
        "run time": f"{elapsed / 60:.1f} min",
    }


def measure_database(name: str, server: str | None, args, *, page_sizes: bool) -> dict:
    """Every case on one database, measured by ``python -m bench.measure`` in a process
    of its own; its JSON answer."""
    from bench.runner import stderr_log

    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if server:
        env["DATABASE_URL"] = server
    with tempfile.TemporaryDirectory(prefix="peaceplan-bench-") as folder:
        output = Path(folder) / f"{name}.json"
        command = [
            sys.executable,
            "-m",
            "bench.measure",
            "--sizes",
            ",".join(str(size) for size in args.sizes),
            "--seed",
            str(args.seed),
            "--output",
            str(output),
        ]
        command += ["--quick"] if args.quick else []
        command += ["--cases", ",".join(args.cases)] if args.cases else []
        command += ["--page-sizes"] if page_sizes else []
        stderr_log(f"== {name}")
        subprocess.run(command, env=env, check=True, cwd=environment.BENCH_DIR.parent)
        return json.loads(output.read_text(encoding="utf-8"))


def main(argv=None) -> None:
    args = parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    clock = time.monotonic()
    loads = [os.getloadavg()[0]]
    # The parent reads no database; it needs Django's settings only to import the report.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peaceplan.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()

    from bench import report
    from bench.runner import size_result_of, stderr_log
    from bench.timing import FULL, QUICK

    runs, skipped = [], []
    for name in args.databases:
        server = None
        if name == "postgresql":
            server, why_not = environment.postgres_server()
            if server is None:
                stderr_log(f"{why_not}: measuring on SQLite only.")
                skipped.append(why_not)
                continue
        data = measure_database(name, server, args, page_sizes=not runs)
        runs.append(
            report.DatabaseRun(
                name="SQLite" if data["vendor"] == "sqlite" else "PostgreSQL",
                description=data["database"],
                results=[size_result_of(result) for result in data["results"]],
                largest=data["largest"],
                page_sizes=data["page_sizes"],
            )
        )
    if not runs:
        raise SystemExit("No database was measured.")

    # Throughput under gunicorn is the load test's (bench/loadtest.py, `make loadtest`),
    # on PostgreSQL and Redis; `make bench` runs it after this.
    throughput_note = (
        "Measured by the load test (`make loadtest`, part of `make bench`): see its "
        'section, "Under load", below.'
    )

    loads.append(os.getloadavg()[0])
    repeats = QUICK if args.quick else FULL
    repeats_note = (
        f"Each variant: {repeats.warmup} warm-up run(s), the first counting its SQL queries "
        f"(a variant slower than a second gets only that one), then at least "
        f"{repeats.min_runs} timed runs ({repeats.slow_min_runs} for a slow one, "
        f"{repeats.very_slow_runs} for one slower than {repeats.very_slow:g} s), more while "
        f"under {repeats.budget:g} s of runs, at most {repeats.max_runs}: the median, and "
        "the interquartile range (min–max under four "
        "runs). Pages and API reads go through django.test.Client (the whole middleware "
        "stack) with DEBUG off; the naive and floor peers are served beside them under "
        "/_bench/ through the same stack. Writes are rolled back after each run. The "
        "benchmark's own objects are frozen out of the garbage collector (gc.freeze) while "
        "the cases run. Each database is measured in a process of its own, one after the "
        "other. "
        "Ratios: naive ÷ app is how many times faster the app is than the naive peer; "
        "app ÷ floor is how many times slower it is than the floor (1× is the floor). "
        "✓ means that variant's answer agrees with the app's (the diff's totals, an "
        "export's rows, each feed entry's counts)."
        + (" Quick run (--quick): fewer runs, shorter load." if args.quick else "")
        + (f" {args.cases and 'Only the cases ' + ', '.join(args.cases) + '.' or ''}")
    )
    databases = [run.description for run in runs] + [f"not measured: {why}" for why in skipped]
    text = report.markdown(
        machine=machine_info(
            started=started, elapsed=time.monotonic() - clock, loads=loads, databases=databases
        ),
        runs=runs,
        throughput_note=throughput_note,
        repeats_note=repeats_note,
    )
    # The load test's section, from its last run, stays as it was (bench/loadtest.py).
    kept = loadtest_section(args.output)
    if kept:
        text = text.rstrip("\n") + "\n\n" + kept + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
