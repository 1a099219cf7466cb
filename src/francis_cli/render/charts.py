"""Inline SVG charts drawn from the report's numbers: no scripts, no external files, a text alternative each.

Bars share one scale per chart (``width = count × scale``), so a reader (or a test) can measure them
against the table printed beside the chart. Colour never carries meaning alone: the legend names
every colour, a hatched segment reads apart from its neighbours in grey, and the table gives every
number. Each segment stands on white (a gap between segments) and has 3:1 contrast with it, or a
dark outline that has, as WCAG 1.4.11 asks of the parts of a chart.

Why labels sit above the bars and the chart is narrow: drawn at its own size the chart fits a
phone's width, so it is never scaled down and its text stays 12 px there; beside the bars, the
labels would need a chart twice as wide.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape, quoteattr

from ..views.charts import HATCH, Chart, Segment

ROW = 18
LINE = 14
GAP = 10
SEP = 2
"""White between two segments of a bar."""
LEFT = 1.0
TOTAL_SPACE = 40
CHAR = 6.6
"""The width of an average 12 px Arial character, for wrapping and laying out the legend."""
HATCH_STEP = 5
WHITE = "#ffffff"
TEXT = "#212b32"
OUTLINE = "#425563"
FONT = 'font-family="Arial, Helvetica, sans-serif"'


def luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """Dark text or white, whichever reads better on ``background``."""
    return "#ffffff" if contrast(background, "#ffffff") >= contrast(background, TEXT) else TEXT


def outline_for(colour: str) -> str | None:
    """The outline a fill needs to stand out from white (3:1), or None when it does on its own."""
    return None if contrast(colour, WHITE) >= 3 else OUTLINE


def hatch_path(x: float, y: float, w: float, h: float, step: float = HATCH_STEP) -> str:
    """Path data of diagonal lines (bottom left to top right) clipped to the rectangle, without a
    clip path: nothing in the paper refers to anything by URL, and every renderer draws plain lines."""
    moves = []
    k = x + y + step / 2
    while k < x + w + y + h:
        x0, x1 = max(x, k - (y + h)), min(x + w, k - y)
        if x1 > x0:
            moves.append(f"M{x0:.2f} {k - x0:.2f}L{x1:.2f} {k - x1:.2f}")
        k += step
    return "".join(moves)


def _box(seg: Segment, x: float, y: float, w: float, h: float, extra: str = "") -> str:
    """One filled rectangle: its outline if its colour needs one, its hatching if it has a pattern."""
    line = outline_for(seg.colour)
    stroke = f' stroke="{line}" stroke-width="1"' if line else ""
    title = f"<title>{escape(seg.label)}: {seg.count}</title>" if extra else ""
    rect = f'<rect{extra} x="{x:.2f}" y="{y:.2f}" width="{w}" height="{h}" fill="{seg.colour}"{stroke}>{title}</rect>'
    if seg.pattern == HATCH and w > 0:
        rect += (
            f'<path class="hatch" d="{hatch_path(x, y, w, h)}" stroke="{WHITE}" stroke-width="1.5" '
            'fill="none" aria-hidden="true"/>'
        )
    return rect


def _label(lines: list[str], x: float, y: float, anchor: str = "start") -> str:
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else LINE}">{escape(t)}</tspan>' for i, t in enumerate(lines))
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="12" fill="{TEXT}">{spans}</text>'


def _bars(chart: Chart, width: float) -> tuple[list[str], float]:
    """Each bar under its label, stacked by segment, the total printed at its end."""
    peak = max((b.total for b in chart.bars), default=0) or 1
    scale = chart.length / peak
    parts: list[str] = []
    y = 4.0
    for bar in chart.bars:
        lines = textwrap.wrap(bar.label, int((width - LEFT) / CHAR)) or [""]
        parts.append(_label(lines, LEFT, y + 11))
        top = y + LINE * len(lines) + 2
        x = LEFT
        for seg in (s for s in bar.segments if s.count):
            w = round(seg.count * scale, 2)
            extra = f' class="seg" data-id={quoteattr(seg.id)} data-count="{seg.count}"'
            parts.append(_box(seg, x, top, w, ROW, extra))
            x += w + SEP
        parts.append(_label([str(bar.total)], x + 5 - (SEP if bar.total else 0), top + ROW / 2 + 4))
        y = top + ROW + GAP
    return parts, y


def _legend(chart: Chart, width: float, y: float) -> tuple[list[str], float]:
    parts: list[str] = []
    y += 2
    lx = LEFT
    for seg in chart.legend:
        item = 17 + CHAR * len(seg.label)
        if lx + item > width and lx > LEFT:
            lx, y = LEFT, y + 20
        parts.append(_box(seg, lx, y, 12, 12))
        parts.append(_label([seg.label], lx + 17, y + 10.5))
        lx += item + 12
    return parts, y + 16


def chart_svg(chart: Chart) -> str:
    """One horizontal bar per ``chart.bars`` item, under its label; the legend below."""
    most = max((len([s for s in b.segments if s.count]) for b in chart.bars), default=1)
    width = round(LEFT + chart.length + SEP * max(most - 1, 0) + TOTAL_SPACE)
    parts, y = _bars(chart, width)
    if chart.legend:
        legend, y = _legend(chart, width, y)
        parts += legend
    height = round(y + 4)
    ident = escape(chart.id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{ident}-title {ident}-desc" {FONT}>'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.desc)}</desc>' + "".join(parts) + "</svg>"
    )
