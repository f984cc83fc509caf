from django.apps import AppConfig


class ComparisonConfig(AppConfig):
    """What changed: the diff of two revisions, one clause and one party across revisions."""

    name = "comparison"
