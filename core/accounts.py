"""Accounts: the editors' group, a user by name, the authors of history, and the one
write on an account (an editor's)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from core.append_only import history_models

EDITORS = "Editors"


def editors_group() -> Group | None:
    """The Editors group (made by a migration), or None before migrating (one query)."""
    return Group.objects.filter(name=EDITORS).first()


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
