"""The paper's SVG charts and colours (`render.charts`): bars measure the data; contrast meets WCAG AA."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from francis_cli.models.vocab import NOT_APPLICABLE, NOT_ASSESSED
from francis_cli.render.charts import contrast, text_on
from francis_cli.render.paper import render
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import status as queries
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
    for name, bars in (
        ("ratings-barnet-ccg", expected_bars),
        ("workplan-merton-ccg", [[n] for n in wp.by_status.values() if n]),
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
        assert longest == pytest.approx({"ratings-barnet-ccg": 380, "workplan-merton-ccg": 220}[name], abs=0.05)


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
