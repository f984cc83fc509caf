"""Where everything goes in the pictures: pure geometry on plain data, no database, no
markup. The SVG templates (``templates/publishing/pictures/``) draw what these return, so a
test can check a picture's content (which cell, which point, which bar) without pixels.

Stances carry colour *and* a symbol (as on the pages: ++ + ~ − ✕ ?), never colour alone.
``unknown`` has no value: a timeline leaves a gap there, never a point at 0.
"""

import math
import re
from collections.abc import Sequence
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
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
# Dash patterns: a second carrier, besides colour, of which line is which party's.
DASHES = ("", "6 3", "2 2", "8 3 2 3", "4 4", "1 3")


def party_colors(colors: Sequence[str]) -> list[str]:
    """Each party's own colour when it is a valid #rrggbb that no party before it has
    taken, else the first of the palette's not taken yet (then the palette again)."""
    taken: set[str] = set()
    chosen = []
    for index, color in enumerate(colors):
        color = (color or "").lower()
        if not _COLOR.match(color) or color in taken:
            free = [c for c in PALETTE if c not in taken]
            color = free[0] if free else PALETTE[index % len(PALETTE)]
        taken.add(color)
        chosen.append(color)
    return chosen


def stance_words(stance: str | None) -> str:
    if stance is None:
        return "no position recorded"
    value = ORDINAL.get(stance)
    label = STANCE_LABELS.get(stance, stance)
    return label if value is None else f"{label} ({value:+d})" if value else f"{label} (0)"


@dataclass(frozen=True)
class LegendItem:
    x: float
    y: float
    fill: str
    ink: str
    symbol: str
    label: str


def stance_legend(x: float, y: float, step: float = 92) -> list[LegendItem]:
    stances = [*ORDINAL, None]
    return [
        LegendItem(
            x=x + i * step,
            y=y,
            fill=STANCE_FILL[s],
            ink=STANCE_INK.get(s, DEFAULT_INK),
            symbol=STANCE_SYMBOL[s],
            label=STANCE_LABELS[s] if s else "no position",
        )
        for i, s in enumerate(stances)
    ]


# 1. The heatmap: clauses (rows, grouped by topic) by parties (columns).


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


@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    text_x: float  # the symbol's centre
    text_y: float  # its baseline
    fill: str
    ink: str
    symbol: str
    title: str
    stance: str | None
    party: str


@dataclass(frozen=True)
class HeatRow:
    slug: str
    url: str
    title: str  # the row's hover/focus text
    label: str  # the clause's number
    label_x: float
    label_y: float
    y: float
    cells: tuple[HeatCell, ...]


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

    @property
    def summary(self) -> str:
        """The cells counted by stance, in words: "12 supports, 3 red line, 2 no position"."""
        order = [*ORDINAL, None]
        return ", ".join(
            f"{self.counts[s]} {STANCE_LABELS[s] if s else 'no position'}"
            for s in order
            if self.counts.get(s)
        )


# Lines (clause rows and topic headings) per block of columns: 500 clauses by 10 parties
# then make 7 blocks, about 1,150 by 830 pixels, one laptop screen.
HEAT_MAX_LINES = 80
HEAT_LEFT = 4
HEAT_TOP = 56  # room for the rotated party names
HEAT_GUTTER = 30  # room for the clause numbers
HEAT_GAP = 12
HEAT_MIN_BLOCK = 150  # a topic heading's room


