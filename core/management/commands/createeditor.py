"""``manage.py createeditor USERNAME``: an account in the Editors group.

The password is asked for twice at a terminal; scripts pass ``--password`` or set
``PEACEPLAN_EDITOR_PASSWORD``. An existing user is added to the group (and gets the new
password only if one is given).
"""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.accounts import editor_save, editors_group, user_by_username

PASSWORD_ENV = "PEACEPLAN_EDITOR_PASSWORD"  # noqa: S105 -- the variable's name, not a secret
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
        group = editors_group()
        if group is None:
            raise CommandError(NO_GROUP)
        user = user_by_username(username)
        password = password or os.environ.get(PASSWORD_ENV)
        if password is None and (user is None or self._interactive()):
            password = self._prompt()
        created = user is None
        try:
            editor_save(user=user, username=username, email=email, password=password, group=group)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
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
