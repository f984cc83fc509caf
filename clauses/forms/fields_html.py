"""Plain HTML for the many small fields of a long form, without Django's widget templates.

Django renders each widget, and each option of a select, through a template of its own,
and ``format_html`` checks every argument for laziness: a 500-point alignment page (1,500
fields, 15,000 options) took seconds either way. These build the same markup with the
standard library's ``html.escape`` on every value and label, and mark the result safe once.
"""

from html import escape

from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe


def _attrs(field: BoundField, **extra) -> str:
    attrs = {**extra, "name": field.html_name, "id": field.auto_id}
    if getattr(field.field, "max_length", None) and extra.get("type") == "text":
        attrs["maxlength"] = field.field.max_length
    if field.errors:
        attrs["aria-invalid"] = "true"
    html = "".join(f' {name}="{escape(str(value))}"' for name, value in attrs.items())
    if field.field.widget.attrs.get("disabled"):
        html += " disabled"
    return html


def _options(choices, selected: str) -> str:
    return "".join(
        f'<option value="{escape(str(value))}"'
        f"{' selected' if str(value) == selected else ''}>{escape(str(label))}</option>"
        for value, label in choices
    )


def select(field: BoundField, choices) -> SafeString:
    """A <select> of ``choices`` (optgroups included) with the field's value selected."""
    value = field.value()
    selected = "" if value is None else str(value)
    parts = []
    for value_or_group, label_or_options in choices:
        if isinstance(label_or_options, list | tuple):
            options = _options(label_or_options, selected)
            parts.append(f'<optgroup label="{escape(str(value_or_group))}">{options}</optgroup>')
        else:
            parts.append(_options([(value_or_group, label_or_options)], selected))
    return mark_safe(f"<select{_attrs(field)}>{''.join(parts)}</select>")  # noqa: S308 — escaped above


def text_input(field: BoundField) -> SafeString:
    value = field.value()
    value = "" if value is None else value
    return mark_safe(f"<input{_attrs(field, type='text', value=value)}>")  # noqa: S308 — escaped above
