"""The heatmap's rows, the one part of a picture repeated thousands of times (500 clauses
by 10 parties), from templates/publishing/pictures/_heat_rows.jinja (SVG markup, escaped as
HTML is: XML needs the same)."""

from markupsafe import Markup

from core.jinja2 import macros
from publishing.pictures import Heatmap


def heatmap_rows(heat: Heatmap) -> Markup:
    return macros("publishing/pictures/_heat_rows.jinja").heat_rows(heat)
