"""The paper's SVG charts and colours (`render.charts`): bars measure the data; contrast meets WCAG AA."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from francis_cli.models.vocab import NOT_APPLICABLE, NOT_ASSESSED
from francis_cli.render.charts import OUTLINE, SEP, chart_svg, contrast, hatch_path, text_on
from francis_cli.render.paper import render
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import overdue as late
from francis_cli.views import status as queries
from francis_cli.views.charts import HATCH, Bar, Chart, Segment
from francis_cli.views.paper import build

from ..conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def test_chart_bars_measure_the_data() -> None:
    corpus = load_tracker(REPO)
    as_of = date(2013, 10, 1)
    html = render(build(corpus, as_of=as_of), "html", root=REPO)
    charts = {svg.get("aria-labelledby", "").split("-title")[0]: svg for svg in svgs(html)}
    assert set(charts) == {"ratings-barnet-ccg", "workplan-merton-ccg"}
    status = {t.organisation: t for t in queries.status(corpus, as_of=as_of).tables}
    ids = [r.id for r in corpus.ratings] + [NOT_APPLICABLE, NOT_ASSESSED]
    expected_bars = [
        [row.values[i] for i in ids if row.values[i]]
        for row in status["barnet-ccg"].rows
        if row.values[queries.TOTAL] != row.values[NOT_ASSESSED]
    ]
    wp = status["merton-ccg"].workplan
    assert wp is not None
    overdue = [a.status for a in late.overdue(corpus, as_of=as_of).overdue if a.organisation == "merton-ccg"]
    split = [[c for c in (overdue.count(s), n - overdue.count(s)) if c] for s, n in wp.by_status.items() if n]
    assert split == [[10, 6], [2, 3]]
    for name, bars in (
        ("ratings-barnet-ccg", expected_bars),
        ("workplan-merton-ccg", split),
    ):
        svg = charts[name]
        assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
        rects = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "seg"]
        rows: dict[str, list[float]] = {}
        for r in rects:
            rows.setdefault(r.get("y", ""), []).append(float(r.get("width", "0")))
        widths = list(rows.values())
        assert [len(w) for w in widths] == [len(b) for b in bars]
        scale = max(sum(w) / sum(b) for w, b in zip(widths, bars, strict=True))
        for w_row, b_row in zip(widths, bars, strict=True):
            for w, n in zip(w_row, b_row, strict=True):
                assert w == pytest.approx(n * scale, abs=0.02)
        longest = max(sum(w) for w in widths)
        assert longest == pytest.approx({"ratings-barnet-ccg": 280, "workplan-merton-ccg": 220}[name], abs=0.05)


def css_pairs(html: str) -> list[tuple[str, str, str]]:
    """(where, text colour, background) for every rule or inline style that sets a text colour."""
    pairs = []
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", style):
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        if fg and "@" not in selector:
            bg = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{6})", body)
            pairs.append((selector.strip(), fg.group(1), bg.group(1) if bg else "#ffffff"))
    for body in re.findall(r'style="([^"]*)"', html):
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        bg = re.search(r"background:\s*(#[0-9a-fA-F]{6})", body)
        if fg and bg:
            pairs.append((body, fg.group(1), bg.group(1)))
    for svg in svgs(html):
        for text in svg.iter(f"{SVG}text"):
            pairs.append(("svg text", text.get("fill", "#000000"), "#ffffff"))
    return pairs


def test_colour_contrast_meets_wcag_aa() -> None:
    html = render(build(load_tracker(REPO), as_of=date(2013, 10, 1)), "html", root=REPO)
    pairs = css_pairs(html)
    assert len(pairs) > 20
    low = [(w, fg, bg, round(contrast(fg, bg), 2)) for w, fg, bg in pairs if contrast(fg, bg) < 4.5]
    assert low == []
    assert contrast("#ffffff", "#ffffff") == 1 and round(contrast("#000000", "#ffffff"), 1) == 21
    assert text_on("#ffb81c") == "#212b32" and text_on("#005eb8") == "#ffffff"


def _bundled_svgs() -> list[ET.Element]:
    return svgs(render(build(load_tracker(REPO), as_of=date(2013, 10, 1)), "html", root=REPO))


def test_charts_fit_a_phone_unscaled() -> None:
    """375 px less the page's margins leaves 345 px: a chart no wider keeps its 12-unit text at 12 px."""
    for svg in _bundled_svgs():
        assert int(svg.get("width", "0")) <= 345
        assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
        assert {t.get("font-size") for t in svg.iter(f"{SVG}text")} == {"12"}


