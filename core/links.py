"""Readable, absolute hyperlinks between API resources (slugs and revision numbers).

A list of a few hundred positions links each one to itself, its clause, its revision and
its party; ``reverse()`` per link would cost more than building the row. So each route is
reversed once, with placeholder values, into a template that later links fill in with
``str.format``. Slugs are URL-safe by construction (SlugField), so no quoting is needed.
"""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from rest_framework.request import Request

# Placeholder values that match each URL converter and appear nowhere else in a path.
_PLACEHOLDERS = {
    "plan": "plan-placeholder-7f3a",
    "clause": "clause-placeholder-7f3a",
    "party": "party-placeholder-7f3a",
    "number": 734_219_083,
    "a": 734_219_084,
    "b": 734_219_085,
    "source": 734_219_086,
}


@lru_cache(maxsize=64)
def _template(name: str, kwargs: tuple[str, ...], script_prefix: str) -> str:
    # script_prefix is part of the cache key: reverse() depends on it.
    path = reverse(f"api:{name}", kwargs={key: _PLACEHOLDERS[key] for key in kwargs})
    for key in kwargs:
        path = path.replace(str(_PLACEHOLDERS[key]), "{" + key + "}")
    return path


class Links:
    """Builds absolute API URLs for one request."""

    def __init__(self, request: Request | None):
        self.origin = request.build_absolute_uri("/")[:-1] if request is not None else ""
        self.script_prefix = get_script_prefix()

    def __call__(self, name: str, **kwargs) -> str:
        template = _template(name, tuple(sorted(kwargs)), self.script_prefix)
        return self.origin + template.format(**kwargs)

    def template(self, name: str, *keys: str) -> str:
        """The absolute URL of route ``name`` with a ``{key}`` placeholder for each of
        ``keys``: for a list that builds the same kind of link for every row."""
        return self.origin + _template(name, tuple(sorted(keys)), self.script_prefix)

    def party(self, party: str) -> str:
        return self("party-detail", party=party)

    def plan(self, plan: str) -> str:
        return self("plan-detail", plan=plan)

    def revision(self, plan: str, number: int) -> str:
        return self("revision-detail", plan=plan, number=number)

    def clause(self, plan: str, clause: str) -> str:
        return self("clause-detail", plan=plan, clause=clause)

    def clause_version(self, plan: str, clause: str, number: int) -> str:
        return self("clauseversion-detail", plan=plan, clause=clause, number=number)

    def position(self, plan: str, clause: str, number: int, party: str) -> str:
        return self("position-detail", plan=plan, clause=clause, number=number, party=party)


def links_for(serializer_context: dict) -> Links:
    """The Links of a serializer's request, made once per serializer tree and reused."""
    links = serializer_context.get("links")
    if links is None:
        links = serializer_context["links"] = Links(serializer_context.get("request"))
    return links


@lru_cache(maxsize=64)
def _page_template(name: str, kwargs: tuple[str, ...], script_prefix: str) -> str:
    path = reverse(name, kwargs={key: _PLACEHOLDERS[key] for key in kwargs})
    for key in kwargs:
        path = path.replace(str(_PLACEHOLDERS[key]), "{" + key + "}")
    return path


class PageLinks:
    """Builds absolute URLs of the site's pages (what an export or a feed cites), each
    route reversed once per process as ``Links`` does for the API."""

    def __init__(self, request):
        self.origin = request.build_absolute_uri("/")[:-1] if request is not None else ""
        self.script_prefix = get_script_prefix()

    def template(self, name: str, *keys: str) -> str:
        return self.origin + _page_template(name, tuple(sorted(keys)), self.script_prefix)

    def __call__(self, name: str, **kwargs) -> str:
        return self.template(name, *kwargs).format(**kwargs)
