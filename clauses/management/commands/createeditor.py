"""``manage.py createeditor USERNAME``: an account in the Editors group.

The password is asked for twice at a terminal; scripts pass ``--password`` or set
``PEACEPLAN_EDITOR_PASSWORD``. An existing user is added to the group (and gets the new
password only if one is given).
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

PASSWORD_ENV = "PEACEPLAN_EDITOR_PASSWORD"
NO_GROUP = "The Editors group does not exist: run `manage.py migrate` first."
NO_PASSWORD = (
    f"Give a password: type it at the prompt, pass --password, or set {PASSWORD_ENV} "
    "(standard input is not a terminal, so there is no prompt)."
)
PASSWORDS_DIFFER = "The two passwords differ."


class Command(BaseCommand):
    help = "Create an editor (or make an existing user one): a user in the Editors group."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password", help=f"For scripts; also read from {PASSWORD_ENV}. Else prompted."
        )

    def handle(self, *args, username, email, password, **options):
        try:
            group = Group.objects.get(name="Editors")
        except Group.DoesNotExist:
            raise CommandError(NO_GROUP) from None
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        password = password or os.environ.get(PASSWORD_ENV)
        if password is None and (user is None or self._interactive()):
            password = self._prompt()
        with transaction.atomic():
            created = user is None
            if created:
                user = User(**{User.USERNAME_FIELD: username}, email=email)
            if password is not None:
                try:
                    validate_password(password, user)
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from None
                user.set_password(password)
            user.save()
            user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} editor {username!r}."))

    def _interactive(self) -> bool:
        return os.isatty(0)

    def _prompt(self) -> str:
        if not self._interactive():
            raise CommandError(NO_PASSWORD)
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError(PASSWORDS_DIFFER)
        return first
