"""Writes outside the domain's records: editors' accounts, and the seed data's history."""

from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

from .fingerprints import fingerprints_refresh_all


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


def seed_load(fixture: Path, *, reason: str) -> int:
    """Load ``fixture`` and write one history row per object it holds, in bulk per model,
    with ``reason`` as the change reason (``loaddata`` writes no history by itself). One
    transaction; returns the number of records."""
    with transaction.atomic():
        call_command("loaddata", str(fixture), verbosity=0)
        pks_by_model: dict[type, list] = {}
        with fixture.open(encoding="utf-8") as stream:
            for deserialized in serializers.deserialize("json", stream):
                model = type(deserialized.object)
                pks_by_model.setdefault(model, []).append(deserialized.object.pk)
        total = 0
        for model, pks in pks_by_model.items():
            model = apps.get_model(model._meta.label)
            objects = list(model._default_manager.filter(pk__in=pks))
            model.history.bulk_history_create(objects, default_change_reason=reason)
            total += len(objects)
        fingerprints_refresh_all()
    return total
