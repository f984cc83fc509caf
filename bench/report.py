"""The results as Markdown: the machine, the sizes, SQLite and PostgreSQL side by side, the
cost of a long history, the targets checked one by one on each database, a
table per database and size, and a pointer to the throughput under gunicorn (the load
test's section, which bench/loadtest.py writes)."""

from collections.abc import Sequence
from dataclasses import dataclass

from bench.runner import CaseResult, SizeResult

# The targets, checked at the largest size measured.
READ_CASES = [
    "overview_page",
    "diff_page",
    "overview_page_uk",
    "diff_page_uk",
    "compare_page",
    "synopsis_page",
    "revision_diff",
    "positions_api_50",
    "positions_api_500",
    "revision_api",
    "clause_page",
    "party_page",
    "revision_csv",
    "revision_json",
    "plan_feed",
    "search_common",
    "search_rare",
]
FIXED_QUERIES = READ_CASES
NAIVE_20X = ["revision_diff", "overview_page"]
FLOOR_2X = READ_CASES
# The cost of a long negotiation: each case's app at the deepest history over the
# shallowest, at the same clauses and parties. Pages that show every revision scale with
# them (linearly at worst) and are exempt.
DEPTH_CASES = [
    "revision_diff",
    "diff_page",
    "overview_page",
    "positions_api_50",
    "positions_api_500",
    "clause_page",
]
DEPTH_EXEMPT = {"compare_page": "shows every revision from the first to the latest"}
DEPTH_TARGET = 1.3
# Writes that do not grow with the history: an edit to the first revision of a plan at
# most this many times one to the latest (time and queries).
WRITE_PAIRS = {
    "position_edit_first": "position_edit_latest",
    "wording_edit_first": "wording_edit_latest",
}
WRITE_TARGET = 1.5
DEPTH_NOTES = {
    "clause_page": "its latest 20 revisions and their edits; earlier ones a link away",
}


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    met: bool | None  # None: could not be checked (a case is missing or failed)
    note: str = ""


@dataclass
class DatabaseRun:
    """One database's measurements, as ``python -m bench.measure`` gave them."""

    name: str  # SQLite or PostgreSQL
    description: str
    results: list[SizeResult]
    largest: dict  # the largest plan's slug and latest revision number
    page_sizes: str | None = None


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


def fine_times(value: float | None) -> str:
    """A ratio near 1 to two decimals, so that 1.34× does not read as the 1.3× it misses."""
    return "–" if value is None else f"{value:.2f}×"


def missed_by(value: float, target: float) -> str:
    """How far a ratio misses its target: to two decimals when close."""
    over = value / target
    return f"missed by {fine_times(over) if over < 1.1 else times(over)}"


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
            lines.append(f"| {case.title} | {case.missing} | | | | | | | |")
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


def _floor_ratio(case: CaseResult | None) -> float | None:
    return ratio(case.median("app"), case.median("floor")) if case else None


def _naive_ratio(case: CaseResult | None) -> float | None:
    return ratio(case.median("naive"), case.median("app")) if case else None


def depth_sizes(results: Sequence[SizeResult]) -> tuple[SizeResult, SizeResult] | None:
    """The shallowest and deepest history measured at the largest size's clauses and
    parties; None unless two such sizes were measured."""
    large = results[-1].size
    same = [
        r for r in results if (r.size.clauses, r.size.parties) == (large.clauses, large.parties)
    ]
    if len(same) < 2:
        return None
    same.sort(key=lambda r: r.size.revisions)
    if same[0].size.revisions == same[-1].size.revisions:
        return None
    return same[0], same[-1]


def depth_ratio(results: Sequence[SizeResult], key: str) -> float | None:
    sizes = depth_sizes(results)
    if sizes is None:
        return None
    shallow, deep = (r.case(key) for r in sizes)
    if shallow is None or deep is None:
        return None
    return ratio(deep.median("app"), shallow.median("app"))


