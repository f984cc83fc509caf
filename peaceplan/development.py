"""What ``manage.py`` assumes on a checkout that configures nothing.

A fresh clone has no ``.env`` until ``make run`` or ``make test`` writes one, so a plain
``python manage.py check`` (or ``migrate``, ``makemigrations --check``) would stop on the
missing SECRET_KEY. ``manage.py`` is the developer's tool: where nothing says otherwise it
runs as development, DEBUG on. Anything that configures the site (DEBUG or SECRET_KEY in
the environment, or a ``.env`` file) is left to decide, so a deployment that sets its
variables is as strict as before; the servers (``wsgi.py``, ``asgi.py``) never assume
development and refuse to start with nothing set.
"""

from collections.abc import MutableMapping
from pathlib import Path

CONFIGURING = ("DEBUG", "SECRET_KEY")


def default_to_development(environ: MutableMapping[str, str], env_file: Path) -> None:
    if env_file.exists() or any(name in environ for name in CONFIGURING):
        return
    environ["DEBUG"] = "1"
