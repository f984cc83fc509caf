"""Reads outside the domain's records: the editors' group and a user by name."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

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
    from ..append_only import history_models

    authors: set = set()
    for history in history_models():
        authors.update(
            history.objects.filter(history_user_id__in=user_ids)
            .values_list("history_user_id", flat=True)
            .distinct()
        )
    return authors
