"""The admin of what core owns: the user admin that refuses to delete an author."""

from core import user_admin  # noqa: F401  (replaces the user admin)
