"""Reads for a takedown: the record named on the command line."""

from django.core.exceptions import ValidationError


def record_to_take_down(model, pk: str):
    """The record ``pk`` of ``model``, or None when there is none or ``pk`` is not an id
    (one query)."""
    try:
        return model._default_manager.filter(pk=pk).first()
    except (ValueError, ValidationError):
        return None
