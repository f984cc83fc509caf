"""Running the cases of one size: each variant timed, its queries counted, and the
variants' answers compared where they must agree."""

import gc
import sys
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.urls import clear_url_caches

from bench.cases import Case, SizeContext, build_cases
from bench.config import Size
from bench.timing import Measurement, Repeats, Timing, measure
from clauses.models import ClauseVersion, Position, Revision

VARIANTS = ("app", "naive", "floor")


@dataclass(frozen=True)
class VariantResult:
    measurement: Measurement | None
    error: str = ""


@dataclass
class CaseResult:
    key: str
    title: str
    missing: str = ""
    floor_note: str = ""
    variants: dict[str, VariantResult] = field(default_factory=dict)
    # For each of naive and floor: whether its answer agrees with the app's (None: not checked).
    agrees: dict[str, bool | None] = field(default_factory=dict)

    def median(self, variant: str) -> float | None:
        result = self.variants.get(variant)
        if result is None or result.measurement is None:
            return None
        return result.measurement.timing.median

    def queries(self, variant: str) -> int | None:
        result = self.variants.get(variant)
        if result is None or result.measurement is None:
            return None
        return result.measurement.queries


@dataclass
class SizeResult:
    size: Size
    counts: dict[str, int]
    reused: bool
    cases: list[CaseResult]

    def case(self, key: str) -> CaseResult | None:
        return next((c for c in self.cases if c.key == key), None)


def use_bench_urls() -> None:
    """Serve the naive and floor peers beside the app (under /_bench/)."""
    settings.ROOT_URLCONF = "bench.urls"
    clear_url_caches()


def plan_counts(ctx: SizeContext) -> dict[str, int]:
    return {
        "revisions": Revision.objects.filter(plan=ctx.plan).count(),
        "clauses": ctx.plan.clauses.count(),
        "clause versions": ClauseVersion.objects.filter(revision__plan=ctx.plan).count(),
        "positions": Position.objects.filter(clause_version__revision__plan=ctx.plan).count(),
        "clauses in the latest revision": ctx.latest.clause_versions.count(),
    }


def run_case(case: Case, repeats: Repeats, *, log=None) -> CaseResult:
    result = CaseResult(case.key, case.title, missing=case.missing, floor_note=case.floor_note)
    if case.missing:
        return result
    for name in VARIANTS:
        fn = getattr(case, name)
        if fn is None:
            continue
        try:
            result.variants[name] = VariantResult(measure(fn, repeats))
        except Exception as error:  # reported in the table; the run goes on
            result.variants[name] = VariantResult(None, f"{type(error).__name__}: {error}")
        if log:
            log(f"  {case.key:<20} {name:<6} {_describe(result.variants[name])}")
    if case.agreement is not None and result.variants.get("app", VariantResult(None)).measurement:
        expected = case.agreement(result.variants["app"].measurement.result)
        for name in ("naive", "floor"):
            other = result.variants.get(name)
            if other is not None and other.measurement is not None:
                result.agrees[name] = case.agreement(other.measurement.result) == expected
    # Keep no answers alive: a heap full of them makes every later garbage collection,
    # and so every later case, slower.
    for name, variant in result.variants.items():
        if variant.measurement is not None:
            result.variants[name] = replace(
                variant, measurement=replace(variant.measurement, result=None)
            )
    return result


def _describe(variant: VariantResult) -> str:
    if variant.measurement is None:
        return f"error: {variant.error}"
    m = variant.measurement
    return f"{m.timing.median * 1000:9.2f} ms  ({len(m.timing.runs)} runs, {m.queries} queries)"


def stderr_log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run_size(
    ctx: SizeContext, repeats: Repeats, *, reused: bool, log=stderr_log, keys=None
) -> SizeResult:
    """Every case of the size (or those of ``keys``), each variant timed."""
    cases = build_cases(ctx, keys)
    if log:
        log(f"size {ctx.size}: {len(cases)} cases")
    # What the harness holds (its data, the loaded snapshots) is moved out of the garbage
    # collector's sight: otherwise every full collection during a case walks it too, and
    # the cases are timed slower the more the harness has loaded.
    gc.collect()
    gc.freeze()
    try:
        results = [run_case(case, repeats, log=log) for case in cases]
    finally:
        gc.unfreeze()
    return SizeResult(ctx.size, plan_counts(ctx), reused, results)


# A size's results as JSON data, so that each database can be measured in a process of its
# own (Django's settings are per process) and the report written from all of them.


def size_result_data(result: SizeResult) -> dict:
    return {
        "size": str(result.size),
        "counts": result.counts,
        "reused": result.reused,
        "cases": [
            {
                "key": case.key,
                "title": case.title,
                "missing": case.missing,
                "floor_note": case.floor_note,
                "agrees": case.agrees,
                "variants": {
                    name: {
                        "error": variant.error,
                        "runs": list(variant.measurement.timing.runs)
                        if variant.measurement
                        else None,
                        "queries": variant.measurement.queries if variant.measurement else None,
                    }
                    for name, variant in case.variants.items()
                },
            }
            for case in result.cases
        ],
    }


def size_result_of(data: dict) -> SizeResult:
    cases = []
    for case in data["cases"]:
        variants = {}
        for name, variant in case["variants"].items():
            measurement = None
            if variant["runs"] is not None:
                measurement = Measurement(Timing(tuple(variant["runs"])), variant["queries"], None)
            variants[name] = VariantResult(measurement, variant["error"])
        cases.append(
            CaseResult(
                case["key"],
                case["title"],
                missing=case["missing"],
                floor_note=case["floor_note"],
                variants=variants,
                agrees=case["agrees"],
            )
        )
    return SizeResult(Size.parse(data["size"]), data["counts"], data["reused"], cases)
