"""The query parameters each API operation declares, read from its own OpenAPI schema: any
other is a 400 naming it, as an unknown body field is. A misspelt filter (``stanc=``) is
never silently ignored, and a client written against the schema sends nothing else.

The schema is generated once per process, on the first API request, and kept.
"""

import functools
import re

from drf_spectacular.generators import SchemaGenerator

# DRF's format override (``?format=json``), which every operation reads; an unknown format
# is refused by core.api.negotiation.
ALWAYS_READ = frozenset({"format"})
# "<slug:plan>" in a Django route, "{plan}" in an OpenAPI path.
_ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


@functools.cache
def declared_query() -> dict[tuple[str, str], frozenset[str]]:
    """(method, OpenAPI path) -> the names of the query parameters its operation declares."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method.upper(), path): frozenset(
            parameter["name"]
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query"
        )
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict)
    }


def undeclared_query(request) -> list[str]:
    """The query parameters of ``request`` that its operation does not declare (none for a
    URL the schema does not describe, which answers its own 404)."""
    match = request.resolver_match
    if match is None or not match.route:
        return []
    path = "/" + _ROUTE_PARAMETER.sub(r"{\1}", match.route)
    method = "GET" if request.method == "HEAD" else request.method
    declared = declared_query().get((method, path))
    if declared is None:
        return []
    return sorted(set(request.query_params) - declared - ALWAYS_READ)
