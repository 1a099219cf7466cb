"""Inline SVG charts drawn from the report's numbers: no scripts, no external files, a text alternative each.

Bars share one scale per chart (``width = count × scale``), so a reader (or a test) can measure them
against the table printed beside the chart. Colour never carries meaning alone: the legend names
every colour and the table gives every number.
"""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape, quoteattr

from ..views.charts import Chart

ROW = 18
LINE = 14
GAP = 10
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


def _label(lines: list[str], x: float, y: float, anchor: str = "end") -> str:
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else LINE}">{escape(t)}</tspan>' for i, t in enumerate(lines))
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="12" fill="{TEXT}">{spans}</text>'


def chart_svg(chart: Chart) -> str:
    """One horizontal bar per ``chart.bars`` item, stacked by segment, the total printed at its end."""
    wrapped = [textwrap.wrap(b.label, 30) or [""] for b in chart.bars]
    label_width = min(196, round(6.4 * max((len(t) for lines in wrapped for t in lines), default=0)) + 4)
    bar_x = label_width + 8
    width = bar_x + chart.length + 36
    peak = max((b.total for b in chart.bars), default=0) or 1
    scale = chart.length / peak
    parts: list[str] = []
    y = 4.0
    for bar, lines in zip(chart.bars, wrapped, strict=True):
        height = max(ROW, LINE * len(lines) + 4)
        top = y + (height - ROW) / 2
        parts.append(_label(lines, label_width, y + (height - LINE * (len(lines) - 1)) / 2 + 4))
        x = float(bar_x)
        for seg in bar.segments:
            if not seg.count:
                continue
            w = round(seg.count * scale, 2)
            parts.append(
                f'<rect class="seg" data-id={quoteattr(seg.id)} data-count="{seg.count}" x="{x:.2f}" '
                f'y="{top:.2f}" width="{w}" height="{ROW}" fill="{seg.colour}" stroke="{OUTLINE}" '
                f'stroke-width="0.6"><title>{escape(seg.label)}: {seg.count}</title></rect>'
            )
            x += w
        parts.append(_label([str(bar.total)], x + 5, top + ROW / 2 + 4, "start"))
        y += height + GAP
    if chart.legend:
        y += 4
        lx = float(bar_x)
        for seg in chart.legend:
            item = 22 + 6.6 * len(seg.label)
            if lx + item > width and lx > bar_x:
                lx, y = float(bar_x), y + 20
            parts.append(
                f'<rect x="{lx:.1f}" y="{y:.1f}" width="12" height="12" fill="{seg.colour}" '
                f'stroke="{OUTLINE}" stroke-width="0.6"/>'
            )
            parts.append(_label([seg.label], lx + 17, y + 10.5, "start"))
            lx += item + 10
        y += 16
    height = round(y + 4)
    ident = escape(chart.id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{ident}-title {ident}-desc" {FONT}>'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.desc)}</desc>' + "".join(parts) + "</svg>"
    )
