"""Links to the page being shown as data: ``{% load exports %}`` then
``{% export_url "csv" %}``. Built from the request's own query string, so whatever filters
a page takes (today's and any added later) carry over to its export."""

from django import template

register = template.Library()

# Parameters of a page's view, not of its data: an export is every row, on one page.
NOT_CARRIED = ("format", "page", "page_size")


@register.simple_tag(takes_context=True)
def export_url(context, fmt: str) -> str:
    """The current page's URL with ``format=fmt`` (the template escapes it)."""
    request = context["request"]
    query = request.GET.copy()
    for name in NOT_CARRIED:
        query.pop(name, None)
    query["format"] = fmt
    return f"{request.path}?{query.urlencode()}"
