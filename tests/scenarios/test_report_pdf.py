"""The printed paper read back from the PDF: tagged (PDF/UA-1) for a screen reader, with its language,
title, author and bookmarks, and laid out without waste — fewer pages than the 18 it took before,
no heading left at a page's foot, and no page more than half empty but the last of a section.

Poppler's pdfinfo and pdftotext read what a reader's tools read; pypdf walks the structure tree.
Each test skips, saying why, where WeasyPrint or poppler is missing (CI installs both).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdf
import pytest

from ..conftest import REPO, RunCli, Tracker
from .test_report_browser import AS_OF, needs_poppler, needs_weasyprint

pytestmark = [needs_weasyprint, needs_poppler]

MAX_PAGES = 18
"""The bundled paper as at 2013-10-01; 18 before it was laid out for print (10 of them for Appendix A),
16 after, 17 since its tables gained a row per unthemed number range, the themes' sources and the
note on illustrative ratings, 18 since it gained its sections on decisions and on assurance."""
NEW_PAGE_SECTIONS = ("1. Executive summary", "Appendix A:", "Appendix B:")
"""The sections that start on a new page (the cover sheet's page is the one before the first)."""
MM = 72 / 25.4
TOP, BOTTOM = 16 * MM, 18 * MM
"""The page margins of report.css's ``@page``: the footer is printed in the bottom one."""


@pytest.fixture(scope="module")
def bundled_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from francis_cli.cli import app

    out = tmp_path_factory.mktemp("pdf") / "paper.pdf"
    result = CliRunner().invoke(app, ["--root", str(REPO), "report", "--as-of", AS_OF, "-f", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def _struct_texts(pdf: Path, tag: str) -> list[str]:
    """The text under each element of one tag, from ``pdfinfo -struct-text``'s indented tree."""
    found, current = [], None
    for line in _run("pdfinfo", "-struct-text", str(pdf)).splitlines():
        depth = len(line) - len(line.lstrip())
        if current is not None and depth <= current[0]:
            found.append(" ".join(" ".join(current[1]).split()))
            current = None
        if current is None and re.match(rf"{tag}\b", line.strip()):
            current = (depth, [])
        elif current is not None and line.strip().startswith('"'):
            current[1].append(line.strip().strip('"'))
    return found + ([" ".join(" ".join(current[1]).split())] if current else [])


def _elements(node: Any) -> Iterator[Any]:
    """Every element of the structure tree, depth first."""
    node = node.get_object()
    if isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            yield node
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, list) else [kids]:
            yield from _elements(kid)


def _outline(reader: pypdf.PdfReader, items: list[Any], level: int = 1) -> Iterator[tuple[int, str, int]]:
    for item in items:
        if isinstance(item, list):
            yield from _outline(reader, item, level + 1)
        else:
            yield level, item.title, reader.get_destination_page_number(item) + 1


def _pages(pdf: Path) -> list[tuple[float, str, str]]:
    """Each page: how far down its text reaches (0 top of the printed area, 1 its foot), its first and last lines."""
    out = []
    boxes = re.findall(
        r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', _run("pdftotext", "-bbox", str(pdf), "-"), re.S
    )
    for number, (height, body) in enumerate(boxes, 1):
        h = float(height)
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', body) if float(y) < h - BOTTOM]
        text = _run("pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-")
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        lines = [line for line in lines if not re.search(r"Page \d+ of \d+$", line)]
        out.append(((max(bottoms) - TOP) / (h - TOP - BOTTOM), lines[0], lines[-1]))
    return out


class _Headings(HTMLParser):
    """The text of every heading and table caption of the paper's HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "caption"):
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "caption") and self._open is not None:
            self.texts.append(" ".join("".join(self._open).split()))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def test_pdf_is_tagged_pdf_ua_with_language_title_and_author(bundled_pdf: Path) -> None:
    info = _run("pdfinfo", str(bundled_pdf))
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Response to the Francis Report: progress against the recommendations$", info, re.M)
    assert re.search(
        r"^Author:\s+NHS Barnet Clinical Commissioning Group; NHS Merton Clinical Commissioning Group$", info, re.M
    )
    assert 'pdfuaid:part="1"' in _run("pdfinfo", "-meta", str(bundled_pdf))
    reader = pypdf.PdfReader(bundled_pdf)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"].value is True  # a tagged PDF, said the way readers look for it
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def test_author_is_the_cover_sheets(paper: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "paper.pdf"
    assert run_cli("report", "--as-of", "2024-06-10", "-f", "pdf", "-o", str(out), root=paper.root).exit_code == 0
    meta = pypdf.PdfReader(out).metadata
    assert meta is not None and (meta.author, meta.title) == (
        "Head of Quality Governance",
        "Progress against the recommendations of the A test recommendation set",
    )


def test_structure_tree_has_headings_table_headers_and_charts_with_their_alternative(bundled_pdf: Path) -> None:
    from francis_cli.tracker.corpus import load_tracker
    from francis_cli.views.paper import build

    tags = [
        (str(e["/S"]), e.get("/Alt"))
        for e in _elements(pypdf.PdfReader(bundled_pdf).trailer["/Root"]["/StructTreeRoot"])
    ]
    kinds = {s for s, _ in tags}
    assert {"/Document", "/H1", "/H2", "/H3", "/Table", "/THead", "/TR", "/TH", "/TD", "/Caption", "/L", "/LI"} <= kinds
    view = build(load_tracker(REPO), as_of=date.fromisoformat(AS_OF))
    descs = [c.desc for o in view.organisations for c in (o.ratings_chart, o.workplan_chart) if c is not None]
    assert [alt for s, alt in tags if s == "/Figure"] == descs
    headers = _struct_texts(bundled_pdf, "TH")
    for name in ("No.", "Recommendation", "Current position", "Rating", "ID", "Desired outcome", "Abbreviation"):
        assert name in headers, name
    assert "123" in headers and "DoQ" in headers  # row headers too
    assert any(re.fullmatch(r"1[234]\d \(continued\)", h) for h in headers)
    h2 = _struct_texts(bundled_pdf, "H2")
    assert h2[0] == "1. Executive summary" and h2[-1] == "Appendix B: Workplan"


def test_bookmarks_follow_the_headings(bundled_pdf: Path) -> None:
    reader = pypdf.PdfReader(bundled_pdf)
    marks = list(_outline(reader, reader.outline))
    assert marks[0] == (1, "Response to the Francis Report: progress against the recommendations", 1)
    second = [title for level, title, _ in marks if level == 2]
    assert second[0] == "1. Executive summary" and second[-2:] == [
        "Appendix A: Current position against the recommendations",
        "Appendix B: Workplan",
    ]
    assert (3, "NHS Barnet Clinical Commissioning Group: current position against the recommendations") in [
        (level, title) for level, title, _ in marks
    ]
    pages = [page for _, _, page in marks]
    assert pages == sorted(pages) and pages[-1] > pages[0]


def test_bundled_paper_pages_are_fewer_and_none_wasted(bundled_pdf: Path) -> None:
    from francis_cli.render.paper import render
    from francis_cli.tracker.corpus import load_tracker
    from francis_cli.views.paper import build

    pages = _pages(bundled_pdf)
    assert len(pages) <= MAX_PAGES
    starts = [i for i, (_, first, _) in enumerate(pages) if first.startswith(NEW_PAGE_SECTIONS)]
    assert [pages[i][1].split(":")[0] for i in starts] == ["1. Executive summary", "Appendix A", "Appendix B"]
    ends = {i - 1 for i in starts} | {len(pages) - 1}
    half_empty = [n + 1 for n, (fill, _, _) in enumerate(pages) if fill < 0.5 and n not in ends]
    assert half_empty == [], [round(fill, 2) for fill, _, _ in pages]
    parser = _Headings()
    parser.feed(render(build(load_tracker(REPO), as_of=date.fromisoformat(AS_OF)), "pdf", root=REPO))
    assert len(parser.texts) > 10
    feet = [
        (n + 1, last)
        for n, (_, _, last) in enumerate(pages)
        for heading in parser.texts
        if last == heading or (len(last.split()) >= 3 and heading.endswith(last))
    ]
    assert feet == []
