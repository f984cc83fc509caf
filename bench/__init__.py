"""The benchmarks of issue #6: ``make bench`` (``python -m bench``).

Each case (pages, the diff, the API, cloning, aligning a paste) is timed beside its naive
peer (bench/naive.py: how a first version would do it) and its floor (bench/floor.py: the
same data with one raw SQL query and the least work), at three sizes of generated plan, on
a database of the benchmark's own (bench/environment.py). Throughput is measured under
gunicorn, against PostgreSQL and Redis, loaded by wrk (bench/loadtest.py, with
bench/throughput.py). Results go to bench/results.md.
"""
