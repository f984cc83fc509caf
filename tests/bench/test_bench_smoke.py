"""The benchmark machinery end to end at a tiny size. Structure only: timings never go in
tests."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from bench import environment, report
from bench.cases import size_context
from bench.config import CASE_KEYS, Size
from bench.data import ensure_plan
from bench.runner import VARIANTS, run_size
from bench.timing import Repeats

# The last two share clauses and parties and differ in history: the report's depth table.
SIZES = [Size(4, 2, 2), Size(6, 3, 2), Size(6, 3, 4)]
# One run of each variant: structure, not timings.
TINY = Repeats(warmup=1, min_runs=1, max_runs=1, budget=0, slow_min_runs=1, very_slow_runs=1)
# The new reads of issue #16: each with its own naive peer and floor.
READ_KEYS = CASE_KEYS[-5:]


@pytest.fixture(scope="module")
def results(django_db_setup, django_db_blocker):
    """Every size measured once for the module, then rolled back."""
    # The naive and floor peers are served beside the app, as `python -m bench` does.
    with django_db_blocker.unblock(), override_settings(ROOT_URLCONF="bench.urls"):
        # The API's anonymous throttle counts in the cache: start with none used.
        cache.clear()
        out = []
        with transaction.atomic():
            for size in SIZES:
                plan, reused = ensure_plan(size, seed=1, progress=False)
                assert not reused
                context = size_context(size, plan, seed=1)
                out.append(run_size(context, TINY, reused=reused, log=None))
            transaction.set_rollback(True)
    return out


@pytest.mark.slow
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_every_case_runs_with_its_naive_peer_and_its_floor(results):
    for result in results:
        assert [case.key for case in result.cases] == CASE_KEYS
        for case in result.cases:
            assert not case.missing, case.key
            assert set(case.variants) == set(VARIANTS), case.key
            for name, variant in case.variants.items():
                assert variant.error == "", (case.key, name, variant.error)
                assert len(variant.measurement.timing.runs) == 1
                assert isinstance(variant.measurement.queries, int)


@pytest.mark.slow
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_the_writes_run_with_the_edits_in_the_first_and_the_latest_revision(results):
    large = results[-1]
    assert "in r1 " in large.case("position_edit_first").title
    assert "in r4 " in large.case("position_edit_latest").title
    assert "in r1 " in large.case("wording_edit_first").title
    assert "in r4 " in large.case("wording_edit_latest").title
    # The floor (the bare UPDATE and its history row) and the app cost the same number of
    # queries at every size, and the edit to r1 the same as the edit to the latest.
    for key in ("position_edit_first", "wording_edit_first"):
        for variant in ("app", "floor"):
            counts = {result.case(key).queries(variant) for result in results}
            assert len(counts) == 1, (key, variant, counts)
        assert large.case(key).queries("floor") < large.case(key).queries("app"), key
        latest = key.replace("_first", "_latest")
        assert large.case(key).queries("app") == large.case(latest).queries("app"), key
    # The naive peer refreshes every revision of the plan, each on its own (the pasted
    # draft's own rows differ from size to size: its count is not compared).
    for key in ("position_edit_first", "wording_edit_first"):
        assert large.case(key).queries("naive") > results[1].case(key).queries("naive"), key


@pytest.mark.slow
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_the_diff_variants_agree_on_the_totals(results):
    for result in results:
        for key in ("revision_diff", "diff_function"):
            assert result.case(key).agrees == {"naive": True, "floor": True}, key


@pytest.mark.slow
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_the_exports_and_the_feed_agree_with_their_naive_peer_and_floor(results):
    # The exports' row counts, and each feed entry's change counts.
    for result in results:
        for key in ("revision_csv", "revision_json", "plan_feed"):
            assert result.case(key).agrees == {"naive": True, "floor": True}, key


@pytest.mark.slow
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_the_synopsis_variants_count_the_same_rows_and_only_the_naive_peer_grows(results):
    small, _middle, large = results
    for result in results:
        case = result.case("synopsis_page")
        assert case.agrees == {"naive": True, "floor": True}
        assert case.queries("floor") == 1
    # Two columns at 4x2x2, four at 6x3x4: the app's queries stay, the naive peer's grow.
    assert "r1, r2, r3, r4" in large.case("synopsis_page").title
    assert large.case("synopsis_page").queries("app") == small.case("synopsis_page").queries("app")
    naive = [result.case("synopsis_page").queries("naive") for result in results]
    assert naive == sorted(naive) and naive[-1] > naive[0]


def _answer(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


@pytest.mark.slow
@pytest.mark.django_db
def test_the_export_floors_write_what_the_app_writes(client):
    """The floors of the exports give the same information: the CSV byte for byte, the
    JSON's rows value for value."""
    import json

    plan, _ = ensure_plan(Size(4, 2, 2), seed=1, progress=False)
    number = plan.revisions.order_by("-number").first().number
    with override_settings(ROOT_URLCONF="bench.urls"):
        page = f"/plans/{plan.slug}/revisions/{number}/"
        floor = f"/_bench/floor/plans/{plan.slug}/revisions/{number}/"
        assert _answer(client, page + "?format=csv") == _answer(client, floor + "csv/")
        app = json.loads(_answer(client, page + "?format=json"))
        peer = json.loads(_answer(client, floor + "json/"))
    assert app["rows"]
    assert app["rows"] == [dict(zip(peer["columns"], row, strict=True)) for row in peer["rows"]]


