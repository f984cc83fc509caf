"""How the settings read the environment (django-environ, held to ``SettingsEnv``'s rules):
every variable under its name with its default, and each kind of value parsed as it
always was, or refused with a message naming its variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from peaceplan.settings import SettingsEnv, read_env_file, trusted_proxies

ROOT = Path(__file__).resolve().parents[2]

# Every variable the settings read, so a run of the suite with some of them set (on
# PostgreSQL, with a Redis cache) does not leak into what these tests expect.
SETTINGS_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "DB_CONN_MAX_AGE",
    "SQLITE_BUSY_TIMEOUT",
    "CACHE_URL",
    "CACHE_KEY_PREFIX",
    "PAGE_CACHE",
    "PAGE_FILL",
    "TRUSTED_PROXIES",
    "API_MAX_BODY_BYTES",
    "PAGE_MAX_BODY_BYTES",
    "LOGIN_FAILURES_PER_USERNAME",
    "LOGIN_FAILURES_PER_ADDRESS",
    "LOGIN_LOCKOUT_SECONDS",
    "API_PAGE_SIZE",
    "API_ANON_RATE",
    "API_USER_RATE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "CSP_REPORT_ONLY",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "ACCESS_LOG",
    "DB_CONNECT_TIMEOUT",
    "REDIS_TIMEOUT",
    "READY_TIMEOUT_SECONDS",
    "METRICS_ENABLED",
    "METRICS_ALLOWED",
    "METRICS_TOKEN",
    "SENTRY_DSN",
    "SENTRY_ENVIRONMENT",
    "SENTRY_RELEASE",
    # Set by the test run itself (the browser tests need it), never by a deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}

PRINT_SETTINGS = """
import json
from django.conf import settings
names = [
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASES", "CACHES",
    "PAGE_CACHE", "TRUSTED_PROXIES", "API_MAX_BODY_BYTES", "DATA_UPLOAD_MAX_MEMORY_SIZE",
    "LOGIN_FAILURES_PER_USERNAME", "LOGIN_FAILURES_PER_ADDRESS", "LOGIN_LOCKOUT_SECONDS",
    "REST_FRAMEWORK", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "CSP_REPORT_ONLY",
    "LOGGING", "DATABASE_ROUTERS", "LOG_FORMAT", "ACCESS_LOG", "REDIS_TIMEOUT",
    "READY_TIMEOUT_SECONDS", "METRICS_ENABLED", "METRICS_ALLOWED", "METRICS_TOKEN",
    "SENTRY_DSN",
]
print(json.dumps({name: getattr(settings, name, None) for name in names}, default=str))
"""

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "example.org"}


def settings_under(**env):
    """The settings of a process started with only ``env`` of the settings' variables."""
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def env_of(**variables):
    env = SettingsEnv()
    env.ENVIRON = variables
    return env