def heatmap_layout(
    clauses: Sequence[HeatClause], parties: Sequence[HeatParty], clause_url: str
) -> Heatmap:
    """Cells of ``cell`` pixels, topic by topic (in the vocabulary's order, clauses in
    draft order within each), flowed into blocks of at most ``HEAT_MAX_LINES`` lines side
    by side, so 500 clauses by 10 parties fit one screen. ``clause_url`` has a
    ``{clause}`` placeholder."""
    order = {topic: i for i, topic in enumerate(Topic.values)}
    by_topic: dict[str, list[HeatClause]] = {}
    for clause in clauses:
        by_topic.setdefault(clause.topic, []).append(clause)
    lines: list[str | HeatClause] = []  # a topic's heading, or a clause's row
    for topic in sorted(by_topic, key=lambda t: order.get(t, len(order))):
        lines.append(topic)
        lines += by_topic[topic]

    cell = 18.0 if len(lines) <= 40 else 10.0
    font = cell * 0.7
    blocks = max(1, math.ceil(len(lines) / HEAT_MAX_LINES))
    per_block = math.ceil(len(lines) / blocks) if lines else 0
    block_width = max(HEAT_GUTTER + cell * len(parties), HEAT_MIN_BLOCK)

    rows: list[HeatRow] = []
    topics: list[HeatLabel] = []
    party_labels: list[HeatLabel] = []
    counts: dict[str | None, int] = {}
    for block in range(blocks):
        x0 = HEAT_LEFT + block * (block_width + HEAT_GAP)
        party_labels += [
            HeatLabel(x0 + HEAT_GUTTER + cell * (i + 0.5), HEAT_TOP - 4, party.short_name)
            for i, party in enumerate(parties)
        ]
        for line, item in enumerate(lines[block * per_block : (block + 1) * per_block]):
            y = HEAT_TOP + line * cell
            if isinstance(item, str):
                topics.append(HeatLabel(x0, y + cell * 0.8, TOPIC_LABELS.get(item, item)))
                continue
            cells = []
            for i, (party, stance) in enumerate(zip(parties, item.stances, strict=True)):
                counts[stance] = counts.get(stance, 0) + 1
                x = x0 + HEAT_GUTTER + cell * i
                cells.append(
                    HeatCell(
                        x=x,
                        y=y,
                        text_x=x + cell / 2,
                        text_y=y + cell * 0.75,
                        fill=STANCE_FILL.get(stance, STANCE_FILL[None]),
                        ink=STANCE_INK.get(stance, DEFAULT_INK),
                        symbol=STANCE_SYMBOL.get(stance, ""),
                        title=f"{party.name}: {stance_words(stance)}",
                        stance=stance,
                        party=party.slug,
                    )
                )
            rows.append(
                HeatRow(
                    slug=item.slug,
                    url=clause_url.format(clause=item.slug),
                    title=f"{item.number}. {item.title}",
                    label=item.number,
                    label_x=x0 + HEAT_GUTTER - 3,
                    label_y=y + cell * 0.8,
                    y=y,
                    cells=tuple(cells),
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
        legend=tuple(stance_legend(HEAT_LEFT, legend_y)),
        legend_y=legend_y,
        counts=counts,
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
    label: HeatLabel | None  # the party's short name beside its last point
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
    name: str


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


def timeline_layout(steps: Sequence[TimelineStep], series: Sequence[TimelineSeries]) -> Timeline:
    """Revisions along x, the stance scale (+2 at the top, −2 at the bottom) along y.
    A run of known stances is one line; an unknown stance or none breaks it (a gap). Each
    party's points sit a little apart from the others' so that equal stances stay
    visible."""
    values = [v for v in ORDINAL.values() if v is not None]
    top_value = max(values)
    width = TL_LEFT + TL_STEP * max(len(steps), 1) + 60
    bottom = TL_TOP + TL_ROW * (len(values) - 1)
    ticks = tuple(
        Tick(
            x=TL_LEFT + TL_STEP * (i + 0.5),
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
            label=f"{STANCE_LABELS[by_value[value]]} ({value:+d})"
            if value
            else f"{STANCE_LABELS[by_value[value]]} (0)",
        )
        for value in sorted(values, reverse=True)
    )
    lines = []
    spread = 4.0
    colors = party_colors([party.color for party in series])
    for index, party in enumerate(series):
        color = colors[index]
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
                    title=f"{party.name}, r{step.number}: {stance_words(stance)}",
                    symbol=STANCE_SYMBOL[stance],
                )
            )
        segments = tuple(
            " ".join(f"{x:.1f},{y:.1f}" for x, y in run) for run in runs if len(run) > 1
        )
        last = points[-1] if points else None
        lines.append(
            Line(
                slug=party.slug,
                name=party.name,
                color=color,
                dash=DASHES[index % len(DASHES)],
                segments=segments,
                points=tuple(points),
                label=HeatLabel(last.x + 8, last.y + 4, party.short_name) if last else None,
                gaps=tuple(gaps),
            )
        )
    legend_top = bottom + 52
    legend = []
    for i, line in enumerate(lines):
        x = TL_LEFT + (i % 3) * 170
        y = legend_top + (i // 3) * 18
        legend.append(LegendLine(x, x + 26, y - 4, x + 32, line.color, line.dash, line.name))
    height = legend_top + 18 * math.ceil(max(len(lines), 1) / 3) + 8
    return Timeline(
        width=max(width, TL_LEFT + 3 * 170),
        height=height,
        left=TL_LEFT,
        right=TL_LEFT + TL_STEP * max(len(steps), 1),
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


def convergence_layout(points: Sequence[ConvergencePoint], max_gap: int) -> Convergence:
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
                    title=f"r{point.number}: {count} {kind}",
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
                title=f"r{point.number}: mean gap {point.mean_gap:.2f} over "
                f"{point.gap_clauses} clauses",
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