@pytest.mark.slow
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_the_app_reads_in_a_fixed_number_of_queries_and_the_naive_peer_does_not(results):
    small, _middle, large = results
    for key in [*report.FIXED_QUERIES, *READ_KEYS]:
        counts = {result.case(key).queries("app") for result in results}
        assert len(counts) == 1, (key, counts)
    for key in ("revision_diff", *READ_KEYS):
        if key == "party_page":  # it reads every plan in the database, whatever the size
            continue
        assert large.case(key).queries("naive") > small.case(key).queries("naive"), key
        assert large.case(key).queries("floor") == 1, key


def _runs(results) -> list[report.DatabaseRun]:
    """The same measurements as two databases' runs: the report's layout, not its numbers."""
    largest = {"plan": "p", "latest": 1}
    return [
        report.DatabaseRun("SQLite", "SQLite 3", results, largest, page_sizes="### Page sizes"),
        report.DatabaseRun("PostgreSQL", "PostgreSQL 15", results, largest),
    ]


@pytest.mark.slow
@pytest.mark.once
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_the_report_has_both_databases_the_depth_table_and_every_target(results):
    text = report.markdown(
        machine={"CPU": "test"},
        runs=_runs(results),
        throughput_note="note",
        repeats_note="repeats",
    )
    # A detail table per database and size, with a row per case.
    header = "| case | app: median (IQR, runs) | app queries | naive: median | naive queries"
    assert text.count(header) == 2 * len(SIZES)
    for result in results:
        for case in result.cases:
            assert f"| {case.title} |" in text
    # Per size, the two databases side by side.
    side_by_side = (
        "| case | SQLite: app | app ÷ floor | naive ÷ app | queries "
        "| PostgreSQL: app | app ÷ floor | naive ÷ app | queries |"
    )
    assert text.count(side_by_side) == len(SIZES)
    for size in SIZES:
        assert f"## {size}: SQLite and PostgreSQL side by side" in text
    # The cost of a long history: the deepest over the shallowest of the same plan shape.
    assert "## The cost of a long history" in text
    assert "| SQLite: app at 6x3x2 | at 6x3x4 | ratio | met? |" in text
    for key in [*report.DEPTH_CASES, *report.DEPTH_EXEMPT]:
        assert f"| {results[-1].case(key).title}" in text, key
    assert "exempt" in text
    # Every target of issue #16, checked on each database.
    targets = report.check_targets(results)
    expected = (
        2 * len(report.READ_CASES)  # fixed queries, within 2x the floor
        + len(report.NAIVE_20X)
        + 2  # clone, align
        + len(report.WRITE_PAIRS)  # an edit to the first revision against one to the latest
        + len(report.DEPTH_CASES)
    )
    assert len(targets) == expected
    assert all(t.met is not None for t in targets)
    for target in targets:
        assert text.count(f"| {target.name} |") == 1, target.name
    assert "| target | SQLite | met? | PostgreSQL | met? |" in text
    assert "## Throughput under gunicorn\n\nnote\n" in text
    assert "### Page sizes" in text


@pytest.mark.slow
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_each_database_s_results_travel_as_json_unchanged(results):
    import json

    from bench.runner import size_result_data, size_result_of

    for result in results:
        again = size_result_of(json.loads(json.dumps(size_result_data(result))))
        assert again.size == result.size
        for case, copy in zip(result.cases, again.cases, strict=True):
            assert copy.title == case.title
            assert copy.agrees == case.agrees
            for name in VARIANTS:
                assert copy.median(name) == case.median(name)
                assert copy.queries(name) == case.queries(name)


def test_a_run_can_be_narrowed_to_some_cases_and_measures_three_sizes_by_default():
    from bench.__main__ import parse_args

    args = parse_args([])
    assert [str(size) for size in args.sizes] == ["50x5x5", "500x10x5", "500x10x50"]
    assert args.cases is None
    assert args.databases == ["sqlite", "postgresql"]
    assert parse_args(["--cases", "clause_page,plan_feed"]).cases == ["clause_page", "plan_feed"]
    with pytest.raises(SystemExit):
        parse_args(["--cases", "clause_page,no_such_case"])
    with pytest.raises(SystemExit):
        parse_args(["--databases", "mysql"])


def test_the_benchmark_never_uses_the_developers_database():
    assert environment.bench_database_url({}) == f"sqlite:///{environment.SQLITE_PATH}"
    url = environment.bench_database_url(
        {"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/peaceplan"}
    )
    assert url == "postgres://u:p@127.0.0.1:5432/peaceplan_bench"
    with pytest.raises(SystemExit, match="PostgreSQL"):
        environment.bench_database_url({"DATABASE_URL": "mysql://root@127.0.0.1/peaceplan"})


def test_sizes_are_written_clauses_by_parties_by_revisions():
    assert Size.parse("500x10x50") == Size(500, 10, 50)
    assert str(Size(50, 5, 5)) == "50x5x5"
    with pytest.raises(ValueError, match="CLAUSESxPARTIESxREVISIONS"):
        Size.parse("500x10")


@pytest.mark.django_db
def test_the_party_page_is_read_once_a_run_at_its_largest_size():
    # It shows every plan in the database, so every size would read the same pages.
    from bench.cases import build_cases

    plan, _ = ensure_plan(Size(4, 2, 2), seed=1, progress=False)
    context = size_context(Size(4, 2, 2), plan, seed=1)
    (largest,) = build_cases(context, ["party_page"])
    assert not largest.missing and largest.naive and largest.floor
    context.largest = False
    (smaller,) = build_cases(context, ["party_page"])
    assert "largest size only" in smaller.missing
