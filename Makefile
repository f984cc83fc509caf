# The front door: `make run` and `make test` are all a new user needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run seed test test-fast lint typecheck format migrations-check bench loadtest wrk backup browser-deps clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

# The interface's translations, compiled in pure Python (no GNU gettext needed).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
$(MO_FILES): %.mo: %.po $(VENV)/.installed
	DEBUG=$${DEBUG:-1} $(PY) manage.py compile_translations

install: $(VENV)/.installed $(MO_FILES)

# A development checkout's settings: DEBUG on, so manage.py works without flags. Never
# created by `install`, so a deployment that installs with make stays strict.
.env:
	printf '# Development settings, read by peaceplan/settings.py; not for production.\nDEBUG=1\n' > $@

# Development server: DEBUG on, SQLite unless DATABASE_URL is set; seeds an empty database.
run: install .env
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed --if-empty
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

seed: install .env
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed --if-empty

# The whole suite, browser tests included (they are skipped with a reason where no
# chromium is installed; `make browser-deps` installs it on Debian).
test: install .env
	DEBUG=1 $(PY) -m pytest $(PYTEST_ARGS)

# The quick suite, for every change: leaves out the browser tests and the slow ones (schema
# fuzzing, a gunicorn start, the benchmark at a tiny size), which `make test` still runs.
# Two processes (pytest-xdist), each with its own test database.
TEST_WORKERS ?= 2
test-fast: install .env
	DEBUG=1 $(PY) -m pytest -m "not browser and not slow" -n $(TEST_WORKERS) $(PYTEST_ARGS)

# ruff (with flake8-bandit's security rules), the import contracts between and inside the
# apps (pyproject.toml, [tool.importlinter]) and mypy; every check runs, and any failure
# fails the target.
lint: install
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/lint-imports || status=1; \
	$(MAKE) --no-print-directory typecheck || status=1; \
	exit $$status

# mypy over the apps (strict on the pure modules); the settings need DEBUG=1 to load.
typecheck: install
	DEBUG=1 $(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install .env
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# The cases on SQLite and on PostgreSQL (where it answers: bench/README.md), then the load test.
bench: install .env
	DEBUG=1 $(PY) -m bench $(BENCH_ARGS)
	$(MAKE) loadtest $(if $(findstring --quick,$(BENCH_ARGS)),LOADTEST_ARGS=--quick)

# The app under gunicorn, one instance and two, against PostgreSQL (the benchmark's
# database, peaceplan_bench, on the server of LOADTEST_DATABASE_URL, else DATABASE_URL,
# else the local one; `make bench` builds it) and Redis (LOADTEST_CACHE_URL: a database
# of its own, emptied at the start), loaded by wrk; writes its section of bench/results.md.
LOADTEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/peaceplan)
LOADTEST_CACHE_URL ?= redis://127.0.0.1:6379/5
loadtest: install .env wrk
	DEBUG=1 DATABASE_URL=$(LOADTEST_DATABASE_URL) LOADTEST_CACHE_URL=$(LOADTEST_CACHE_URL) \
		$(PY) -m bench.loadtest $(LOADTEST_ARGS)

# Debian's wrk, the load test's load generator, where it is missing.
wrk:
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

# A backup of the default database (DATABASE_URL or db.sqlite3) into backups/, safe while
# the app runs; docs/operations.md, "Backups", says how to restore it.
backup: install
	$(PY) manage.py backup_database $(BACKUP_ARGS)

browser-deps:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache .import_linter_cache .grimp_cache
