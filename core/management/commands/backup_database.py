"""``manage.py backup_database [--output FILE]``: a backup of the default database that
restores exactly (docs/operations.md, "Backups"). ``make backup`` runs it."""

import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from core.backups import backup

SUFFIX = {"sqlite": "sqlite3", "postgresql": "dump"}


class Command(BaseCommand):
    help = "Back the default database up (SQLite's online backup API, or pg_dump -Fc)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="the file to write (default: backups/peaceplan-<UTC time>.sqlite3 or .dump)",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            suffix = SUFFIX.get(connection.vendor, "backup")
            output = Path(settings.BASE_DIR) / "backups" / f"peaceplan-{stamp}.{suffix}"
        try:
            written = backup(output)
        except subprocess.CalledProcessError as error:
            raise CommandError(f"pg_dump failed: {error.stderr.strip()}") from None
        except RuntimeError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backed up to {written}"))
