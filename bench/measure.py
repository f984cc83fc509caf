"""``python -m bench.measure``: every case at every size on one database, written as JSON.

``python -m bench`` runs this once per database, each in a process of its own (Django's
settings are per process): on SQLite when DATABASE_URL is unset, on PostgreSQL's
benchmark database when it names a PostgreSQL server (bench/environment.py).
"""

import argparse
import json
import sys
import warnings
from pathlib import Path

from bench import environment
from bench.config import DEFAULT_SEED, Size


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.measure", description=__doc__)
    parser.add_argument(
        "--sizes", required=True, type=lambda v: [Size.parse(s) for s in v.split(",")]
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cases", type=lambda v: v.split(","), default=None)
    parser.add_argument("--page-sizes", action="store_true", help="Measure the pages' sizes too.")
    parser.add_argument("--output", type=Path, required=True, help="Where to write the JSON.")
    return parser.parse_args(argv)


def measured_page_sizes(context) -> str:
    """Bytes and elements of each analyst page of the largest plan (bench/page_sizes.py)."""
    from django.test import Client

    from bench.page_sizes import client_getter, markdown, measure_pages, plan_pages

    pages = plan_pages(context.plan, party_slug=context.party)
    return markdown(str(context.size), measure_pages(client_getter(Client()), pages))


def main(argv=None) -> None:
    args = parse_args(argv)
    environment.configure()
    environment.setup()
    # WhiteNoise warns that STATIC_ROOT was never collected: in-process runs do not need it.
    warnings.filterwarnings("ignore", message="No directory at")

    from bench.cases import same_clause_everywhere, size_context
    from bench.data import StaleData, ensure_plan
    from bench.runner import run_size, size_result_data, stderr_log, use_bench_urls
    from bench.timing import FULL, QUICK

    use_bench_urls()
    database = environment.describe_database()
    stderr_log(f"measuring on {database}")
    try:
        plans = [ensure_plan(size, seed=args.seed) for size in args.sizes]
    except StaleData as stale:
        stderr_log(f"{stale} was built by another generator or seed: rebuilding the data.")
        environment.flush()
        plans = [ensure_plan(size, seed=args.seed) for size in args.sizes]
    environment.analyze()
    repeats = QUICK if args.quick else FULL
    contexts = [
        size_context(size, plan, seed=args.seed)
        for size, (plan, _) in zip(args.sizes, plans, strict=True)
    ]
    same_clause_everywhere(contexts)
    for ctx in contexts[:-1]:
        ctx.largest = False
    results = [
        run_size(ctx, repeats, reused=reused, keys=args.cases)
        for ctx, (_plan, reused) in zip(contexts, plans, strict=True)
    ]
    large = contexts[-1]
    data = {
        "database": database,
        "vendor": environment.vendor(),
        "largest": {"plan": large.plan.slug, "latest": large.latest.number},
        "results": [size_result_data(result) for result in results],
        "page_sizes": None,
    }
    if args.page_sizes:
        stderr_log("page sizes")
        data["page_sizes"] = measured_page_sizes(large)
    args.output.write_text(json.dumps(data), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
