"""The results as Markdown: the machine, the sizes, a table per size, the targets of issue
#6 checked one by one, and the throughput under gunicorn."""

from collections.abc import Sequence
from dataclasses import dataclass

from .runner import CaseResult, SizeResult
from .throughput import ThroughputResult

# Issue #6's targets, checked at the largest size measured.
PAGES_DIFF_API = ["overview_page", "diff_page", "compare_page", "revision_diff"]
API_LISTS = ["positions_api_50", "positions_api_500"]
FIXED_QUERIES = [*PAGES_DIFF_API, *API_LISTS]
NAIVE_20X = ["revision_diff", "overview_page"]
FLOOR_2X = ["revision_diff", "overview_page", *API_LISTS]


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    met: bool | None  # None: could not be checked (a case is missing or failed)
    note: str = ""


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds >= 10:
        return f"{seconds:.1f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.2f} ms"


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def times(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}×"


def _timing_cell(case: CaseResult, variant: str) -> str:
    result = case.variants.get(variant)
    if result is None:
        return "–"
    if result.measurement is None:
        return f"error: {result.error}"
    t = result.measurement.timing
    return f"{ms(t.median)} ({ms(t.low)}–{ms(t.high)}, n={len(t.runs)})"


def _queries(case: CaseResult, variant: str) -> str:
    q = case.queries(variant)
    return "–" if q is None else str(q)


def _agrees(case: CaseResult, variant: str) -> str:
    agrees = case.agrees.get(variant)
    return "" if agrees is None else (" ✓" if agrees else " ✗ differs")


def case_table(result: SizeResult) -> str:
    lines = [
        "| case | app: median (IQR, runs) | app queries | naive: median | naive queries "
        "| naive ÷ app | floor: median | floor queries | app ÷ floor |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for case in result.cases:
        if case.missing:
            lines.append(f"| {case.title} | not available yet: {case.missing} | | | | | | | |")
            continue
        naive_ratio = ratio(case.median("naive"), case.median("app"))
        floor_ratio = ratio(case.median("app"), case.median("floor"))
        floor_note = f" ({case.floor_note})" if case.floor_note else ""
        lines.append(
            f"| {case.title} | {_timing_cell(case, 'app')} | {_queries(case, 'app')} "
            f"| {_timing_cell(case, 'naive')}{_agrees(case, 'naive')} | {_queries(case, 'naive')} "
            f"| {times(naive_ratio)} "
            f"| {_timing_cell(case, 'floor')}{_agrees(case, 'floor')}{floor_note} "
            f"| {_queries(case, 'floor')} | {times(floor_ratio)} |"
        )
    return "\n".join(lines)


def check_targets(results: Sequence[SizeResult]) -> list[Target]:
    """Issue #6's targets at the largest size (queries compared with the smallest)."""
    large, small = results[-1], results[0]
    targets = []
    for key in FIXED_QUERIES:
        case, few = large.case(key), small.case(key)
        q_large, q_small = (
            (case.queries("app") if case else None),
            (few.queries("app") if few else None),
        )
        met = None if q_large is None or q_small is None else q_large == q_small
        targets.append(
            Target(
                f"{_title(case, key)}: a fixed number of queries",
                f"{q_small} at {small.size}, {q_large} at {large.size}",
                met,
            )
        )
    for key in NAIVE_20X:
        case = large.case(key)
        value = ratio(case.median("naive"), case.median("app")) if case else None
        targets.append(
            Target(
                f"{_title(case, key)}: at least 20× faster than the naive peer",
                times(value),
                None if value is None else value >= 20,
                "" if value is None or value >= 20 else f"missed by {20 / value:.1f}×",
            )
        )
    for key in FLOOR_2X:
        case = large.case(key)
        value = ratio(case.median("app"), case.median("floor")) if case else None
        targets.append(
            Target(
                f"{_title(case, key)}: within 2× the floor",
                times(value),
                None if value is None else value <= 2,
                "" if value is None or value <= 2 else f"missed by {value / 2:.1f}×",
            )
        )
    case = large.case("clone")
    value = ratio(case.median("naive"), case.median("app")) if case else None
    targets.append(
        Target(
            "clone: at least 10× faster than a save() per row",
            times(value),
            None if value is None else value >= 10,
            "" if value is None or value >= 10 else f"missed by {10 / value:.1f}×",
        )
    )
    case = large.case("align")
    value = case.median("app") if case else None
    targets.append(
        Target(
            f"{_title(case, 'align')}: under 1 s",
            ms(value),
            None if value is None else value < 1,
            "" if value is None or value < 1 else f"missed by {value:.2f} s",
        )
    )
    return targets


def _title(case: CaseResult | None, key: str) -> str:
    return case.title if case else key


def targets_table(targets: Sequence[Target]) -> str:
    lines = ["| target | measured | met? |", "|---|---|---|"]
    for t in targets:
        verdict = {True: "yes", False: "**no**", None: "not checked"}[t.met]
        if t.note:
            verdict += f" ({t.note})"
        lines.append(f"| {t.name} | {t.measured} | {verdict} |")
    return "\n".join(lines)


def throughput_table(results: Sequence[ThroughputResult]) -> str:
    lines = [
        "| endpoint | concurrency | requests/s | p50 | p95 | p99 | requests | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.concurrency} | {r.rps:.1f} | {ms(r.p50)} | {ms(r.p95)} "
            f"| {ms(r.p99)} | {r.requests} | {r.errors} |"
        )
    return "\n".join(lines)


def markdown(
    *,
    machine: dict[str, str],
    results: Sequence[SizeResult],
    throughput: Sequence[ThroughputResult] | None,
    throughput_note: str,
    repeats_note: str,
) -> str:
    parts = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m bench`); do not edit.",
        "",
    ]
    parts += ["## Machine", "", "| | |", "|---|---|"]
    parts += [f"| {k} | {v} |" for k, v in machine.items()]
    parts += ["", "## Sizes", "", "| size | " + " | ".join(results[0].counts) + " | data |"]
    parts.append("|---|" + "---|" * (len(results[0].counts) + 1))
    for r in results:
        counts = " | ".join(f"{v:,}" for v in r.counts.values())
        parts.append(f"| {r.size} | {counts} | {'reused' if r.reused else 'built in this run'} |")
    parts += ["", repeats_note, ""]
    for r in results:
        parts += [f"## {r.size} (clauses × parties × revisions)", "", case_table(r), ""]
    if len(results) > 1:
        parts += [
            f"## Targets (issue #6), at {results[-1].size}",
            "",
            targets_table(check_targets(results)),
            "",
        ]
    parts += ["## Throughput under gunicorn", "", throughput_note, ""]
    if throughput:
        parts += [throughput_table(throughput), ""]
    return "\n".join(parts)
