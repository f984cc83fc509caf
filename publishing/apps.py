from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Feeds and pictures: Atom feeds, the heatmap, a clause's timeline, convergence."""

    name = "publishing"
