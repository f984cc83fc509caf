"""Authorship survives: a user named in history is deactivated, never deleted."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError

from core.authorship import HAS_HISTORY
from parties.models import Party
from parties.services import party_create

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def author(editor):
    party_create(
        values={"slug": "russia", "name": "Russia", "short_name": "RU"},
        user=editor,
        summary="Joined the talks",
    )
    return editor


def test_deleting_a_user_with_history_is_refused_with_the_reason(author):
    with pytest.raises(ProtectedError) as error, transaction.atomic():
        author.delete()

    assert str(error.value.args[0]) == HAS_HISTORY.format(user=author)
    assert User.objects.filter(pk=author.pk).exists()
    assert Party.history.get().history_user == author


def test_a_bulk_delete_is_refused_too(author):
    with pytest.raises(ProtectedError), transaction.atomic():
        User.objects.filter(pk=author.pk).delete()
    assert Party.history.get().history_user_id == author.pk


def test_a_user_without_history_can_be_deleted(analyst):
    analyst.delete()
    assert not User.objects.filter(username="analyst").exists()


def test_deactivating_keeps_the_name_on_history(author, client):
    author.is_active = False
    author.save()

    assert Party.history.get().history_user.username == "editor"


def test_the_user_admin_says_why_and_deletes_nothing(staff_client, author):
    url = f"/admin/auth/user/{author.pk}/delete/"

    page = staff_client.get(url).content.decode()
    staff_client.post(url, {"post": "yes"})

    assert "deactivate the account instead" in page
    assert User.objects.filter(pk=author.pk).exists()
    assert Party.history.get().history_user == author


def test_the_user_admins_bulk_delete_action_refuses_too(staff_client, author, analyst):
    response = staff_client.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [author.pk, analyst.pk], "post": "yes"},
    )

    assert "deactivate the account instead" in response.content.decode()
    assert User.objects.filter(pk__in=[author.pk, analyst.pk]).count() == 2