def check_targets(results: Sequence[SizeResult]) -> list[Target]:
    """The targets on one database at its largest size (query counts across every
    size measured)."""
    large = results[-1]
    targets = []
    measured = {case.key for case in large.cases if not case.missing}
    for key in [k for k in FIXED_QUERIES if k in measured]:
        # Sizes where the case does not run (the party page, read once) are left out.
        sizes = [r for r in results if r.case(key) and not r.case(key).missing]
        counts = [r.case(key).queries("app") for r in sizes]
        met = None if None in counts or len(counts) < 2 else len(set(counts)) == 1
        targets.append(
            Target(
                f"{_title(large.case(key), key)}: a fixed number of queries",
                ", ".join(f"{q} at {r.size}" for q, r in zip(counts, sizes, strict=True)),
                met,
                "" if len(counts) > 1 else "measured at one size: the smoke tests compare two",
            )
        )
    for key in [k for k in FLOOR_2X if k in measured]:
        value = _floor_ratio(large.case(key))
        targets.append(
            Target(
                f"{_title(large.case(key), key)}: within 2× the floor",
                times(value),
                None if value is None else value <= 2,
                "" if value is None or value <= 2 else missed_by(value, 2),
            )
        )
    for key in [k for k in NAIVE_20X if k in measured]:
        value = _naive_ratio(large.case(key))
        targets.append(
            Target(
                f"{_title(large.case(key), key)}: at least 20× faster than the naive peer",
                times(value),
                None if value is None else value >= 20,
                "" if value is None or value >= 20 else missed_by(20, value),
            )
        )
    if "clone" in measured:
        value = _naive_ratio(large.case("clone"))
        targets.append(
            Target(
                "clone: at least 10× faster than a save() per row",
                times(value),
                None if value is None else value >= 10,
                "" if value is None or value >= 10 else missed_by(10, value),
            )
        )
    if "align" in measured:
        case = large.case("align")
        value = case.median("app")
        targets.append(
            Target(
                f"{case.title}: under 1 s",
                ms(value),
                None if value is None else value < 1,
                "" if value is None or value < 1 else f"missed by {value - 1:.2f} s",
            )
        )
    for first, latest in WRITE_PAIRS.items():
        first_case, latest_case = large.case(first), large.case(latest)
        if {first, latest} <= measured and first_case and latest_case:
            targets.append(_write_target(first_case, latest_case))
    sizes = depth_sizes(results)
    for key in [k for k in DEPTH_CASES if k in measured]:
        value = depth_ratio(results, key)
        span = f" ({sizes[1].size} ÷ {sizes[0].size})" if sizes else ""
        targets.append(
            Target(
                f"{_title(large.case(key), key)}: at most {DEPTH_TARGET}× the cost of a short "
                "history",
                fine_times(value) + ("" if value is None else span),
                None if value is None else value <= DEPTH_TARGET,
                "" if value is None or value <= DEPTH_TARGET else missed_by(value, DEPTH_TARGET),
            )
        )
    return targets


def _write_target(first: CaseResult, latest: CaseResult) -> Target:
    """The edit to the first revision against the same edit to the latest: at most
    ``WRITE_TARGET`` times its time and its queries."""
    time = ratio(first.median("app"), latest.median("app"))
    queries = ratio(first.queries("app"), latest.queries("app"))
    worst = None if time is None or queries is None else max(time, queries)
    return Target(
        f"{first.title}: at most {WRITE_TARGET}× the same edit {latest.title.split(' ', 2)[-1]}"
        " (time and queries)",
        f"{fine_times(time)} the time, {fine_times(queries)} the queries",
        None if worst is None else worst <= WRITE_TARGET,
        "" if worst is None or worst <= WRITE_TARGET else missed_by(worst, WRITE_TARGET),
    )


def _title(case: CaseResult | None, key: str) -> str:
    return case.title if case else key


def _verdict(target: Target | None) -> str:
    if target is None:
        return "not measured"
    verdict = {True: "met", False: "**missed**", None: "not checked"}[target.met]
    return verdict + (f" ({target.note})" if target.note else "")


