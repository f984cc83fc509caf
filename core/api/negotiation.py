"""How the API picks a representation: DRF's rules, with two changes.

- The browsable API is offered only where the settings list its renderer
  (``DEFAULT_RENDERER_CLASSES``: while DEBUG is on). A view that names its own renderers
  (the positions list's fast JSON and CSV) loses it too, so a production site answers JSON
  only: the browsable API's inline styles do not pass the site's Content-Security-Policy.
- A ``format`` the resource does not have is a 400 naming the parameter and the formats it
  has, not DRF's 404: the resource is there, the parameter is wrong.
"""

from collections.abc import Iterable
from typing import cast

from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer
from rest_framework.settings import api_settings

FORMAT_UNKNOWN = "Unknown format {value!r}: give one of {formats}, or leave the parameter out."


def browsable_api_listed() -> bool:
    # api_settings holds the classes, imported from the dotted names the settings give.
    renderers = cast(list[type], api_settings.DEFAULT_RENDERER_CLASSES)
    return any(issubclass(renderer, BrowsableAPIRenderer) for renderer in renderers)


class ApiContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        if not browsable_api_listed():
            renderers = [r for r in renderers if not isinstance(r, BrowsableAPIRenderer)]
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers: Iterable[BaseRenderer], format: str):  # noqa: A002 -- DRF's name
        renderers = list(renderers)
        chosen = [renderer for renderer in renderers if renderer.format == format]
        if not chosen:
            formats = ", ".join(repr(name) for name in dict.fromkeys(r.format for r in renderers))
            parameter = api_settings.URL_FORMAT_OVERRIDE
            raise ValidationError({parameter: FORMAT_UNKNOWN.format(value=format, formats=formats)})
        return chosen
