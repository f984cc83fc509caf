"""The heatmap's rows, the one part of a picture repeated thousands of times (500 clauses
by 10 parties): its row and cell partials (``templates/clauses/pictures/_heat_*.html``,
SVG markup) rendered once per stance with slots and filled here, as ``clauses.rendering``
does for the overview's matrix. Every value is escaped (XML needs what HTML needs)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from clauses.rendering import slotted
from publishing.pictures import Heatmap

ROW_SLOTS = ("url", "slug", "title", "label_x", "label_y", "label", "cells")
CELL_SLOTS = ("x", "y", "text_x", "text_y", "party", "title")


def heatmap_rows(heat: Heatmap) -> SafeString:
    row_fill = slotted("pictures/_heat_row", *ROW_SLOTS, font=heat.font).filler(*ROW_SLOTS)
    cell_fills: dict = {}
    out = []
    for row in heat.rows:
        cells = []
        label = escape(row.label)
        for cell in row.cells:
            fill = cell_fills.get(cell.stance)
            if fill is None:
                partial = slotted(
                    "pictures/_heat_cell",
                    *CELL_SLOTS,
                    size=heat.cell,
                    fill=cell.fill,
                    ink=cell.ink,
                    symbol=cell.symbol,
                    stance=cell.stance or "",
                )
                fill = cell_fills[cell.stance] = partial.filler(*CELL_SLOTS)
            cells.append(
                fill(
                    (
                        cell.x,
                        cell.y,
                        cell.text_x,
                        cell.text_y,
                        escape(cell.party),
                        f"{label} · {escape(cell.title)}",
                    )
                )
            )
        out.append(
            row_fill(
                (
                    escape(row.url),
                    escape(row.slug),
                    escape(row.title),
                    row.label_x,
                    row.label_y,
                    label,
                    "".join(cells),
                )
            )
        )
    return mark_safe("\n".join(out))  # noqa: S308 - every value escaped above
