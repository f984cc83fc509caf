"""The many small fields of a long form, from widget partials rendered once.

Django renders each widget, and each option of a select, through a template of its own:
a 500-point alignment page (1,500 fields, 15,000 options) takes too long that way (see
``bench/results.md``). These fill the partials ``templates/clauses/edit/_widget_*.html``,
each rendered once per shape by ``clauses.rendering.slotted``, with every value and label
escaped, and mark the result safe once.
"""

import functools
from collections.abc import Callable
from html import escape

from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from clauses.rendering import slotted


def _shape(field: BoundField) -> dict:
    """The finite part of a field's context: which optional attributes it has."""
    return {
        "invalid": bool(field.errors),
        "disabled": bool(field.field.disabled or field.field.widget.attrs.get("disabled")),
    }


@functools.cache
def _option(selected: bool) -> Callable[[tuple], str]:
    """Fills ``_widget_option.html`` from an escaped (value, label)."""
    option = slotted("edit/_widget_option", "value", "label", selected=selected)
    return option.filler("value", "label")


# The same options recur in every select of a long form: each escaped and filled once.
@functools.lru_cache(maxsize=16_384)
def _option_html(value: str, label: str, selected: bool) -> str:
    return _option(selected)((escape(value), escape(label)))


def _options(choices, selected: str) -> str:
    parts = []
    for value, label in choices:
        value = str(value)
        parts.append(_option_html(value, str(label), value == selected))
    return "".join(parts)


def select(field: BoundField, choices) -> SafeString:
    """A <select> of ``choices`` (optgroups included) with the field's value selected."""
    value = field.value()
    selected = "" if value is None else str(value)
    group = slotted("edit/_widget_optgroup", "label", "options")
    parts = []
    for value_or_group, label_or_options in choices:
        if isinstance(label_or_options, list | tuple):
            options = mark_safe(_options(label_or_options, selected))  # noqa: S308 - escaped
            parts.append(group.fill(label=value_or_group, options=options))
        else:
            parts.append(_options([(value_or_group, label_or_options)], selected))
    widget = slotted("edit/_widget_select", "name", "id", "options", **_shape(field))
    return mark_safe(  # noqa: S308 - every value and label escaped in fill()
        widget.fill(
            name=field.html_name,
            id=field.auto_id,
            options=mark_safe("".join(parts)),  # noqa: S308 - escaped above
        )
    )


def text_input(field: BoundField) -> SafeString:
    """An <input type="text"> holding the field's value."""
    value = field.value()
    max_length = getattr(field.field, "max_length", None) or ""
    widget = slotted(
        "edit/_widget_text",
        "name",
        "id",
        "maxlength",
        "value",
        has_maxlength=bool(max_length),
        **_shape(field),
    )
    return mark_safe(  # noqa: S308 - every value escaped in fill()
        widget.fill(
            name=field.html_name,
            id=field.auto_id,
            maxlength=max_length,
            value="" if value is None else value,
        )
    )
