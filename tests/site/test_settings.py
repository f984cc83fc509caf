"""Production settings refuse to start without what they need."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each check starts its own process with its own settings (none uses the suite's database):
# run once per CI run.
pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]


# Set by the test run itself (the browser tests need it), never by a deployment.
TEST_ONLY_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def environment_without(*names):
    return {k: v for k, v in os.environ.items() if k not in {*names, *TEST_ONLY_VARIABLES}}


def start_with(**env):
    # DEBUG=0 explicitly: a development checkout's .env would otherwise turn it on.
    clean = environment_without("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS") | {"DEBUG": "0"}
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
    env = environment_without("DEBUG") | {"DEBUG": "0"}
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


def test_debug_alone_starts_a_development_site():
    assert start_with(DEBUG="1").returncode == 0


def test_manage_py_works_on_a_checkout_that_sets_nothing():
    # A fresh clone has no .env: manage.py runs as development there (a checkout that has
    # one reads DEBUG=1 from it).
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=environment_without("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_manage_py_assumes_development_only_where_nothing_configures_the_site(tmp_path):
    from peaceplan.development import default_to_development

    env_file = tmp_path / ".env"
    nothing: dict[str, str] = {"PATH": "/usr/bin"}
    default_to_development(nothing, env_file)
    assert nothing["DEBUG"] == "1"

    for configured in ({"DEBUG": "0"}, {"SECRET_KEY": "k" * 50}, {"DEBUG": ""}):
        environ = dict(configured)
        default_to_development(environ, env_file)
        assert environ == configured

    env_file.write_text("DATABASE_URL=postgres://db/peaceplan\n")
    environ = {}
    default_to_development(environ, env_file)
    assert environ == {}


def test_a_development_env_file_fills_in_what_the_environment_does_not_set(tmp_path):
    from peaceplan.settings import read_env_file

    env_file = tmp_path / ".env"
    env_file.write_text("# development\nPEACEPLAN_TEST_A=from-file\nPEACEPLAN_TEST_B=from-file\n")
    os.environ["PEACEPLAN_TEST_B"] = "from-environment"
    try:
        read_env_file(env_file)
        assert os.environ["PEACEPLAN_TEST_A"] == "from-file"
        assert os.environ["PEACEPLAN_TEST_B"] == "from-environment"
    finally:
        os.environ.pop("PEACEPLAN_TEST_A", None)
        os.environ.pop("PEACEPLAN_TEST_B", None)


def test_a_malformed_env_file_line_is_named(tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    from peaceplan.settings import read_env_file

    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=1\njust words\n")
    with pytest.raises(ImproperlyConfigured, match="line 2: expected NAME=value"):
        read_env_file(env_file)


@pytest.mark.parametrize(
    "variable, value, message",
    [
        ("PAGE_CACHE", "maybe", "PAGE_CACHE must be one of"),
        ("DB_CONN_MAX_AGE", "sixty", "DB_CONN_MAX_AGE must be a whole number, not 'sixty'"),
        ("LOGIN_LOCKOUT_SECONDS", "15m", "LOGIN_LOCKOUT_SECONDS must be a whole number"),
        ("TRUSTED_PROXIES", "the-proxy", "TRUSTED_PROXIES must be a number of proxies"),
        ("DATABASE_URL", "mongodb://db/peaceplan", "DATABASE_URL must be a database URL"),
        ("DATABASE_REPLICA_URL", "replica.example", "DATABASE_REPLICA_URL must be a database URL"),
        ("CACHE_URL", "memcache://127.0.0.1:11211", "CACHE_URL must start with redis://"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_its_variable(variable, value, message):
    result = start_with(DEBUG="1", **{variable: value})
    assert result.returncode != 0
    assert message in result.stderr
