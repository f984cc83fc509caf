"""The interface messages a template marks for translation, read from its source: Django
templates through Django's own reading for makemessages (``templatize``), Jinja2
templates through the environment's i18n extension. No GNU gettext is needed, so the
tests can check the catalogue (locale/*/LC_MESSAGES/django.po) against the templates on
any machine."""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation.template import templatize

from core.jinja2 import environment

STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
CALL = re.compile(rf"\b(gettext|ngettext|pgettext|npgettext)\(({STRING}(?:\s*,\s*{STRING})*)")


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str = ""
    context: str = ""


def template_messages(path: Path) -> list[Message]:
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".jinja":
        return jinja_messages(source)
    found = []
    for function, arguments in CALL.findall(templatize(source)):
        strings = ast.literal_eval(f"({arguments},)")
        context = strings[0] if function.startswith("p") or function.startswith("np") else ""
        if context:
            strings = strings[1:]
        plural = strings[1] if function in ("ngettext", "npgettext") else ""
        found.append(Message(strings[0], plural, context))
    return found


def jinja_messages(source: str) -> list[Message]:
    found = []
    for _line, function, message in environment().extract_translations(source):  # type: ignore[attr-defined]
        if function == "ngettext":
            found.append(Message(message[0], message[1]))
        elif isinstance(message, str):
            found.append(Message(message))
        else:
            found.append(Message(message[0]))
    return found


TRANSLATING = {
    "_",
    "gettext",
    "gettext_noop",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
}


def python_messages(path: Path) -> list[Message]:
    """The messages a Python module translates: its calls of gettext and its kin with
    literal strings (adjacent literals joined, as Python joins them), or with a constant
    of the module holding one (``gettext(SAVED).format(...)``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in TRANSLATING:
            continue
        values = [
            arg.value if isinstance(arg, ast.Constant) else constants.get(arg.id)
            for arg in node.args
            if isinstance(arg, ast.Constant | ast.Name)
        ]
        strings = [value for value in values if isinstance(value, str)]
        if not strings or len(strings) != len(values):
            continue
        context = strings.pop(0) if name.startswith("p") and len(strings) > 1 else ""
        plural = strings[1] if name.startswith("ngettext") and len(strings) > 1 else ""
        found.append(Message(strings[0], plural, context))
    return found