def targets_table(runs: Sequence["DatabaseRun"]) -> str:
    """Every target, each database's measure and verdict side by side."""
    checked = [{t.name: t for t in check_targets(run.results)} for run in runs]
    names = list(dict.fromkeys(name for targets in checked for name in targets))
    header = "| target | " + " | ".join(f"{run.name} | met?" for run in runs) + " |"
    lines = [header, "|---|" + "---|---|" * len(runs)]
    for name in names:
        cells = []
        for targets in checked:
            target = targets.get(name)
            cells.append(f"{target.measured if target else '–'} | {_verdict(target)}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def side_by_side_table(runs: Sequence["DatabaseRun"], index: int) -> str:
    """One size's cases with each database's app time, app ÷ floor and naive ÷ app."""
    sizes = [run.results[index] for run in runs]
    header = "| case | " + " | ".join(
        f"{run.name}: app | app ÷ floor | naive ÷ app | queries" for run in runs
    )
    lines = [header + " |", "|---|" + "---|---|---|---|" * len(runs)]
    for case in sizes[0].cases:
        cells = []
        for result in sizes:
            other = result.case(case.key)
            if other is None or other.missing:
                cells.append("– | – | – | –")
                continue
            cells.append(
                f"{ms(other.median('app'))} | {times(_floor_ratio(other))} "
                f"| {times(_naive_ratio(other))} | {_queries(other, 'app')}"
            )
        lines.append(f"| {case.title} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def depth_table(runs: Sequence["DatabaseRun"]) -> str | None:
    """Each case's app at the deepest history over the shallowest, per database."""
    sizes = depth_sizes(runs[0].results)
    if sizes is None:
        return None
    shallow, deep = (r.size for r in sizes)
    header = "| case | " + " | ".join(
        f"{run.name}: app at {shallow} | at {deep} | ratio | met?" for run in runs
    )
    lines = [header + " |", "|---|" + "---|---|---|---|" * len(runs)]
    for key in [*DEPTH_CASES, *DEPTH_EXEMPT]:
        title = None
        cells = []
        for run in runs:
            pair = depth_sizes(run.results)
            if pair is None or pair[0].case(key) is None or pair[1].case(key) is None:
                cells.append("– | – | – | –")
                continue
            low, high = pair[0].case(key), pair[1].case(key)
            title = title or high.title
            value = depth_ratio(run.results, key)
            if key in DEPTH_EXEMPT:
                verdict = "exempt"
            elif value is None:
                verdict = "not checked"
            else:
                verdict = "met" if value <= DEPTH_TARGET else "**missed**"
            cells.append(
                f"{ms(low.median('app'))} | {ms(high.median('app'))} | {fine_times(value)} "
                f"| {verdict}"
            )
        if title is None:
            continue
        note = DEPTH_EXEMPT.get(key) or DEPTH_NOTES.get(key)
        lines.append(f"| {title}{f' ({note})' if note else ''} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown(
    *,
    machine: dict[str, str],
    runs: Sequence[DatabaseRun],
    throughput_note: str,
    repeats_note: str,
) -> str:
    first = runs[0]
    parts = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m bench`); do not edit.",
        "",
    ]
    parts += ["## Machine", "", "| | |", "|---|---|"]
    parts += [f"| {k} | {v} |" for k, v in machine.items()]
    counts = first.results[0].counts
    parts += ["", "## Sizes", "", "| size | " + " | ".join(counts) + " |"]
    parts.append("|---|" + "---|" * len(counts))
    for r in first.results:
        parts.append(f"| {r.size} | " + " | ".join(f"{v:,}" for v in r.counts.values()) + " |")
    parts += ["", repeats_note, ""]
    names = " and ".join(run.name for run in runs)
    for index, r in enumerate(first.results):
        parts += [
            f"## {r.size}: {names}" + (" side by side" if len(runs) > 1 else ""),
            "",
            side_by_side_table(runs, index),
            "",
        ]
    depth = depth_table(runs)
    parts += ["## The cost of a long history", ""]
    if depth is None:
        parts += [
            "Not measured: it needs two sizes of the same clauses and parties with different "
            "numbers of revisions (the default sizes have 500x10x5 and 500x10x50).",
            "",
        ]
    else:
        shallow, deep = (r.size for r in depth_sizes(first.results))
        parts += [
            f"The app's median at {deep} over its median at {shallow}: what the same pages "
            f"cost after {deep.revisions} revisions instead of {shallow.revisions} (target: at "
            f"most {DEPTH_TARGET}×; pages that show every revision are exempt).",
            "",
            depth,
            "",
        ]
    parts += [
        f"## Targets, at {first.results[-1].size}",
        "",
        targets_table(runs),
        "",
    ]
    for run in runs:
        for r in run.results:
            parts += [
                f"## {run.name}, {r.size} (clauses × parties × revisions)",
                "",
                case_table(r),
                "",
            ]
    parts += ["## Throughput under gunicorn", "", throughput_note, ""]
    page_sizes = next((run.page_sizes for run in runs if run.page_sizes), None)
    if page_sizes:
        parts += [page_sizes]
    return "\n".join(parts)
