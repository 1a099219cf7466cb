"""The paper as printed (`render.pdf`, and the rows `views.appendices` prints): what the HTML given to
WeasyPrint holds that the screen version does not — a long recommendation in "(continued)" rows,
charts as images with their whole text alternative — and the metadata the PDF takes from ``<head>``.
The PDF itself is read back in tests/scenarios/test_report_pdf.py."""

from __future__ import annotations

import base64
import functools
import re
from datetime import date
from html.parser import HTMLParser

from francis_cli.render.paper import render
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.appendices import PIECE_LINES, POSITION_CHARS, TEXT_CHARS, AssessedItem, _lines, paragraphs
from francis_cli.views.paper import build

from ..conftest import REPO, Tracker
from ..papers import AS_OF

SENTENCE = "The commissioner reviews every contract against the fundamental standards each quarter."


def _item(text: str, position: str, evidence: list[str] | None = None) -> AssessedItem:
    return AssessedItem(7, "Contracts", text, position, None, True, None, evidence or [])


def test_a_short_recommendation_is_one_row_on_paper_too() -> None:
    item = _item("Commissioners must monitor contracts.", "In place.\n\nReviewed quarterly.")
    (row,) = item.rows(True)
    assert (row.text, row.position, row.first, row.last) == (
        ["Commissioners must monitor contracts."],
        ["In place.", "Reviewed quarterly."],
        True,
        True,
    )
    assert item.rows(False) == item.rows(True)


def test_a_long_recommendation_is_printed_in_pieces_that_keep_every_word() -> None:
    text = "\n\n".join([" ".join([SENTENCE] * 4)] * 3)
    position = " ".join([SENTENCE] * 30)  # one paragraph far longer than a piece: cut between sentences
    item = _item(text, position, ["Board minutes"])
    (screen,) = item.rows(False)
    assert (screen.text, screen.position) == (paragraphs(text), [position])
    rows = item.rows(True)
    assert len(rows) >= 3
    assert [(r.first, r.last) for r in rows] == [(i == 0, i == len(rows) - 1) for i in range(len(rows))]
    assert " ".join(p for r in rows for p in r.text) == " ".join(paragraphs(text))
    assert " ".join(p for r in rows for p in r.position) == position
    assert all(p.endswith(".") for r in rows for p in r.position)  # cut only where a sentence ends
    assert all(_lines(r.text, TEXT_CHARS) <= PIECE_LINES for r in rows)
    assert all(_lines(r.position, POSITION_CHARS) <= PIECE_LINES for r in rows)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@functools.cache
def _bundled(fmt: str) -> str:
    view = build(load_tracker(REPO), as_of=date(2013, 10, 1))
    return render(view, fmt, root=REPO)


def test_printed_paper_splits_long_rows_and_the_screen_paper_does_not() -> None:
    printed, screen = _bundled("pdf"), _bundled("html")
    continued = re.findall(r'<tr class="continued">\n<th scope="row" class="num">(\d+) <span class="more">', printed)
    assert continued and len(continued) < 22  # some rows, not every one
    assert set(continued) <= {str(n) for n in range(123, 145)}
    for n in set(continued):  # a continuation follows its own recommendation's first row
        assert printed.index(f'id="rec-barnet-ccg-{n}"') < printed.index(f'class="num">{n} <span class="more">')
    assert "(continued)" not in screen and 'class="continued"' not in screen
    assert len(re.findall(r'<tr id="rec-barnet-ccg-\d+">', screen)) == 22


def test_printed_charts_are_images_whose_alt_is_the_whole_text_alternative() -> None:
    view = build(load_tracker(REPO), as_of=date(2013, 10, 1))
    charts = [c for o in view.organisations for c in (o.ratings_chart, o.workplan_chart) if c is not None]
    parser = _Tags()
    parser.feed(render(view, "pdf", root=REPO))
    images = [a for t, a in parser.tags if t == "img"]
    assert [a["alt"] for a in images] == [c.desc for c in charts]
    for attrs, chart in zip(images, charts, strict=True):
        src = attrs["src"] or ""
        assert src.startswith("data:image/svg+xml;base64,")
        svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
        assert svg.startswith("<svg") and f'<desc id="{chart.id}-desc">' in svg
    assert "<img" not in render(view, "html", root=REPO)


def test_head_gives_the_pdf_its_title_author_and_language(paper: Tracker) -> None:
    html = render(build(load_tracker(paper.root), as_of=date.fromisoformat(AS_OF)), "pdf", root=paper.root)
    parser = _Tags()
    parser.feed(html[: html.index("</head>")])
    meta = {a["name"]: a["content"] for t, a in parser.tags if t == "meta" and "name" in a}
    assert ("html", {"lang": "en-GB"}) in parser.tags
    assert meta["author"] == "Head of Quality Governance"
    assert meta["description"] and meta["description"] in " ".join(html.split())
    assert "board paper" in (meta["keywords"] or "")
    assert re.search(r"<title>[^<]+</title>", html)


def test_without_an_author_the_organisations_are_the_author() -> None:
    html = _bundled("html")
    assert (
        '<meta name="author" content="NHS Barnet Clinical Commissioning Group; '
        'NHS Merton Clinical Commissioning Group">' in html
    )


def test_glossary_of_leads_is_a_two_column_table() -> None:
    html, md = _bundled("html"), _bundled("markdown")
    table = html[html.index('<table class="data glossary">') :]
    table = table[: table.index("</table>")]
    assert '<th scope="col">Abbreviation</th><th scope="col">Title</th>' in table
    assert '<tr><th scope="row">DoQ</th><td>Director of Quality</td></tr>' in table
    assert len(re.findall(r"<tr><th scope=\"row\">", table)) == 10
    assert "| Abbreviation | Title |\n|---|---|\n| DoQ | Director of Quality |\n" in md
    assert "Leads: DoQ" not in md and "<strong>Leads:</strong>" not in html
