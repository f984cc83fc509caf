"""Where everything goes in the pictures: pure geometry on plain data, no database, no
markup. The SVG templates (``templates/publishing/pictures/``) draw what these return, so a
test can check a picture's content (which cell, which point, which bar) without pixels.

Stances carry colour *and* a symbol (as on the pages: ++ + ~ − ✕ ?), never colour alone.
``unknown`` has no value: a timeline leaves a gap there, never a point at 0.
"""

import math
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from clauses.vocabularies import ORDINAL, STANCE_LABELS, TOPIC_LABELS, Topic

# Fill and symbol of each stance (the pages' palette, site.css), and of no position.
STANCE_FILL: dict[str | None, str] = {
    "supports": "#2f855a",
    "conditional": "#8fb339",
    "ambiguous": "#d6c26a",
    "opposes": "#dd8452",
    "red_line": "#b42318",
    "unknown": "#ffffff",
    None: "#eceff1",
}
STANCE_INK: dict[str | None, str] = {
    "supports": "#ffffff",
    "red_line": "#ffffff",
    "conditional": "#1c2b05",
}
STANCE_SYMBOL: dict[str | None, str] = {
    "supports": "++",
    "conditional": "+",
    "ambiguous": "~",
    "opposes": "−",
    "red_line": "✕",
    "unknown": "?",
    None: "",
}
DEFAULT_INK = "#1f2933"
# The Okabe-Ito palette: eight colours told apart with every common colour-vision
# deficiency (yellow last: the faintest on white).
OKABE_ITO = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#000000",
    "#e69f00",
    "#56b4e9",
    "#f0e442",
)
# Dash patterns: a second carrier, besides colour, of which line is which party's. Five
# patterns against eight colours: party i gets colour i mod 8 and dash i mod 5, so no two
# of the first 40 parties share both.
DASHES = ("", "7 3", "2 3", "9 3 2 3", "4 4")
DISTINCT_LINES = len(OKABE_ITO) * len(DASHES) // math.gcd(len(OKABE_ITO), len(DASHES))


def party_line_styles(count: int) -> list[tuple[str, str]]:
    """Colour and dash of each of ``count`` parties, in their order: deterministic, and no
    two of the first ``DISTINCT_LINES`` alike in both. The parties' own colours are left
    out on purpose: several are near-identical navies and reds."""
    return [(OKABE_ITO[i % len(OKABE_ITO)], DASHES[i % len(DASHES)]) for i in range(count)]


# Text widths are estimated, not measured (no fonts on the server): an average glyph of a
# sans-serif face is about 0.55 em wide; 0.62 errs on the side of room.
GLYPH_EM = 0.62


def text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * GLYPH_EM


