from django.apps import AppConfig


class DraftingConfig(AppConfig):
    """Recording a draft from its pasted text: split into points, aligned, confirmed."""

    name = "drafting"
