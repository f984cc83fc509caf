"""Accounts: the editors' group, a user by name, the authors of history, and the one
write on an account (an editor's)."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from core.append_only import history_models

EDITORS = "Editors"


def editors_group() -> Group | None:
    """The Editors group (made by a migration), or None before migrating (one query)."""
    return Group.objects.filter(name=EDITORS).first()


def editors_may_write(*models: str) -> Callable[..., None]:
    """A ``post_migrate`` receiver, for the app that sends it, giving the Editors group
    the add and change permissions on ``models`` (lower-case model names). The migrations
    give them first (clauses 0003 and the apps' own); this keeps them after a ``flush``,
    which empties the group's table and re-creates only the permissions."""

    def receiver(sender, using="default", **kwargs) -> None:
        codenames = [f"{action}_{model}" for model in models for action in ("add", "change")]
        permissions = Permission.objects.using(using).filter(
            content_type__app_label=sender.label, codename__in=codenames
        )
        group, _ = Group.objects.using(using).get_or_create(name=EDITORS)
        group.permissions.add(*permissions)

    return receiver


def user_by_username(username: str):
    """The user with that username, or None (one query)."""
    User = get_user_model()
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


def users_with_history(user_ids) -> set:
    """The ids among ``user_ids`` that are the author of some history row, in any app (one
    query per history table)."""
    authors: set = set()
    for history in history_models():
        authors.update(
            history.objects.filter(history_user_id__in=user_ids)
            .values_list("history_user_id", flat=True)
            .distinct()
        )
    return authors


def editor_save(*, user, username: str, email: str, password: str | None, group):
    """Create the user ``username`` (when ``user`` is None) or update ``user``, set the
    password when given (validated: raises ValidationError), and put them in ``group``.
    One transaction."""
    User = get_user_model()
    with transaction.atomic():
        if user is None:
            user = User(**{User.USERNAME_FIELD: username}, email=email)
        if password is not None:
            validate_password(password, user)
            user.set_password(password)
        user.save()
        user.groups.add(group)
    return user
