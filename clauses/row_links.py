"""Links for pages that link every row of a long list (a clause, its wording in a revision,
a party): the route is reversed once with a placeholder and each row's link is that URL
with its own slug or number in the placeholder's place; ``reverse()`` per row would cost
more than the row.
"""

from collections.abc import Callable

from django.urls import reverse

# A slug the URL patterns accept and no real slug is.
_SLUG = "slug--placeholder--"
# A number the URL patterns accept: in the reversed URL its last occurrence is the number's
# place (slugs come before it).
_NUMBER = 2_147_483_647


def slug_link(name: str, slug_kwarg: str, **kwargs) -> Callable[[str], str]:
    """A function from a slug to the URL ``name`` reverses to with it (not escaped)."""
    head, tail = reverse(name, kwargs={**kwargs, slug_kwarg: _SLUG}).split(_SLUG)
    return lambda slug: f"{head}{slug}{tail}"


def number_link(name: str, number_kwarg: str, **kwargs) -> Callable[[int], str]:
    """A function from a revision number to the URL ``name`` reverses to with it."""
    head, tail = reverse(name, kwargs={**kwargs, number_kwarg: _NUMBER}).rsplit(str(_NUMBER), 1)
    return lambda number: f"{head}{number}{tail}"
