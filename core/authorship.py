"""Authorship survives: a user who recorded history is deactivated, never deleted.

Deleting a user would set ``history_user`` to NULL on their history rows (simple-history's
foreign key is SET_NULL), which the append-only guard refuses with a database error, and
which would erase who made each change. The deletion is refused earlier, with a message
that says what to do instead.
"""

from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete

from core.accounts import users_with_history

HAS_HISTORY = (
    "{user} recorded changes that the history names them for, so they cannot be deleted: "
    "deactivate the account instead (untick \u201cActive\u201d), which keeps their name on "
    "every change they made and stops them signing in."
)


def refuse_deleting_authors(sender, instance, **kwargs) -> None:
    if users_with_history([instance.pk]):
        raise ProtectedError(HAS_HISTORY.format(user=instance), {instance})


def connect() -> None:
    pre_delete.connect(refuse_deleting_authors, sender=get_user_model())
