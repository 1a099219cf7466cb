"""``francis catalogue extract`` on PDFs made here with WeasyPrint, shaped as reports are: a chapter's
list in two columns under running headers and footers, with footnotes, hyphenation and items that
cross pages; an executive-summary table; the bundled Francis catalogue printed and read back; and
generated layouts. Each skips, saying why, where WeasyPrint or poppler is missing (CI installs both).

Texts are compared as the catalogue stores them once whitespace is normalised: each line of a text
stripped and its runs of spaces made one, blank lines dropped (``_normal``).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from francis_cli.tracker.extract import Extraction, extract
from francis_cli.tracker.report_text import read_report
from francis_cli.yamlio.read import parse

from ..conftest import REPO, RunCli
from .test_report_browser import needs_poppler, needs_weasyprint

pytestmark = [needs_weasyprint, needs_poppler]

CSS = """
@page { size: A5; margin: 20mm 16mm;
  @top-center { content: "Report of the Public Inquiry"; font-size: 8pt }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt } }
body { font: 10pt/1.35 serif; hyphens: auto; text-align: justify }
h1 { font-size: 18pt } h3 { font-size: 12pt; margin: 10pt 0 4pt }
p { margin: 0 0 6pt } li { margin: 0 } .page { break-before: page }
.cols { columns: 2; column-gap: 8mm } .fn { float: footnote; font-size: 7pt }
td, th { vertical-align: top; padding: 3pt; text-align: left }
"""

WORDS = [
    "the",
    "trust",
    "board",
    "should",
    "publish",
    "its",
    "response",
    "to",
    "each",
    "recommendation",
    "and",
    "report",
    "progress",
    "every",
    "quarter",
    "to",
    "commissioners",
    "regulators",
    "patients",
    "families",
    "staff",
    "governors",
    "accountability",
    "candour",
]


def _pdf(tmp_path: Path, body: str, name: str = "report.pdf") -> Path:
    import weasyprint

    out = tmp_path / name
    page = f"<html lang=en><head><meta charset=utf-8><style>{CSS}</style></head><body>{body}</body></html>"
    weasyprint.HTML(string=page).write_pdf(out)
    return out


def _read(path: Path) -> Extraction:
    return extract(read_report(path), path.name)


def _normal(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _sentence(seed: int, count: int) -> str:
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(count)]
    return " ".join(words).capitalize() + "."


CHAPTER = {
    "1": "All trusts should publish their response to this report within six months.",
    "2": "It is recommended that:\n• every board receives a quarterly report;\n• commissioners review it;\n"
    "• the regulator is told of any delay.",
    "3": _sentence(3, 120),
    "4": "Internationalisation of accountability arrangements should be considered by the Department.",
    "5": "The regulator should inspect every trust.",
}


def _chapter_html() -> str:
    items = []
    for number, text in CHAPTER.items():
        lines = [html.escape(line) for line in text.split("\n")]
        mark = '<span class="fn">See the evidence of the trust.</span>' if number == "1" else ""
        first = f"<p><b>Recommendation {number}</b> {lines[0]}{mark}</p>"
        items.append(first + "".join(f"<p>{line}</p>" for line in lines[1:]))
    intro = "<h1>Chapter 9</h1><p>The Inquiry makes these recommendations.</p>"
    return intro + f'<div class="cols">{"".join(items[:4])}</div><div class="page">{items[4]}</div>'


def test_a_chapter_list_in_two_columns_with_footnotes_headers_and_a_long_item(tmp_path: Path) -> None:
    found = _read(_pdf(tmp_path, _chapter_html()))
    assert {f.number: f.text for f in found.found} == CHAPTER
    assert found.found[0].page == 1
    assert found.found[-1].page == max(f.page or 0 for f in found.found) > 1
    assert found.found[0].footnotes == ["1: See the evidence of the trust."]
    assert [p.code for p in found.problems] == ["extract-unattached"]  # the chapter's opening sentence
    assert "The Inquiry makes these recommendations." in found.problems[0].message
    assert found.problems[0].line == 1


def test_an_executive_summary_table(tmp_path: Path) -> None:
    texts = {str(n): _sentence(n, 25 + 4 * n) for n in range(1, 11)}
    rows = "".join(f"<tr><td>{n}</td><td>{t}</td></tr>" for n, t in texts.items())
    head = "<thead><tr><th>No.</th><th>Recommendation</th></tr></thead>"
    found = _read(_pdf(tmp_path, f"<h1>Executive summary</h1><table>{head}{rows}</table>"))
    assert {f.number: f.text for f in found.found} == texts
    assert found.found[0].page == 1 and found.found[-1].page == max(f.page or 0 for f in found.found) > 1
    # the header row repeated on later pages is furniture; on the first it is text of no recommendation
    assert [p.format() for p in found.problems] == [
        "report.pdf:1:1: error extract-unattached text not attached to a recommendation (1 line): "
        "'No. Recommendation ...'"
    ]


def test_sub_items_become_sub_recommendations_and_a_bad_one_is_reported(run_cli: RunCli, tmp_path: Path) -> None:
    body = (
        "<p>1. Trusts must:</p><p>1(a) publish;</p><p>1(b) report.</p><p>2. Boards must act.</p>"
        "<p>2(abc) Nothing holds this one.</p>"
    )
    pdf = _pdf(tmp_path, body)
    result = run_cli("catalogue", "extract", str(pdf), "--set", "sub-test", "-o", str(tmp_path / "sub.yaml"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{pdf}:1:1: error extract-unplaced could not place 2(abc): '2(abc)' is not a recommendation number: "
        "a part in brackets is one letter, as in 2(a)"
    )
    data = parse((tmp_path / "sub.yaml").read_text(encoding="utf-8")).data
    assert [(r["number"], r["text"]) for r in data["recommendations"]] == [
        (1, "Trusts must:"),
        ("1(a)", "publish;"),
        ("1(b)", "report."),
        (2, "Boards must act."),
    ]
    assert data["recommendations"][0]["source"] == "report.pdf#page=1"


def _catalogue_html(recommendations: list[dict[str, object]]) -> str:
    parts = []
    for rec in recommendations:
        lines = _normal(str(rec["text"])).split("\n")
        parts.append(f"<h3>Recommendation {rec['number']}</h3>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines))
    return "<h1>Table of recommendations</h1>" + "".join(parts)


def test_the_bundled_catalogue_printed_and_read_back_is_the_same(tmp_path: Path) -> None:
    data = parse((REPO / "data/recommendations/francis-2013.yaml").read_text(encoding="utf-8")).data
    texted = [r for r in data["recommendations"] if r.get("text")]
    found = _read(_pdf(tmp_path, _catalogue_html(texted)))
    got = {f.number: f.text for f in found.found}
    assert got == {str(r["number"]): _normal(r["text"]) for r in texted}
    numbers = sorted(int(n) for n in got)
    gaps = [n for n in range(numbers[0], numbers[-1]) if n not in numbers]
    assert {p.code for p in found.problems} <= {"extract-missing"} and gaps
    assert all(p.code == "extract-missing" for p in found.problems)


@st.composite
def _layouts(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    count = draw(st.integers(2, 6))
    texts = {}
    for n in range(1, count + 1):
        paragraphs = [_sentence(draw(st.integers(0, 50)), draw(st.integers(3, 60)))]
        paragraphs += [
            f"• {_sentence(draw(st.integers(0, 50)), draw(st.integers(2, 12)))}" for _ in range(draw(st.integers(0, 2)))
        ]
        texts[str(n)] = "\n".join(paragraphs)
    form = draw(st.sampled_from(["Recommendation {}", "R{}", "{}."]))
    items = "".join(
        f"<p>{form.format(n)} {t.split(chr(10))[0]}</p>" + "".join(f"<p>{x}</p>" for x in t.split("\n")[1:])
        for n, t in texts.items()
    )
    body = f'<div class="cols">{items}</div>' if draw(st.booleans()) else items
    return texts, body


@settings(max_examples=6, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layout=_layouts())
def test_generated_layouts_read_back(tmp_path: Path, layout: tuple[dict[str, str], str]) -> None:
    texts, body = layout
    found = _read(_pdf(tmp_path, body))
    assert {f.number: f.text for f in found.found} == texts
    assert found.problems == []


def test_the_command_writes_a_catalogue_and_refuses_to_replace_it(run_cli: RunCli, tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, _chapter_html())
    out = tmp_path / "kirkup-2022.yaml"
    args = [
        "catalogue",
        "extract",
        str(pdf),
        "--set",
        "kirkup-2022",
        "--source",
        "https://example.org/r.pdf",
        "-o",
        str(out),
    ]
    first = run_cli(*args)
    assert first.exit_code == 1  # the chapter's opening sentence belongs to no recommendation
    data = parse(out.read_text(encoding="utf-8")).data
    assert data["set"] == "kirkup-2022" and data["source"] == "https://example.org/r.pdf"
    assert [r["number"] for r in data["recommendations"]] == [1, 2, 3, 4, 5]
    assert data["recommendations"][0]["source"] == "https://example.org/r.pdf#page=1"
    assert "# - 1, 1: See the evidence of the trust." in out.read_text(encoding="utf-8")
    again = run_cli(*args)
    assert (again.exit_code, again.stderr) == (
        2,
        f"francis: {out} already exists: nothing written (--force replaces it)\n",
    )
    assert run_cli(*args, "--force").exit_code == 1


def test_a_missing_pdftotext_is_one_line_naming_what_to_install(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = _pdf(tmp_path, "<p>1. One.</p>")
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    result = run_cli("catalogue", "extract", str(pdf), "--set", "x")
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: pdftotext (poppler) is needed to read a PDF: install poppler-utils (apt-get install poppler-utils)\n",
    )


def test_a_text_report_to_standard_output(run_cli: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Recommendation 1\nTrusts must act.\n\nRecommendation 2\nBoards must report.\n", encoding="utf-8")
    result = run_cli("catalogue", "extract", str(report), "--set", "txt-set", "--title", "A report")
    assert result.exit_code == 0, result.stderr
    data = parse(result.stdout).data
    assert data["title"] == "A report"
    assert [(r["number"], r["text"], r["source"]) for r in data["recommendations"]] == [
        (1, "Trusts must act.", "report.txt"),
        (2, "Boards must report.", "report.txt"),
    ]
    assert result.stderr == "2 recommendations found, 0 not placed; written to standard output\n"
