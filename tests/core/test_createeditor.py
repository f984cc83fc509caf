"""manage.py createeditor: a user in the Editors group, who can then write."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from core.management.commands import createeditor
from tests.conftest import PASSWORD as ANALYST_PASSWORD

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"


def test_the_editors_group_comes_from_a_migration():
    group = Group.objects.get(name="Editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {
        f"{action}_{model}"
        for model in (
            "plan",
            "revision",
            "clause",
            "clauseversion",
            "position",
            "clauseversiontranslation",
            "partyalias",
        )
        for action in ("add", "change")
    }


@pytest.mark.django_db(transaction=True)
def test_the_editors_group_keeps_its_permissions_after_a_flush():
    # A flush (as `manage.py flush`, or a transactional test's teardown, does) empties the
    # group's table; the apps give the group its permissions again.
    call_command("flush", interactive=False, verbosity=0)
    group = Group.objects.get(name="Editors")
    assert {(p.content_type.app_label, p.codename) for p in group.permissions.all()} == {
        (app, f"{action}_{model}")
        for app, models in (
            ("clauses", ("plan", "revision", "clause", "clauseversion", "position")),
            ("translations", ("clauseversiontranslation",)),
            ("parties", ("partyalias",)),
        )
        for model in models
        for action in ("add", "change")
    }


def test_creates_an_editor_with_a_password_option():
    call_command("createeditor", "olena", "--password", PASSWORD)

    user = get_user_model().objects.get(username="olena")
    assert user.check_password(PASSWORD)
    assert user.has_perm("clauses.change_position")
    assert user.has_perm("clauses.add_revision")
    assert not user.is_staff


def test_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv(createeditor.PASSWORD_ENV, PASSWORD)
    call_command("createeditor", "olena")
    assert get_user_model().objects.get(username="olena").check_password(PASSWORD)


def test_prompts_twice_at_a_terminal(monkeypatch):
    monkeypatch.setattr(createeditor.Command, "_interactive", lambda self: True)
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(createeditor.getpass, "getpass", lambda prompt: next(answers))
    call_command("createeditor", "olena")
    assert get_user_model().objects.get(username="olena").check_password(PASSWORD)


def test_refuses_two_different_passwords(monkeypatch):
    monkeypatch.setattr(createeditor.Command, "_interactive", lambda self: True)
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(createeditor.getpass, "getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match=createeditor.PASSWORDS_DIFFER):
        call_command("createeditor", "olena")
    assert not get_user_model().objects.filter(username="olena").exists()


def test_without_a_terminal_or_password_it_says_how_to_give_one(monkeypatch):
    monkeypatch.delenv(createeditor.PASSWORD_ENV, raising=False)
    monkeypatch.setattr(createeditor.Command, "_interactive", lambda self: False)
    with pytest.raises(CommandError) as raised:
        call_command("createeditor", "olena")
    assert str(raised.value) == createeditor.NO_PASSWORD


def test_refuses_a_weak_password_and_writes_nothing():
    with pytest.raises(CommandError):
        call_command("createeditor", "olena", "--password", "1234")
    assert not get_user_model().objects.filter(username="olena").exists()


def test_makes_an_existing_user_an_editor_keeping_the_password(analyst, monkeypatch):
    monkeypatch.delenv(createeditor.PASSWORD_ENV, raising=False)
    monkeypatch.setattr(createeditor.Command, "_interactive", lambda self: False)
    call_command("createeditor", analyst.username)
    analyst = get_user_model().objects.get(pk=analyst.pk)
    assert analyst.has_perm("clauses.change_position")
    assert analyst.check_password(ANALYST_PASSWORD)
