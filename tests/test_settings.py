"""Production settings refuse to start without what they need."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Set by the test run itself (the browser tests need it), never by a deployment.
TEST_ONLY_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def environment_without(*names):
    return {k: v for k, v in os.environ.items() if k not in {*names, *TEST_ONLY_VARIABLES}}


def start_with(**env):
    clean = environment_without("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start_with(ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start_with(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_a_bad_boolean_is_named():
    result = start_with(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_production_settings_pass_the_deploy_check():
    env = environment_without("DEBUG")
    env.update(SECRET_KEY="k" * 64 + "-production-key-for-the-check", ALLOWED_HOSTS="example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_development_starts_with_nothing_set():
    assert start_with(DEBUG="1").returncode == 0
