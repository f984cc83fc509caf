"""Personas made once per test (anonymous, analyst, editor, staff) and the plans several
test modules share."""

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import translation

T = TypeVar("T")

PASSWORD = "correct-horse-battery-staple"

# The Editors group's permissions as the migrations give them (clauses 0003, translations
# 0001, parties 0005), by app.
EDITOR_MODELS = {
    "clauses": ("plan", "revision", "clause", "clauseversion", "position"),
    "translations": ("clauseversiontranslation",),
    "parties": ("partyalias",),
}


def editors_group() -> Group:
    """The Editors group with its write permissions (made by migrations once they exist;
    made again here after a transactional test's flush has emptied the tables)."""
    group, _ = Group.objects.get_or_create(name="Editors")
    for app_label, models in EDITOR_MODELS.items():
        codenames = [f"{action}_{model}" for model in models for action in ("add", "change")]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    return group


@pytest.fixture(autouse=True, scope="session")
def flush_lifts_the_history_guard():
    """Transactional tests (browser tests among them) empty the database with ``flush``
    after each test, history tables included: in the test suite only, that flush runs
    inside ``history_maintenance``. The app itself never lifts the guard."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from core.append_only import history_maintenance

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with history_maintenance(using=self.connection.alias):
            original(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """SQLite tests use a database file, not pytest-django's shared in-memory database.

    Requests served by a live server in threads then hold connections of their own, with
    WAL and real locking as under `make run`: the concurrency tests depend on it. The file
    lives in a directory of this run only (in memory-backed /dev/shm where there is one, so
    the suite does not wait on the disk), removed at the end.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        yield
        return
    shm = Path("/dev/shm")
    directory = tempfile.mkdtemp(prefix="peaceplan-tests-", dir=shm if shm.is_dir() else None)
    database.setdefault("TEST", {})["NAME"] = str(Path(directory) / "test.sqlite3")
    yield
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(autouse=True)
def test_isolation(settings):
    """What every test needs: a cache emptied between tests (the API's anonymous rate limit
    counts there), no page filled after a write, a fast password hasher (personas are
    made per test; the default hasher is slow by design), and the default language again
    after it."""
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No page is drawn on a thread of its own after a test's write (the live server's
    # tests commit theirs); tests/core/test_page_fill.py turns it on.
    settings.PAGE_FILL = False
    yield
    cache.clear()
    # A request in Ukrainian leaves its language active on the thread after it: the next
    # test's rendering would speak it.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def analyst(django_user_model):
    """A logged-in reader with no write permission."""
    return django_user_model.objects.create_user("analyst", password=PASSWORD)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password=PASSWORD)
    user.groups.add(editors_group())
    return user


@pytest.fixture
def editor_api(editor):
    """An API client that sends the editor's token, as an editor's script does."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    return client


@pytest.fixture
def second_editor(django_user_model):
    user = django_user_model.objects.create_user("editor2", password=PASSWORD)
    user.groups.add(editors_group())
    return user


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staff", password=PASSWORD)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def analyst_client(analyst):
    return client_for(analyst)


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


@pytest.fixture
def seeded(db):
    """The seed data of fixtures/, loaded the way `make run` loads it."""
    from django.core.management import call_command

    call_command("seed", verbosity=0)
    from clauses.models import Plan

    return Plan.objects.get(slug="ukraine-peace-framework")


@pytest.fixture
def plan(db):
    """The editor's four-clause plan of tests/editing_helpers.py, slug "framework": one
    revision, Ukraine's and Russia's positions on every clause. Modules that need a plan of
    another shape (query budgets over sizes, the seed) define their own ``plan``."""
    from tests.editing_helpers import make_plan

    return make_plan()


@pytest.fixture
def position(db):
    """One position for the API's tests of a single record: Russia opposes clause "dmz" in
    revision 1 of the plan "framework"."""
    from clauses.vocabularies import Stance
    from tests.factories import ClauseVersionFactory, PartyFactory, PlanFactory, PositionFactory

    plan = PlanFactory(slug="framework")
    version = ClauseVersionFactory(
        revision__plan=plan, revision__number=1, clause__plan=plan, clause__slug="dmz"
    )
    return PositionFactory(
        clause_version=version,
        party=PartyFactory(slug="russia", name="Russia"),
        stance=Stance.OPPOSES,
    )


def built_once_for_the_module(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """Body of a module-scoped fixture: the rows ``build`` writes are made once and read by
    every test of the module, then rolled back after the last one.

    Each test still runs in its own transaction nested inside this one, so what a test
    writes is undone before the next; only the shared rows outlive it. Query budgets over a
    large plan stay cheap this way, since the plan is not rebuilt for every budget.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            value = build()
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    yield value
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


RUN_ONCE = "PEACEPLAN_RUN_ONCE"


def pytest_collection_modifyitems(config, items):
    """``once`` checks are slow and database-independent: CI runs them on one database only
    (see .ci/run); elsewhere they are skipped unless asked for."""
    if os.environ.get(RUN_ONCE) == "1":
        return
    skip = pytest.mark.skip(reason=f"a check run once per CI run: set {RUN_ONCE}=1 to run it")
    for item in items:
        if "once" in item.keywords:
            item.add_marker(skip)