def text_direction(text: str) -> str:
    """The direction a label of ``text`` is drawn in: right to left when its first letter
    is of a right-to-left script (Arabic, Hebrew), else left to right (Unicode's rule for a
    paragraph with no direction of its own, as HTML's dir="auto")."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def truncate(text: str, width: float, font_size: float) -> str:
    """``text`` cut to fit ``width`` pixels at ``font_size``, ending in an ellipsis when
    cut (the full text goes in the element's <title>)."""
    fits = int(width / (font_size * GLYPH_EM))
    if len(text) <= fits:
        return text
    return text[: max(fits - 1, 0)].rstrip() + "…"


def english_gap_title(point: "ConvergencePoint") -> str:
    moved = "stance" if point.moved == 1 else "stances"
    return (
        f"r{point.number}: mean gap {point.mean_gap:.2f} over {point.gap_clauses} clauses; "
        f"{point.moved} {moved} moved"
    )


@dataclass(frozen=True)
class PictureWords:
    """The words a picture writes, in the reader's language: the pages translate them and
    hand them in (this module only draws); English when none are given."""

    stances: Mapping[str, str] = field(default_factory=lambda: dict(STANCE_LABELS))
    no_position: str = "no position"
    no_position_recorded: str = "no position recorded"
    statuses: Mapping[str, str] = field(
        default_factory=lambda: {"agreed": "agreed", "contested": "contested", "open": "open"}
    )
    gap_title: Callable[["ConvergencePoint"], str] = english_gap_title
    # A heatmap row's gap in its hover text; ``{gap}`` is the gap's value.
    row_gap: str = "gap {gap}"
    row_gap_unknown: str = "gap not known"


ENGLISH = PictureWords()


def stance_words(stance: str | None, words: PictureWords = ENGLISH) -> str:
    """A stance in the reader's words with its value on the scale."""
    if stance is None:
        return words.no_position_recorded
    value = ORDINAL.get(stance)
    label = words.stances.get(stance, stance)
    return label if value is None else f"{label} ({value:+d})" if value else f"{label} (0)"


@dataclass(frozen=True)
class LegendItem:
    x: float
    y: float
    fill: str
    ink: str
    symbol: str
    label: str


def stance_legend(
    x: float, y: float, step: float = 92, words: PictureWords = ENGLISH
) -> list[LegendItem]:
    stances = [*ORDINAL, None]
    return [
        LegendItem(
            x=x + i * step,
            y=y,
            fill=STANCE_FILL[s],
            ink=STANCE_INK.get(s, DEFAULT_INK),
            symbol=STANCE_SYMBOL[s],
            label=words.stances[s] if s else words.no_position,
        )
        for i, s in enumerate(stances)
    ]


# 1. The heatmap: clauses (rows, grouped by topic or ranked by gap) by parties (columns).


@dataclass(frozen=True)
class HeatParty:
    slug: str
    name: str
    short_name: str


@dataclass(frozen=True)
class HeatClause:
    slug: str
    number: str
    title: str
    topic: str
    stances: tuple[str | None, ...]  # one per party, None where none is recorded

    @property
    def gap(self) -> int | None:
        """The spread of the known stances (0 to 4), None with fewer than two known."""
        values = [v for s in self.stances if s and (v := ORDINAL.get(s)) is not None]
        return max(values) - min(values) if len(values) >= 2 else None


def gap_rank(clause: HeatClause) -> int:
    """Sort key: the widest gap first, an unknown gap after every known one."""
    gap = clause.gap
    return -gap if gap is not None else 1


@dataclass(frozen=True)
class HeatSymbol:
    """One stance's cell, drawn once in the picture's <defs> and placed by each cell."""

    id: str
    fill: str
    ink: str
    symbol: str
    outlined: bool  # unknown: a white cell needs an edge
    text_x: float  # the symbol's centre in the cell
    text_y: float  # its baseline


@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    ref: str  # the HeatSymbol drawn here
    title: str
    stance: str | None
    party: str


@dataclass(frozen=True)
class HeatRow:
    slug: str
    url: str
    title: str  # the row's hover/focus text: number, full title, gap
    label: str  # the number, and the short title where there is room
    label_x: float
    label_y: float
    y: float
    cells: tuple[HeatCell, ...]
    # The title's: a right-to-left label is drawn so, its right edge still at ``label_x``.
    label_direction: str = "ltr"


@dataclass(frozen=True)
class HeatLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Heatmap:
    width: float
    height: float
    cell: float
    font: float
    topic_font: float
    rows: tuple[HeatRow, ...]
    topics: tuple[HeatLabel, ...]
    party_labels: tuple[HeatLabel, ...]  # above each block of columns, rotated
    legend: tuple[LegendItem, ...]
    legend_y: float
    counts: dict[str | None, int]  # stance (None: no position) -> cells
    symbols: tuple[HeatSymbol, ...] = ()
    order: str = "topic"
    words: PictureWords = ENGLISH

    @property
    def summary(self) -> str:
        """The cells counted by stance, in words: "12 supports, 3 red line, 2 no position"."""
        order = [*ORDINAL, None]
        stances, none = self.words.stances, self.words.no_position
        return ", ".join(
            f"{self.counts[s]} {stances[s] if s else none}" for s in order if self.counts.get(s)
        )


# Lines (clause rows and topic headings) per block of columns: 500 clauses by 10 parties
# then make 7 blocks, about 1,150 by 830 pixels, one laptop screen.
HEAT_MAX_LINES = 80
HEAT_MAX_WIDTH = 1280  # one laptop screen; row labels take what room is left
HEAT_LEFT = 4
HEAT_TOP = 56  # room for the rotated party names
HEAT_GUTTER = 30  # room for the clause numbers
HEAT_MAX_GUTTER = 260  # a title's room, at most
HEAT_MIN_TITLE = 6  # characters of title worth showing; fewer and the number stands alone
HEAT_GAP = 12
HEAT_MIN_BLOCK = 150  # a topic heading's room
HEAT_ORDERS = ("topic", "gap")


def _symbol_id(stance: str | None) -> str:
    return f"heat-{stance or 'none'}".replace("_", "-")


def heat_symbols(cell: float) -> tuple[HeatSymbol, ...]:
    return tuple(
        HeatSymbol(
            id=_symbol_id(stance),
            fill=STANCE_FILL[stance],
            ink=STANCE_INK.get(stance, DEFAULT_INK),
            symbol=STANCE_SYMBOL[stance],
            outlined=stance == "unknown",
            text_x=cell / 2,
            text_y=cell * 0.75,
        )
        for stance in [*ORDINAL, None]
    )


def _heat_lines(clauses: Sequence[HeatClause], order: str) -> list[str | HeatClause]:
    """The picture's lines: a topic's heading or a clause's row. By topic: the vocabulary's
    order, clauses in draft order within each. By gap: widest first, unknown gaps last,
    draft order among equals, no headings (each row's hover text names its gap)."""
    if order == "gap":
        ranked: list[str | HeatClause] = [*sorted(clauses, key=gap_rank)]
        return ranked
    rank = {topic: i for i, topic in enumerate(Topic.values)}
    by_topic: dict[str, list[HeatClause]] = {}
    for clause in clauses:
        by_topic.setdefault(clause.topic, []).append(clause)
    lines: list[str | HeatClause] = []
    for topic in sorted(by_topic, key=lambda t: rank.get(t, len(rank))):
        lines.append(topic)
        lines += by_topic[topic]
    return lines


def _row_label(clause: HeatClause, room: float, font: float) -> str:
    """The clause's number, then as much of its title as ``room`` pixels hold."""
    number = clause.number
    left = room - text_width(number + " ", font)
    if left < HEAT_MIN_TITLE * font * GLYPH_EM:
        return number
    return f"{number} {truncate(clause.title, left, font)}"


def heatmap_layout(
    clauses: Sequence[HeatClause],
    parties: Sequence[HeatParty],
    clause_url: str,
    order: str = "topic",
    words: PictureWords = ENGLISH,
) -> Heatmap:
    """Cells of ``cell`` pixels, in ``order`` (see ``_heat_lines``), flowed into blocks of
    at most ``HEAT_MAX_LINES`` lines side by side, so 500 clauses by 10 parties fit one
    screen. Each row is labelled by its clause's number and, in the room the screen leaves,
    its short title (cut with an ellipsis; the full title is the row's hover text).
    ``clause_url`` has a ``{clause}`` placeholder."""
    lines = _heat_lines(clauses, order)
    cell = 18.0 if len(lines) <= 40 else 10.0
    font = cell * 0.7
    blocks = max(1, math.ceil(len(lines) / HEAT_MAX_LINES))
    per_block = math.ceil(len(lines) / blocks) if lines else 0
    columns = cell * len(parties)
    spare = (HEAT_MAX_WIDTH - HEAT_LEFT) / blocks - HEAT_GAP - columns
    gutter = min(max(HEAT_GUTTER, spare), HEAT_MAX_GUTTER)
    block_width = max(gutter + columns, HEAT_MIN_BLOCK)

    rows: list[HeatRow] = []
    topics: list[HeatLabel] = []
    party_labels: list[HeatLabel] = []
    counts: dict[str | None, int] = {}
    for block in range(blocks):
        x0 = HEAT_LEFT + block * (block_width + HEAT_GAP)
        party_labels += [
            HeatLabel(x0 + gutter + cell * (i + 0.5), HEAT_TOP - 4, party.short_name)
            for i, party in enumerate(parties)
        ]
        for line, item in enumerate(lines[block * per_block : (block + 1) * per_block]):
            y = HEAT_TOP + line * cell
            if isinstance(item, str):
                topics.append(HeatLabel(x0, y + cell * 0.8, TOPIC_LABELS.get(item, item)))
                continue
            label = _row_label(item, gutter - 6, font)
            cells = []
            for i, (party, stance) in enumerate(zip(parties, item.stances, strict=True)):
                counts[stance] = counts.get(stance, 0) + 1
                cells.append(
                    HeatCell(
                        x=x0 + gutter + cell * i,
                        y=y,
                        ref=_symbol_id(stance if stance in STANCE_FILL else None),
                        title=f"{party.name}: {stance_words(stance, words)}",
                        stance=stance,
                        party=party.slug,
                    )
                )
            gap = item.gap
            rows.append(
                HeatRow(
                    slug=item.slug,
                    url=clause_url.format(clause=item.slug),
                    title=f"{item.number}. {item.title} ("
                    + (words.row_gap.format(gap=gap) if gap is not None else words.row_gap_unknown)
                    + ")",
                    label=label,
                    label_x=x0 + gutter - 3,
                    label_y=y + cell * 0.8,
                    y=y,
                    cells=tuple(cells),
                    label_direction=text_direction(item.title),
                )
            )
    height = HEAT_TOP + per_block * cell
    legend_y = height + 16
    return Heatmap(
        width=max(HEAT_LEFT + blocks * (block_width + HEAT_GAP), 7 * 92),
        height=legend_y + 24,
        cell=cell,
        font=font,
        topic_font=font + 1.5,
        rows=tuple(rows),
        topics=tuple(topics),
        party_labels=tuple(party_labels),
        legend=tuple(stance_legend(HEAT_LEFT, legend_y, words=words)),
        legend_y=legend_y,
        counts=counts,
        symbols=heat_symbols(cell),
        order=order,
        words=words,
    )


# 2. A clause's stance timeline: each party's stance across revisions.


@dataclass(frozen=True)
class TimelineStep:
    number: int  # the revision's
    url: str  # the clause as worded in it
    wording_changed: bool  # reworded (or first worded) against the revision it continues


@dataclass(frozen=True)
class TimelineSeries:
    slug: str
    name: str
    short_name: str
    color: str
    stances: tuple[str | None, ...]  # one per step; None where no position is recorded


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: int
    title: str
    symbol: str


@dataclass(frozen=True)
class Line:
    slug: str
    name: str
    color: str
    dash: str
    segments: tuple[str, ...]  # SVG polyline points, one per run of known stances
    points: tuple[Point, ...]
    gaps: tuple[int, ...]  # revision numbers where its stance is unknown or not recorded


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    url: str
    wording_changed: bool


@dataclass(frozen=True)
class Level:
    y: float
    label: str


@dataclass(frozen=True)
class LegendLine:
    x1: float
    x2: float
    y: float
    text_x: float
    color: str
    dash: str
    name: str  # as shown: cut to fit a row
    full_name: str


@dataclass(frozen=True)
class Timeline:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    ticks: tuple[Tick, ...]
    levels: tuple[Level, ...]
    lines: tuple[Line, ...]
    legend: tuple[LegendLine, ...] = field(default=())


TL_LEFT, TL_TOP, TL_ROW, TL_STEP = 150.0, 36.0, 44.0, 64.0
TL_FONT = 11.0
TL_LEGEND_LEFT = 16.0
TL_LEGEND_MAX_RIGHT = 1100.0  # legend rows wrap within a laptop's width
TL_LEGEND_SWATCH = 26.0
TL_LEGEND_ROW = 20.0
TL_LEGEND_SPACE = 22.0  # between one item's text and the next item's swatch
TL_LEGEND_MAX_NAME = 240.0  # a longer name is cut (its full name in the item's <title>)


def timeline_legend(
    lines: Sequence[Line], *, top: float, right: float
) -> tuple[list[LegendLine], float]:
    """One swatch and name per line, laid out left to right by the names' estimated widths
    and wrapped into a new row before an item would pass ``right``: items never overlap.
    Returns the items and the bottom of the last row."""
    items: list[LegendLine] = []
    x, y = TL_LEGEND_LEFT, top
    for line in lines:
        name = truncate(line.name, TL_LEGEND_MAX_NAME, TL_FONT)
        width = TL_LEGEND_SWATCH + 6 + text_width(name, TL_FONT)
        if x > TL_LEGEND_LEFT and x + width > right:
            x, y = TL_LEGEND_LEFT, y + TL_LEGEND_ROW
        items.append(
            LegendLine(
                x1=x,
                x2=x + TL_LEGEND_SWATCH,
                y=y,
                text_x=x + TL_LEGEND_SWATCH + 6,
                color=line.color,
                dash=line.dash,
                name=name,
                full_name=line.name,
            )
        )
        x += width + TL_LEGEND_SPACE
    return items, y + (TL_LEGEND_ROW if items else 0)


def timeline_layout(
    steps: Sequence[TimelineStep],
    series: Sequence[TimelineSeries],
    words: PictureWords = ENGLISH,
) -> Timeline:
    """Revisions along x, latest on the left (as the clause page's stance cells run,
    latest first), the stance scale (+2 at the top, −2 at the bottom) along y. ``steps``
    come oldest first, and ticks, points and gaps keep that order. A run of known stances
    is one line; an unknown stance or none breaks it (a gap). Each party's points sit a
    little apart from the others' so that equal stances stay visible; each has a colour
    and dash no other party shares (``party_line_styles``)."""
    values = [v for v in ORDINAL.values() if v is not None]
    top_value = max(values)
    count = max(len(steps), 1)
    width = TL_LEFT + TL_STEP * count + 60
    bottom = TL_TOP + TL_ROW * (len(values) - 1)
    ticks = tuple(
        Tick(
            x=TL_LEFT + TL_STEP * (len(steps) - 1 - i + 0.5),
            label=f"r{step.number}",
            url=step.url,
            wording_changed=step.wording_changed,
        )
        for i, step in enumerate(steps)
    )
    by_value = {v: s for s, v in ORDINAL.items() if v is not None}
    levels = tuple(
        Level(
            y=TL_TOP + TL_ROW * (top_value - value),
            label=f"{words.stances[by_value[value]]} ({value:+d})"
            if value
            else f"{words.stances[by_value[value]]} (0)",
        )
        for value in sorted(values, reverse=True)
    )
    lines = []
    # Parties' points sit apart by up to 4 pixels, all of them within 30% of a row either
    # side of their level, clear of the next level's and of the revision labels.
    spread = min(4.0, TL_ROW * 0.6 / max(len(series) - 1, 1))
    styles = party_line_styles(len(series))
    for index, party in enumerate(series):
        color, dash = styles[index]
        offset = (index - (len(series) - 1) / 2) * spread
        runs: list[list[tuple[float, float]]] = [[]]
        points, gaps = [], []
        for tick, step, stance in zip(ticks, steps, party.stances, strict=True):
            value = ORDINAL.get(stance) if stance else None
            if value is None:
                gaps.append(step.number)
                if runs[-1]:
                    runs.append([])
                continue
            y = TL_TOP + TL_ROW * (top_value - value) + offset
            runs[-1].append((tick.x, y))
            points.append(
                Point(
                    x=tick.x,
                    y=y,
                    value=value,
                    title=f"{party.name}, r{step.number}: {stance_words(stance, words)}",
                    symbol=STANCE_SYMBOL[stance],
                )
            )
        segments = tuple(
            " ".join(f"{x:.1f},{y:.1f}" for x, y in run) for run in runs if len(run) > 1
        )
        lines.append(
            Line(
                slug=party.slug,
                name=party.name,
                color=color,
                dash=dash,
                segments=segments,
                points=tuple(points),
                gaps=tuple(gaps),
            )
        )
    width = max(width, TL_LEFT + 3 * 170)
    legend, legend_bottom = timeline_legend(
        lines, top=bottom + 58, right=min(width, TL_LEGEND_MAX_RIGHT) - TL_LEGEND_LEFT
    )
    return Timeline(
        width=width,
        height=legend_bottom + 8,
        left=TL_LEFT,
        right=TL_LEFT + TL_STEP * count,
        top=TL_TOP,
        bottom=bottom,
        ticks=ticks,
        levels=levels,
        lines=tuple(lines),
        legend=tuple(legend),
    )


# 3. The plan's convergence: per revision, clauses agreed, contested and open, and the
# mean gap between the parties.


@dataclass(frozen=True)
class ConvergencePoint:
    number: int  # the revision's
    label: str
    url: str  # its page
    agreed: int
    contested: int
    open: int
    mean_gap: float | None  # None where no clause has two known stances to compare
    gap_clauses: int  # clauses the mean is taken over
    outside_text: int = 0  # points raised outside the text: not stacked with the clauses
    moved: int = 0  # stances moved against the revision it continues (clauses.moves)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str
    kind: str
    count: int


@dataclass(frozen=True)
class Convergence:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    count_levels: tuple[Level, ...]
    gap_levels: tuple[Level, ...]
    gap_line: tuple[str, ...]  # polyline points, one per run of revisions with a mean
    gap_points: tuple[Point, ...]


STATUS_FILL = {"agreed": "#2f855a", "contested": "#b42318", "open": "#d6c26a"}
CV_LEFT, CV_TOP, CV_HEIGHT, CV_STEP = 56.0, 24.0, 240.0, 44.0


def _nice_ceiling(value: int) -> int:
    """A round top for an axis of counts up to ``value`` (5, 10, 20, 50, 100, ...)."""
    top = 5
    while top < value:
        top = top * 2 if str(top)[0] in "15" else top * 5 // 2
    return top


def convergence_layout(
    points: Sequence[ConvergencePoint], max_gap: int, words: PictureWords = ENGLISH
) -> Convergence:
    """A stacked bar per revision (agreed at the bottom, contested, open on top) against
    the left axis, and the mean gap as a line against the right axis (0 to ``max_gap``)."""
    top_count = _nice_ceiling(max((p.agreed + p.contested + p.open for p in points), default=0))
    bottom = CV_TOP + CV_HEIGHT
    scale = CV_HEIGHT / top_count
    bars: list[Bar] = []
    ticks: list[Tick] = []
    runs: list[list[tuple[float, float]]] = [[]]
    gap_points: list[Point] = []
    bar_width = CV_STEP * 0.6
    for i, point in enumerate(points):
        x = CV_LEFT + CV_STEP * (i + 0.5)
        ticks.append(Tick(x=x, label=f"r{point.number}", url=point.url, wording_changed=False))
        y = bottom
        for kind in ("agreed", "contested", "open"):
            count = getattr(point, kind)
            height = count * scale
            y -= height
            bars.append(
                Bar(
                    x=x - bar_width / 2,
                    y=y,
                    width=bar_width,
                    height=height,
                    fill=STATUS_FILL[kind],
                    title=f"r{point.number}: {count} {words.statuses[kind]}",
                    kind=kind,
                    count=count,
                )
            )
        if point.mean_gap is None:
            if runs[-1]:
                runs.append([])
            continue
        gy = bottom - CV_HEIGHT * point.mean_gap / max_gap
        runs[-1].append((x, gy))
        gap_points.append(
            Point(
                x=x,
                y=gy,
                value=0,
                title=words.gap_title(point),
                symbol="",
            )
        )
    right = CV_LEFT + CV_STEP * max(len(points), 1)
    count_levels = tuple(
        Level(y=bottom - CV_HEIGHT * k / 4, label=str(top_count * k // 4)) for k in range(5)
    )
    gap_levels = tuple(
        Level(y=bottom - CV_HEIGHT * g / max_gap, label=str(g)) for g in range(max_gap + 1)
    )
    return Convergence(
        width=max(right + 60, 560),
        height=bottom + 70,
        left=CV_LEFT,
        right=right,
        top=CV_TOP,
        bottom=bottom,
        bars=tuple(bars),
        ticks=tuple(ticks),
        count_levels=count_levels,
        gap_levels=gap_levels,
        gap_line=tuple(
            " ".join(f"{x:.1f},{y:.1f}" for x, y in run) for run in runs if len(run) > 1
        ),
        gap_points=tuple(gap_points),
    )
