"""The Jinja2 environment of the templates named ``*.jinja``: the markup the long pages repeat
hundreds or thousands of times (the overview's rows, the diff's articles, a party's rows...),
which Django's template engine renders several times slower (bench/results.md).

Autoescaping is always on; while DEBUG is on, a template is read again once edited (the
backend's default). A Django template shows such markup by calling a macro: from Python
(``macros(...)``) or through a template tag. A macro's result is markup (``Markup``) because
autoescaping escaped every value it printed; a Django template prints it as it is.
"""

from collections.abc import Callable
from typing import Any, Protocol, cast

import jinja2
from django.template import defaultfilters, engines
from django.template.backends.jinja2 import Jinja2
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from markupsafe import Markup

# The alias of the backend in settings.TEMPLATES (Django names it after its module).
ENGINE = "jinja2"


def environment(**options: Any) -> jinja2.Environment:
    # Autoescaping whatever the settings say: every page shows untrusted text. A misspelt or
    # missing variable fails loudly, DEBUG or not (the backend would print its name into
    # the page with DEBUG on, and nothing with DEBUG off).
    options.pop("autoescape", None)
    options.pop("undefined", None)
    extensions = [*options.pop("extensions", ()), "jinja2.ext.i18n"]
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=escape_as_django_does,
        extensions=extensions,
        **options,
    )
    # ``{% trans %}`` and ``_()`` read Django's catalogue in the request's language. A row
    # template repeated hundreds of times sets its words once, outside the loop
    # (``{% set ... = _("...") %}``), not once per cell.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=translation.gettext, ngettext=translation.ngettext, newstyle=True
    )
    env.globals.update(url=url, static=static)
    env.filters["truncatechars"] = defaultfilters.truncatechars
    env.filters["possessive"] = possessive
    return env


def possessive(name: Any) -> Markup:
    """``name`` as an owner, as English writes it: "Russia's", "European partners'";
    the name escaped (Django's way), the apostrophe as written. In another interface
    language the name as it is: the translated sentence places it as its grammar needs."""
    text = str(name)
    if not (translation.get_language() or "en").startswith("en"):
        return Markup(escape(text))  # noqa: S704 -- escaped
    return Markup(escape(text) + ("'" if text.endswith(("s", "S")) else "'s"))  # noqa: S704 -- escaped


def escape_as_django_does(value: Any) -> Any:
    """Every printed value passes here before autoescaping. Jinja2 escapes quotes as ``&#34;``
    and ``&#39;``, Django as ``&quot;`` and ``&#x27;``: a text holding a quote is escaped
    Django's way here (autoescaping leaves the result as it is), so a page sends the same
    bytes whichever engine rendered a part of it."""
    if isinstance(value, str) and ('"' in value or "'" in value) and not hasattr(value, "__html__"):
        return escape(value)
    return value


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    """``{{ url("clauses:plan", plan=plan.slug) }}``: Django's ``{% url %}``."""
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


class Macros(Protocol):
    """A template's module seen as what it holds: its macros, each an attribute named after
    the macro (Jinja2 sets them when it runs the template, so no type can list them)."""

    def __getattr__(self, name: str) -> Callable[..., Markup]: ...


def macros(template_name: str) -> Macros:
    """The macros of a Jinja2 template, to call from Python or a template tag; each returns
    markup."""
    # The registry types every backend as BaseEngine; settings.TEMPLATES makes this alias's
    # a Jinja2 one.
    env: jinja2.Environment = cast(Jinja2, engines[ENGINE]).env
    template = env.get_template(template_name)
    # Jinja2 keeps one module per template, holding the macros it imported when it was first
    # read: while templates reload, a new one sees an imported template's edits too.
    module = template.make_module() if env.auto_reload else template.module
    # A module's macros are attributes set at runtime, which its type cannot declare.
    return cast(Macros, module)
