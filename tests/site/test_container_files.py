"""The container: Dockerfile, compose.yaml and .dockerignore (docs/operations.md, "Running
it as a service").

No container engine runs here (the docker client is installed, no daemon; no image
registry is reachable to pull a base image from), so the image is not built by these
tests: they check the files' key properties instead, and start what the image runs, its
CMD (gunicorn with peaceplan/gunicorn_conf.py, several workers, metrics in multiprocess
mode), and run its HEALTHCHECK command against it. A test that builds and starts the
image runs where ``docker info`` answers, and is skipped with the reason elsewhere.
"""

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

# Each check starts its own process with its own settings (none uses the suite's database):
# run once per CI run.
pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", text)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def stages() -> list[list[tuple[str, str]]]:
    split: list[list[tuple[str, str]]] = []
    for keyword, rest in instructions(DOCKERFILE):
        if keyword == "FROM":
            split.append([])
        split[-1].append((keyword, rest))
    return split


def final_stage() -> list[tuple[str, str]]:
    return stages()[-1]


def only(stage, keyword) -> str:
    (value,) = [rest for found, rest in stage if found == keyword]
    return value


def test_the_image_is_built_in_stages_and_collects_static_files_at_build():
    built = stages()
    assert len(built) >= 2
    assert all(" AS " in rest.upper() for keyword, rest in (stage[0] for stage in built))
    build_runs = " ".join(rest for keyword, rest in built[0] if keyword == "RUN")
    assert "pip install -r" in build_runs
    assert "manage.py collectstatic --no-input" in build_runs
    # The final stage takes the built virtualenv and app, not the compilers or pip's cache.
    copies = [rest for keyword, rest in final_stage() if keyword == "COPY"]
    assert copies and all(rest.startswith("--from=build") for rest in copies)


def test_the_app_runs_as_a_user_that_is_not_root():
    user = only(final_stage(), "USER")
    name = user.split(":")[0]
    assert name not in {"root", "0"}
    creating = " ".join(rest for keyword, rest in final_stage() if keyword == "RUN")
    assert "useradd --system" in creating and name in creating


def test_the_app_runs_under_gunicorn_with_a_healthcheck_on_healthz():
    command = json.loads(only(final_stage(), "CMD"))
    assert command[:3] == ["gunicorn", "--config", "python:peaceplan.gunicorn_conf"]
    assert command[-1] == "peaceplan.wsgi"
    healthcheck = only(final_stage(), "HEALTHCHECK")
    assert re.search(r"--interval=\d+s", healthcheck) and "--timeout=" in healthcheck
    assert "/healthz" in healthcheck


def test_the_build_context_leaves_out_secrets_and_local_state():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".env", ".venv", ".git", "db.sqlite3", "staticfiles/", "backups/"} <= ignored


def test_compose_runs_the_app_with_postgresql_redis_and_optional_pgbouncer():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"app", "migrate", "db", "redis", "pgbouncer"} <= set(services)
    app = services["app"]
    assert app["environment"]["CACHE_URL"].startswith("redis://redis:")
    assert "@db:5432/" in app["environment"]["DATABASE_URL"]
    assert app["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "healthcheck" in services["db"] and "healthcheck" in services["redis"]
    # PgBouncer only when asked for, in transaction mode.
    assert services["pgbouncer"]["profiles"] == ["pgbouncer"]
    assert services["pgbouncer"]["environment"]["POOL_MODE"] == "transaction"
    for name in ("app", "db", "redis", "migrate"):
        assert "profiles" not in services[name]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, **headers) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 -- localhost
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def image_command(tmp_path):
    """The image's CMD, started here as the image starts it: production settings, two
    workers, metrics in multiprocess mode. Yields the port and the environment."""
    port = free_port()
    metrics_dir = tmp_path / "prometheus"
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env |= {
        "DEBUG": "0",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP here, as behind a proxy that ends TLS.
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "LOG_FORMAT": "json",
        "METRICS_ENABLED": "1",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        "PATH": f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
    }
    # Left over from an earlier run: gunicorn's start must empty it.
    metrics_dir.mkdir()
    (metrics_dir / "counter_99999.db").write_bytes(b"stale")
    command = json.loads(only(final_stage(), "CMD"))
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail((tmp_path / "gunicorn.log").read_text(errors="replace"))
            time.sleep(0.2)
        yield port, env
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.mark.slow
def test_the_image_command_serves_and_its_healthcheck_passes(image_command):
    port, env = image_command
    healthcheck = only(final_stage(), "HEALTHCHECK")
    probe = json.loads(healthcheck[healthcheck.index("CMD") + 3 :].strip())
    assert probe[0] == "python"
    result = subprocess.run([sys.executable, *probe[1:]], env=env, capture_output=True, timeout=30)
    assert result.returncode == 0, result.stderr

    # Requests answered by either worker are summed in one exposition. (An API path: the
    # site's 404 page needs the static files' manifest, which the image's build makes.)
    for _ in range(6):
        assert get(f"http://127.0.0.1:{port}/api/v1/no-such-resource/")[0] == 404
    status, body = get(f"http://127.0.0.1:{port}/metrics")
    assert status == 200
    counted = [
        sample.value
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
        if sample.name == "peaceplan_requests_total"
        and sample.labels == {"view": "api:not-found", "method": "GET", "status": "404"}
    ]
    assert counted == [6.0]


def docker_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    result = subprocess.run(["docker", "info"], capture_output=True, timeout=30)
    return result.returncode == 0


@pytest.mark.slow
def test_the_image_builds_starts_and_answers_healthz(tmp_path):
    if not docker_answers():
        pytest.skip("no container engine answers here (`docker info` fails): image not built")
    tag = f"peaceplan-test:{os.getpid()}"
    subprocess.run(["docker", "build", "-t", tag, str(ROOT)], check=True, timeout=1800)
    port = free_port()
    run = ["docker", "run", "-d", "--rm", "-p", f"127.0.0.1:{port}:8000"]
    run += ["-e", "SECRET_KEY=" + "k" * 50, "-e", "ALLOWED_HOSTS=127.0.0.1", tag]
    container = subprocess.run(run, check=True, capture_output=True, text=True).stdout.strip()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            logs = subprocess.run(["docker", "logs", container], capture_output=True, text=True)
            pytest.fail(logs.stdout + logs.stderr)
        user = subprocess.run(
            ["docker", "exec", container, "id", "-u"], capture_output=True, text=True
        ).stdout.strip()
        assert user != "0"
    finally:
        subprocess.run(["docker", "rm", "-f", shlex.quote(container)], capture_output=True)
