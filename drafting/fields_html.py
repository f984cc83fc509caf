"""The controls of a long form's many small fields, from the macros of
templates/drafting/_widgets.jinja.

Django renders each widget, and each option of a select, through a template of its own: a
500-point alignment page (1,500 fields, 15,000 options) takes too long that way (see
``bench/results.md``).
"""

from django.forms import BoundField
from markupsafe import Markup

from core.jinja2 import macros

WIDGETS = "drafting/_widgets.jinja"


def _disabled(field: BoundField) -> bool:
    return bool(field.field.disabled or field.field.widget.attrs.get("disabled"))


def select(field: BoundField, choices) -> Markup:
    """A <select> of ``choices`` (optgroups included, values strings) with the field's value
    selected."""
    value = field.value()
    return macros(WIDGETS).select(
        field.html_name,
        field.auto_id,
        choices,
        selected="" if value is None else str(value),
        invalid=bool(field.errors),
        disabled=_disabled(field),
    )


def text_input(field: BoundField) -> Markup:
    """An <input type="text"> holding the field's value."""
    value = field.value()
    return macros(WIDGETS).text_input(
        field.html_name,
        field.auto_id,
        "" if value is None else value,
        maxlength=getattr(field.field, "max_length", None),
        invalid=bool(field.errors),
        disabled=_disabled(field),
    )
