"""``manage.py history_takedown clauses.position 42 --reason "Court order 2026/118"``.

Removes one record and all its history, the only rewrite of history there is. It asks for
the reason when none is given on the command line, and writes an audit row. On PostgreSQL
it must run as the role that owns the tables (the migration role): the app's role cannot
lift the guard.
"""

import getpass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from clauses.selectors.takedowns import record_to_take_down
from clauses.services.takedowns import history_takedown

UNKNOWN_MODEL = "No tracked model {label!r}: give it as app_label.model, e.g. clauses.position."
NOT_FOUND = "No {label} with id {pk}."


class Command(BaseCommand):
    help = "Legal takedown: remove one record and its history, with an audited reason."

    def add_arguments(self, parser):
        parser.add_argument("model", help="app_label.model, e.g. clauses.position")
        parser.add_argument("pk", help="the record's id")
        parser.add_argument("--reason", default="", help="why (asked for when left out)")
        parser.add_argument(
            "--operator", default="", help="who runs it (default: the system user name)"
        )

    def handle(self, *args, model, pk, reason, operator, **options):
        try:
            model_class = apps.get_model(model)
        except (LookupError, ValueError):
            raise CommandError(UNKNOWN_MODEL.format(label=model)) from None
        if not hasattr(model_class, "history"):
            raise CommandError(UNKNOWN_MODEL.format(label=model))
        record = record_to_take_down(model_class, pk)
        if record is None:
            raise CommandError(NOT_FOUND.format(label=model, pk=pk))
        if not reason:
            self.stdout.write(f"About to remove {record} and all its history.")
            reason = input("Reason for the takedown: ")
        try:
            audit = history_takedown(
                record=record, reason=reason, operator=operator or getpass.getuser()
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {audit.description} and {audit.history_rows_removed} history rows; "
                f"audit row {audit.pk}."
            )
        )
