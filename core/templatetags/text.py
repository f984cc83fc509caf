"""Text filters the Django templates share with the Jinja2 ones (core/jinja2.py)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.jinja2 import possessive as _possessive

register = template.Library()


@register.filter
def possessive(name) -> SafeString:
    """``{{ party.name|possessive }}``: "Russia's", "European partners'"; the name escaped."""
    return mark_safe(str(_possessive(name)))  # noqa: S308 -- the name is escaped there
