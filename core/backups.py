"""Backups of the default database that restore exactly: history, fingerprints, triggers.

SQLite: the online backup API copies the database page by page while the app keeps
running (a file copy of a database being written can be torn). PostgreSQL: ``pg_dump -Fc``,
restored with ``pg_restore``. Both keep every row as stored, history timestamps to the
microsecond; the JSON route (``dumpdata``/``loaddata``) does not (docs/operations.md, "Backups").
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

PG_DUMP_MISSING = "pg_dump is not installed: install the PostgreSQL client (postgresql-client)."
UNSUPPORTED = "Backups are made for SQLite and PostgreSQL, not {vendor}."


def backup_sqlite(connection, target: Path) -> None:
    """Copy the connection's database into the file ``target`` with the online backup API."""
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        with destination:
            connection.connection.backup(destination)
    finally:
        destination.close()


def postgresql_environment(settings_dict: dict) -> tuple[list[str], dict]:
    """The connection arguments of ``pg_dump``/``pg_restore``, and the environment carrying
    the password (never on the command line, where ``ps`` shows it)."""
    arguments = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments.append(f"{option}={settings_dict[key]}")
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    return arguments, environment


def backup_postgresql(settings_dict: dict, target: Path) -> None:
    """``pg_dump -Fc`` of the database into ``target`` (raises CalledProcessError)."""
    arguments, environment = postgresql_environment(settings_dict)
    try:
        # pg_dump from the PATH (Debian's postgresql-client), no shell, arguments from settings.
        subprocess.run(  # noqa: S603
            ["pg_dump", "--format=custom", f"--file={target}", *arguments, settings_dict["NAME"]],  # noqa: S607
            env=environment,
            check=True,
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        raise RuntimeError(PG_DUMP_MISSING) from None


def backup(target: Path, using: str = "default") -> Path:
    """Back the database ``using`` up into ``target``; returns it."""
    connection = connections[using]
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        backup_sqlite(connection, target)
    elif connection.vendor == "postgresql":
        backup_postgresql(connection.settings_dict, target)
    else:
        raise RuntimeError(UNSUPPORTED.format(vendor=connection.vendor))
    return target
