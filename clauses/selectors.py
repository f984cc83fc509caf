"""Reads: querysets with what their pages need already joined or prefetched."""

from django.db.models import Count, Max, QuerySet

from .models import Plan


def plan_list() -> QuerySet[Plan]:
    """Plans with their number of revisions and latest revision number (one query)."""
    return Plan.objects.annotate(
        revision_count=Count("revisions"), latest_revision_number=Max("revisions__number")
    ).order_by("title")
