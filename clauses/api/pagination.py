"""Page-number pagination that answers a bad page or page size with a 4xx naming it."""

from django.core.paginator import InvalidPage
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from .exceptions import PAGE_NOT_FOUND, PAGE_SIZE_INVALID, not_found

MAX_PAGE_SIZE = 500


class ApiPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

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
        return request.query_params.get(self.page_query_param) or 1

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
