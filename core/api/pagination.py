"""Page-number pagination that answers a bad page or page size with a 4xx naming it."""

from collections.abc import Callable

from django.core.paginator import InvalidPage, Page
from django.db.models import IntegerField, QuerySet, Subquery
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from core.api.exceptions import PAGE_NOT_FOUND, PAGE_SIZE_INVALID, not_found

MAX_PAGE_SIZE = 500
MAX_OFFSET = 2**31 - 1

# Reads the rows of a page, from its first row's offset and its size, each with the number
# of all the rows as its last column (as ``counted_page`` reads a queryset's).
PageReader = Callable[[int, int], list]


class CountOf(Subquery):
    """The number of rows of a queryset, as a scalar subquery that names no outer column:
    the database counts once for the whole page, not once per row."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()

    def __init__(self, queryset: QuerySet):
        super().__init__(queryset.order_by().values("pk"))


class ApiPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "The page to read, from 1 (`last` also names the last page). "
                "Follow `next` until it is null to read them all; a page past the last is 404.",
                "schema": {
                    "oneOf": [
                        {"type": "integer", "minimum": 1, "maximum": MAX_OFFSET},
                        {"type": "string", "enum": list(self.last_page_strings)},
                    ]
                },
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page, 1 to {self.max_page_size}; by default "
                f"{self.page_size} (the server's API_PAGE_SIZE).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]

    def get_paginated_response_schema(self, schema):
        example = "http://127.0.0.1:8000/api/v1/positions/?page={}"
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "How many items all pages hold together.",
                    "example": 96,
                },
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page, null on the last.",
                    "example": example.format(3),
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The previous page, null on the first.",
                    "example": example.format(1),
                },
                "results": schema,
            },
        }

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        # DRF would silently fall back to the default page size; a client that asked for
        # a size it does not get would page wrongly, so say so instead.
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {"page_size": PAGE_SIZE_INVALID.format(maximum=self.max_page_size, value=raw)}
            )
        return int(raw)

    def get_page_number(self, request, paginator):
        # An empty page is no page number: 404 like any other (the schema types it).
        return request.query_params.get(self.page_query_param, 1)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        page_number = self.get_page_number(request, paginator)
        if page_number in self.last_page_strings:
            page_number = paginator.num_pages
        try:
            self.page = paginator.page(page_number)
        except InvalidPage:
            raise not_found(
                self.page_query_param,
                PAGE_NOT_FOUND.format(page=str(page_number), last=paginator.num_pages),
            ) from None
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return list(self.page)

    def paginate_rows(
        self, queryset: QuerySet, fields: tuple[str, ...], request, *, found: list | None = None
    ) -> list:
        """``paginate_queryset(queryset.values_list(*fields))`` in one query, not two.

        The page is read with the number of all rows beside it (``counted_rows``), which
        the paginator would count in a query of its own, compiled and sent separately
        (see the positions list case in bench/results.md); ``found`` is that page when it
        was read already (``read_page``). Only a page that comes back empty, past the
        first, or ``last``, or a page number that is no whole number from 1, needs the
        count first: it is then counted, and answered, as before.
        """
        self.request = request
        page_size = self.get_page_size(request)
        bounds = self._plain_page(request, page_size)
        if bounds is None:
            return self.paginate_queryset(queryset.values_list(*fields), request)
        number, bottom = bounds
        if found is None:
            found = counted_page(queryset, fields, bottom, page_size)
        if not found and number > 1:
            return self.paginate_queryset(queryset.values_list(*fields), request)
        # The paginator is handed the queryset only to be a paginator: it never reads it
        # (its count is set), so the rows' query is not built (``values_list`` on a
        # list's joins costs a good part of a page's time).
        return self._page_of(found, queryset, number, page_size)

    def read_page(self, read: PageReader, request) -> list | None:
        """The page asked for, as ``read`` reads it (each row with the count of all), for
        ``paginate_rows`` or ``found_page`` to answer from; None, having read nothing, for
        a page size or number only ``paginate_rows`` answers."""
        try:
            page_size = self.get_page_size(request)
        except ValidationError:
            return None
        bounds = self._plain_page(request, page_size)
        if bounds is None:
            return None
        _number, bottom = bounds
        return read(bottom, page_size)

    def found_page(self, found: list, request) -> list:
        """The page of the rows ``read_page`` found (``found`` is not empty): what
        ``paginate_rows`` answers from them, without a queryset to stand for the list."""
        self.request = request
        page_size = self.get_page_size(request)
        # A whole number: read_page read the page.
        number = int(self.get_page_number(request, None))
        return self._page_of(found, found, number, page_size)

    def _plain_page(self, request, page_size: int) -> tuple[int, int] | None:
        """The page number and its first row's offset, or None for a page that must be
        found from the count (``last``, a page number that is no whole number from 1, or
        one past any offset the database accepts)."""
        raw = self.get_page_number(request, None)
        try:
            number = int(raw)  # as Paginator.validate_number reads it
        except (TypeError, ValueError):
            return None
        bottom = (number - 1) * page_size
        # Past any page there can be, an offset could exceed what the database accepts;
        # the paginator answers such a page from the count alone.
        if number < 1 or bottom > MAX_OFFSET:
            return None
        return number, bottom

    def _page_of(self, found: list[tuple], rows, number: int, page_size: int) -> list:
        """The page ``number`` from its rows, each with the total count as its last column."""
        paginator = self.django_paginator_class(rows, page_size)
        # Paginator.count is a cached property: set, it is what the page links are made from.
        paginator.count = found[0][-1] if found else 0
        page_rows = [row[:-1] for row in found]
        self.page = Page(page_rows, number, paginator)
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return page_rows


def counted_rows(queryset: QuerySet, fields: tuple[str, ...]) -> QuerySet:
    """``queryset.values_list(*fields)`` with the number of all its rows as the last column
    of each, counted once by the database for the whole page."""
    return queryset.annotate(page_total=CountOf(queryset)).values_list(*fields, "page_total")


def counted_page(queryset: QuerySet, fields: tuple[str, ...], bottom: int, size: int) -> list:
    """``size`` rows of ``counted_rows`` from the row ``bottom`` (one query)."""
    return list(counted_rows(queryset, fields)[bottom : bottom + size])
