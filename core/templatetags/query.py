"""Links to the same page with some of its filters changed: ``{% load query %}`` then
``{% query_with request.GET sort="gap" page=None %}`` gives ``?topic=...&sort=gap``, every
other value of the current URL kept (a value of None or "" drops its key)."""

from urllib.parse import urlencode

from django import template

register = template.Library()


@register.simple_tag(name="query_with")
def query_with(params, **changes) -> str:
    """The query string of ``params`` (a QueryDict) with ``changes`` applied, with its "?"
    ("?" alone when nothing is left, so the link still points at this page)."""
    kept = [(key, value) for key in params for value in params.getlist(key) if key not in changes]
    kept += [(key, value) for key, value in changes.items() if value not in (None, "")]
    return f"?{urlencode(kept)}"
