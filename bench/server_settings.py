"""The project's settings, for the app under gunicorn in the benchmark: unchanged but for
STATIC_ROOT, which points at a temporary folder the benchmark collects static files into
(so a run never writes into the developer's staticfiles/)."""

import os

from peaceplan.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