def test_with_nothing_set_each_variable_has_its_default():
    settings = settings_under(DEBUG="1")

    assert settings["SECRET_KEY"] == "django-insecure-development-key-not-for-production"
    assert settings["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]", "testserver"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == []
    database = settings["DATABASES"]["default"]
    assert list(settings["DATABASES"]) == ["default"]
    assert {key: database[key] for key in ("ENGINE", "NAME", "HOST", "USER", "PASSWORD")} == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(ROOT / "db.sqlite3"),
        "HOST": "",
        "USER": "",
        "PASSWORD": "",
    }
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)
    assert database["OPTIONS"] == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    assert settings["DATABASE_ROUTERS"] == []
    cache = settings["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert cache["KEY_PREFIX"] == "peaceplan"
    assert settings["PAGE_CACHE"] is True
    assert settings["TRUSTED_PROXIES"] == []
    assert settings["API_MAX_BODY_BYTES"] == 2 * 1024 * 1024
    assert settings["DATA_UPLOAD_MAX_MEMORY_SIZE"] == 10 * 1024 * 1024
    assert settings["LOGIN_FAILURES_PER_USERNAME"] == 5
    assert settings["LOGIN_FAILURES_PER_ADDRESS"] == 20
    assert settings["LOGIN_LOCKOUT_SECONDS"] == 15 * 60
    assert settings["REST_FRAMEWORK"]["PAGE_SIZE"] == 50
    assert settings["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == {
        "anon": "120/minute",
        "user": "1200/minute",
    }
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert settings["CSP_REPORT_ONLY"] is False
    assert settings["LOGGING"]["root"]["level"] == "WARNING"
    assert settings["LOG_FORMAT"] == "text"
    assert settings["LOGGING"]["handlers"]["console"]["formatter"] == "text"
    assert settings["ACCESS_LOG"] is False
    assert settings["READY_TIMEOUT_SECONDS"] == 2.0
    assert settings["METRICS_ENABLED"] is False
    assert settings["METRICS_ALLOWED"] == ["127.0.0.1", "::1"]
    assert settings["METRICS_TOKEN"] == ""
    assert settings["SENTRY_DSN"] == ""


def test_production_defaults_are_strict():
    settings = settings_under(**PRODUCTION)

    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    # A server's access log is on unless turned off.
    assert settings["ACCESS_LOG"] is True


def test_every_variable_is_read_under_its_name():
    settings = settings_under(
        DEBUG="0",
        # A key Django generated may begin with "$"; it is the key, not another variable.
        SECRET_KEY="$ecret-" + "k" * 50,
        ALLOWED_HOSTS=" peaceplan.example.org , api.example.org,",
        CSRF_TRUSTED_ORIGINS="https://peaceplan.example.org",
        DATABASE_URL="postgres://app:p%40ss@db.example:6543/peaceplan?sslmode=require",
        DATABASE_REPLICA_URL="postgres://reader@replica.example:5432/peaceplan",
        DB_CONN_MAX_AGE="0",
        CACHE_URL="redis://cache.example:6379/2",
        CACHE_KEY_PREFIX="staging",
        PAGE_CACHE="off",
        TRUSTED_PROXIES="10.0.0.5, 10.1.0.0/16",
        API_MAX_BODY_BYTES="1000",
        PAGE_MAX_BODY_BYTES="2000",
        LOGIN_FAILURES_PER_USERNAME="3",
        LOGIN_FAILURES_PER_ADDRESS="30",
        LOGIN_LOCKOUT_SECONDS="60",
        API_PAGE_SIZE="10",
        API_ANON_RATE="5/second",
        API_USER_RATE="9/minute",
        SECURE_SSL_REDIRECT="no",
        SECURE_HSTS_SECONDS="3600",
        CSP_REPORT_ONLY="YES",
        LOG_LEVEL="INFO",
        LOG_FORMAT="JSON",
        ACCESS_LOG="off",
        DB_CONNECT_TIMEOUT="3",
        REDIS_TIMEOUT="0.5",
        READY_TIMEOUT_SECONDS="1.5",
        METRICS_ENABLED="1",
        METRICS_ALLOWED="10.0.0.0/8, 192.0.2.7",
        METRICS_TOKEN="$scrape-token",
    )

    assert settings["SECRET_KEY"] == "$ecret-" + "k" * 50
    assert settings["ALLOWED_HOSTS"] == ["peaceplan.example.org", "api.example.org"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://peaceplan.example.org"]
    primary, replica = settings["DATABASES"]["default"], settings["DATABASES"]["replica"]
    assert {key: primary[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST")} == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "peaceplan",
        "USER": "app",
        "PASSWORD": "p@ss",
        "HOST": "db.example",
    }
    assert primary["PORT"] == 6543
    assert primary["OPTIONS"] == {"sslmode": "require", "connect_timeout": 3}
    assert replica["OPTIONS"] == {"connect_timeout": 3}
    assert primary["CONN_MAX_AGE"] == replica["CONN_MAX_AGE"] == 0
    assert primary["CONN_HEALTH_CHECKS"] is replica["CONN_HEALTH_CHECKS"] is True
    assert (replica["HOST"], replica["USER"]) == ("replica.example", "reader")
    assert replica["TEST"]["MIRROR"] == "default"
    assert settings["DATABASE_ROUTERS"] == ["peaceplan.db_router.PrimaryReplicaRouter"]
    assert settings["CACHES"]["default"] == {
        "BACKEND": "peaceplan.cache_fallback.RedisWithFallback",
        "LOCATION": "redis://cache.example:6379/2",
        "KEY_PREFIX": "staging",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
    assert settings["REDIS_TIMEOUT"] == 0.5
    assert settings["PAGE_CACHE"] is False
    assert settings["TRUSTED_PROXIES"] == ["10.0.0.5", "10.1.0.0/16"]
    assert settings["API_MAX_BODY_BYTES"] == 1000
    assert settings["DATA_UPLOAD_MAX_MEMORY_SIZE"] == 2000
    assert settings["LOGIN_FAILURES_PER_USERNAME"] == 3
    assert settings["LOGIN_FAILURES_PER_ADDRESS"] == 30
    assert settings["LOGIN_LOCKOUT_SECONDS"] == 60
    assert settings["REST_FRAMEWORK"]["PAGE_SIZE"] == 10
    assert settings["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"] == {
        "anon": "5/second",
        "user": "9/minute",
    }
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 3600
    assert settings["CSP_REPORT_ONLY"] is True
    assert settings["LOGGING"]["root"]["level"] == "INFO"
    assert settings["LOG_FORMAT"] == "json"
    assert settings["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    assert settings["ACCESS_LOG"] is False
    assert settings["READY_TIMEOUT_SECONDS"] == 1.5
    assert settings["METRICS_ENABLED"] is True
    assert settings["METRICS_ALLOWED"] == ["10.0.0.0/8", "192.0.2.7"]
    assert settings["METRICS_TOKEN"] == "$scrape-token"


def test_a_log_format_other_than_text_or_json_is_refused():
    with pytest.raises(AssertionError, match="LOG_FORMAT must be one of"):
        settings_under(DEBUG="1", LOG_FORMAT="xml")


def test_metrics_allowed_must_be_addresses():
    with pytest.raises(AssertionError, match="METRICS_ALLOWED must be comma-separated"):
        settings_under(DEBUG="1", METRICS_ALLOWED="prometheus.internal")


def test_sqlite_busy_timeout_is_read():
    settings = settings_under(DEBUG="1", SQLITE_BUSY_TIMEOUT="5")
    assert settings["DATABASES"]["default"]["OPTIONS"]["timeout"] == 5


@pytest.mark.parametrize("word", ["1", "true", "True", " yes ", "ON"])
def test_a_true_word_is_true(word):
    assert env_of(FLAG=word).bool("FLAG", default=False) is True


@pytest.mark.parametrize("word", ["0", "false", "No", "off", ""])
def test_a_false_word_or_blank_is_false(word):
    assert env_of(FLAG=word).bool("FLAG", default=True) is False


def test_an_unset_boolean_is_its_default():
    assert env_of().bool("FLAG", default=True) is True


@pytest.mark.parametrize("word", ["maybe", "2", "ok", "y"])
def test_any_other_word_is_refused_not_guessed(word):
    with pytest.raises(ImproperlyConfigured, match=f"^FLAG must be one of .*, not '{word}'"):
        env_of(FLAG=word).bool("FLAG", default=False)


def test_a_whole_number_is_read_blanks_around_it_forgiven():
    assert env_of(NUMBER=" 7 ").int("NUMBER", default=60) == 7


@pytest.mark.parametrize("variables", [{}, {"NUMBER": ""}, {"NUMBER": "  "}])
def test_an_unset_or_blank_number_is_its_default(variables):
    assert env_of(**variables).int("NUMBER", default=60) == 60


@pytest.mark.parametrize("raw", ["abc", "1.5", "10s"])
def test_a_number_that_is_not_whole_is_refused(raw):
    with pytest.raises(
        ImproperlyConfigured, match=f"^NUMBER must be a whole number, not '{raw}'.$"
    ):
        env_of(NUMBER=raw).int("NUMBER", default=60)


def test_list_items_are_trimmed_and_blank_ones_dropped():
    assert env_of(ITEMS=" a.org , ,b.org,").list("ITEMS", default=[]) == ["a.org", "b.org"]
    assert env_of(ITEMS="").list("ITEMS", default=[]) == []
    assert env_of().list("ITEMS", default=[]) == []


def test_a_database_url_keeps_its_options():
    database = env_of(
        DATABASE_URL="postgresql://u@db.example/pp?sslmode=verify-full&connect_timeout=5"
    ).db_url("DATABASE_URL")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["OPTIONS"] == {"sslmode": "verify-full", "connect_timeout": 5}


def test_the_default_database_is_sqlite_at_the_path_given():
    database = env_of().db_url("DATABASE_URL", default="sqlite:////srv/peaceplan/db.sqlite3")
    assert (database["ENGINE"], database["NAME"]) == (
        "django.db.backends.sqlite3",
        "/srv/peaceplan/db.sqlite3",
    )


@pytest.mark.parametrize("url", ["", "nosuchdb://u:secret@host/db", "db.example/peaceplan"])
def test_a_url_that_is_no_database_is_refused_without_showing_it(url):
    with pytest.raises(ImproperlyConfigured, match="^DATABASE_URL must be a database URL") as error:
        env_of(DATABASE_URL=url).db_url("DATABASE_URL", default="sqlite:///db.sqlite3")
    assert "secret" not in str(error.value)


@pytest.mark.parametrize(
    "url, backend, location",
    [
        ("", "django.core.cache.backends.locmem.LocMemCache", ""),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", ""),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache", ""),
        ("db://peaceplan_cache", "django.core.cache.backends.db.DatabaseCache", "peaceplan_cache"),
        ("db://", "django.core.cache.backends.db.DatabaseCache", "peaceplan_cache"),
        ("db:///other_cache", "django.core.cache.backends.db.DatabaseCache", "other_cache"),
        (
            "redis://127.0.0.1:6379/0",
            "peaceplan.cache_fallback.RedisWithFallback",
            "redis://127.0.0.1:6379/0",
        ),
        ("rediss://h:6380/1", "peaceplan.cache_fallback.RedisWithFallback", "rediss://h:6380/1"),
    ],
)
def test_cache_urls(url, backend, location):
    cache = env_of(CACHE_URL=url).cache_url("CACHE_URL", default="locmem://")
    assert (cache["BACKEND"], cache["LOCATION"]) == (backend, location)


def test_an_unset_cache_url_is_local_memory():
    cache = env_of().cache_url("CACHE_URL", default="locmem://")
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize("url", ["memcache://127.0.0.1:11211", "filecache:///tmp/c", "redis"])
def test_a_cache_url_of_another_kind_is_refused(url):
    with pytest.raises(ImproperlyConfigured, match="^CACHE_URL must start with redis://"):
        env_of(CACHE_URL=url).cache_url("CACHE_URL", default="locmem://")


def test_trusted_proxies_are_a_count_or_addresses_and_networks():
    assert trusted_proxies([]) == []
    assert trusted_proxies(["2"]) == 2
    assert trusted_proxies(["10.0.0.5", "10.1.0.0/16", "::1"]) == ["10.0.0.5", "10.1.0.0/16", "::1"]
    with pytest.raises(ImproperlyConfigured, match="^TRUSTED_PROXIES must be .* not 'proxy'"):
        trusted_proxies(["10.0.0.5", "proxy"])


@pytest.fixture
def cleared_after():
    names = []
    yield names.append
    for name in names:
        os.environ.pop(name, None)


def test_an_env_file_takes_quoted_exported_and_indented_lines(tmp_path, cleared_after):
    names = ["PEACEPLAN_TEST_QUOTED", "PEACEPLAN_TEST_EXPORTED", "PEACEPLAN_TEST_INDENTED"]
    for name in names:
        cleared_after(name)
    env_file = tmp_path / ".env"
    env_file.write_text(
        "\n".join(
            [
                "# development",
                "PEACEPLAN_TEST_QUOTED='two words'",
                "export PEACEPLAN_TEST_EXPORTED=yes",
                "   PEACEPLAN_TEST_INDENTED=value   ",
                "",
            ]
        )
    )

    read_env_file(env_file)

    assert [os.environ[name] for name in names] == ["two words", "yes", "value"]


def test_a_missing_env_file_is_no_error(tmp_path):
    read_env_file(tmp_path / ".env")


@pytest.mark.parametrize("line", ["just words", "NAME = value", "=value", "MY-NAME=1"])
def test_an_env_file_line_that_would_be_passed_over_is_refused(tmp_path, line):
    env_file = tmp_path / ".env"
    env_file.write_text(f"DEBUG=1\n{line}\n")
    with pytest.raises(ImproperlyConfigured, match="line 2: expected NAME=value"):
        read_env_file(env_file)
