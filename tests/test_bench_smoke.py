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
from bench.throughput import ThroughputResult
from bench.timing import TINY

SIZES = [Size(4, 2, 2), Size(6, 3, 3)]


@pytest.fixture(scope="module")
def results(django_db_setup, django_db_blocker):
    """Both sizes measured once for the module, then rolled back."""
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
def test_the_diff_variants_agree_on_the_totals(results):
    for result in results:
        for key in ("revision_diff", "diff_function"):
            assert result.case(key).agrees == {"naive": True, "floor": True}, key


@pytest.mark.slow
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_the_app_reads_in_a_fixed_number_of_queries_and_the_naive_peer_does_not(results):
    small, large = results
    for key in report.FIXED_QUERIES:
        assert small.case(key).queries("app") == large.case(key).queries("app"), key
    assert large.case("revision_diff").queries("naive") > small.case("revision_diff").queries(
        "naive"
    )


@pytest.mark.slow
@pytest.mark.django_db  # so that the test database is made even when run alone
def test_the_report_has_a_row_per_case_and_every_target(results):
    throughput = [
        ThroughputResult("trivial", "/favicon.ico", 1, 1.0, 10, 0, 10.0, 0.001, 0.002, 0.003, {})
    ]
    text = report.markdown(
        machine={"CPU": "test"},
        results=results,
        throughput=throughput,
        throughput_note="note",
        repeats_note="repeats",
    )
    header = "| case | app: median (IQR, runs) | app queries | naive: median | naive queries"
    assert text.count(header) == len(SIZES)
    for result in results:
        for case in result.cases:
            assert f"| {case.title} |" in text
    targets = report.check_targets(results)
    assert len(targets) == 14
    assert all(t.met is not None for t in targets)
    for target in targets:
        assert target.name in text
    assert "| trivial | 1 | 10.0 |" in text


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
