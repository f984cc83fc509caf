"""gunicorn's settings for the container (``gunicorn -c python:peaceplan.gunicorn_conf
peaceplan.wsgi``), each from the environment with a default.

With ``PROMETHEUS_MULTIPROC_DIR`` set, every worker writes its metrics there and
``/metrics`` sums them (peaceplan/metrics.py): the directory is emptied when gunicorn
starts, so no count of an earlier run is added in, and a dead worker's live gauges are
dropped.
"""

import multiprocessing
import os
import shutil
from pathlib import Path

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104 -- in a container
# Sync workers, a few per core (docs/operations.md, "Scaling out").
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Heartbeats in memory, not on a container's overlay filesystem (gunicorn's own advice).
SHARED_MEMORY = Path("/dev/shm")  # noqa: S108 -- gunicorn's heartbeat files, not data
worker_tmp_dir = str(SHARED_MEMORY) if SHARED_MEMORY.is_dir() else None
# The app writes its own access line per request (peaceplan/request_log.py).
accesslog = None
errorlog = "-"
# Long enough for the load balancer's own keep-alive not to race it.
keepalive = 5


def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        Path(directory).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