def _stands_out(rect: ET.Element) -> bool:
    """WCAG 1.4.11: a shape has 3:1 against white (its neighbours), or an outline that has 3:1 against both."""
    fill, stroke = rect.get("fill", ""), rect.get("stroke")
    if contrast(fill, "#ffffff") >= 3:
        return True
    return stroke is not None and min(contrast(stroke, fill), contrast(stroke, "#ffffff")) >= 3


def test_every_segment_stands_out_from_its_neighbours() -> None:
    rects = [r for svg in _bundled_svgs() for r in svg.iter(f"{SVG}rect")]
    assert len(rects) > 10 and all(_stands_out(r) for r in rects), [r.attrib for r in rects if not _stands_out(r)]
    assert OUTLINE in {r.get("stroke") for r in rects}  # the light colours (amber, not assessed) are outlined
    for svg in _bundled_svgs():
        rows: dict[str, list[ET.Element]] = {}
        for r in (r for r in svg.iter(f"{SVG}rect") if r.get("class") == "seg"):
            rows.setdefault(r.get("y", ""), []).append(r)
        for row in rows.values():
            for a, b in itertools.pairwise(row):
                gap = float(b.get("x", "0")) - float(a.get("x", "0")) - float(a.get("width", "0"))
                assert gap == pytest.approx(SEP), "neighbouring segments meet only across white"


def test_overdue_is_hatched_first_and_counted_in_the_legend() -> None:
    svg = next(s for s in _bundled_svgs() if "workplan" in s.get("aria-labelledby", ""))
    rects = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "seg"]
    assert [(r.get("data-id"), r.get("data-count")) for r in rects] == [
        ("overdue", "10"),
        ("not-overdue", "6"),
        ("overdue", "2"),
        ("not-overdue", "3"),
    ]
    hatches = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "hatch"]
    assert len(hatches) == 3  # each overdue segment and the legend's swatch
    assert {p.get("stroke") for p in hatches} == {"#ffffff"}
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert "Overdue (12)" in texts and "Not overdue (9)" in texts
    overdue_fill, other_fill = rects[0].get("fill", ""), rects[1].get("fill", "")
    assert overdue_fill != other_fill and contrast(overdue_fill, "#ffffff") >= 3


def _points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+) (-?[\d.]+)", d)]


def test_hatching_stays_inside_its_rectangle() -> None:
    """Drawn as plain lines clipped by arithmetic: no clip path or pattern for anything to refer to by URL."""
    for x, y, w, h in ((0, 0, 12, 12), (10.5, 4, 150.25, 18), (3, 3, 2.5, 18), (0, 0, 0.5, 0.5)):
        d = hatch_path(x, y, w, h)
        points = _points(d)
        assert len(points) == 2 * d.count("M")
        assert all(x - 0.01 <= px <= x + w + 0.01 and y - 0.01 <= py <= y + h + 0.01 for px, py in points)
        for (x0, y0), (x1, y1) in zip(points[::2], points[1::2], strict=True):
            assert x1 > x0 and (x1 - x0) == pytest.approx(y0 - y1, abs=0.02)  # 45 degrees, bottom left to top right
    assert hatch_path(0, 0, 100, 18).count("M") >= 20
    segment = Segment("x", "Hatched", "#d5281b", 3, HATCH)
    svg = chart_svg(Chart("c", "T", "D", [Bar("One", [segment])], [segment]))
    assert svg.count('class="hatch"') == 2 and "url(" not in svg and "<defs" not in svg
