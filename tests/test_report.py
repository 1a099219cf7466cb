"""francis report: golden papers, every number against queries, escaping, template errors and the sandbox."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from francis_cli.models.vocab import NOT_APPLICABLE, NOT_ASSESSED
from francis_cli.render.charts import contrast, text_on
from francis_cli.render.paper import render
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views import overdue as queries_overdue
from francis_cli.views import status as queries
from francis_cli.views.paper import build

from .conftest import REPO, RunCli, Tracker

AS_OF = "2024-06-10"
SVG = "{http://www.w3.org/2000/svg}"

REPORT_CONFIG = """\
default_set: test-set
report:
  meeting: Trust Board (public session)
  date: 2024-06-27
  report_of: Chief Nurse
  author: Head of Quality Governance
  contact: quality@example.nhs.uk
  purpose: assurance
  period: April to June 2024
  recommendation: >
    The Board is asked to note the position and take assurance from the workplan.
"""

WORKPLAN = """\
organisation: org-a
title: Francis workplan 2024/25
agreed: 2024-01-15
sections:
  - id: "1"
    title: Strategy
    actions:
      - id: "1.1"
        title: Write the strategy
        lead: DoQ
        outcome: An agreed strategy
        due: 2024-03
        timeline: March 24
        status: in-progress
        progress:
          - {date: 2024-02-01, note: First draft shared., by: DoQ}
          - {date: 2024-05-20, note: Second draft to the executive.}
      - id: "1.2"
        title: Agree the budget
        lead: [DoQ, CFO]
        due: 2024-Q2
      - id: "1.3"
        title: Publish the response
        lead: CFO
        due: 2024-02
        status: done
        completed: 2024-02-20
"""

ASSESSMENT = """\
organisation: org-a
assessed: 2024-01-15
assessments:
  - recommendation: 1
    rating: amber
    position: Partly in place.
    evidence: [Board minutes]
  - recommendation: 2
    rating: green
    position: In place.
  - recommendation: 3
    applicable: false
    reason: A national matter.
"""

INJECTION = (
    '<script>alert("x")</script> a | b {{ 7*7 }} {% if true %}x{% endif %} '
    "[link](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** `code`\n\nsecond | line"
)


@pytest.fixture
def paper(tracker: Tracker) -> Tracker:
    tracker.write("francis.yaml", REPORT_CONFIG)
    tracker.write("data/workplan/org-a.yaml", WORKPLAN)
    tracker.write("data/assessments/org-a.yaml", ASSESSMENT)
    return tracker


def injected(tracker: Tracker) -> Tracker:
    import json

    text = ASSESSMENT.replace("position: Partly in place.", f"position: {json.dumps(INJECTION)}")
    tracker.write("data/assessments/org-a.yaml", text)
    tracker.write("data/workplan/org-a.yaml", WORKPLAN.replace("title: Agree the budget",
                                                              f"title: {json.dumps(INJECTION)}"))  # fmt: skip
    return tracker


def test_markdown_golden(paper: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--as-of", AS_OF, root=paper.root)
    assert result.exit_code == 0, result.stderr
    golden("report-fixture.md", result.stdout)


def test_html_golden(paper: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--as-of", AS_OF, "--format", "html", root=paper.root)
    assert result.exit_code == 0, result.stderr
    golden("report-fixture.html", result.stdout)


@pytest.mark.parametrize("fmt,ext", [("markdown", "md"), ("html", "html")])
def test_bundled_golden(run_cli: RunCli, golden, fmt: str, ext: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--as-of", "2013-10-01", "--format", fmt, root=REPO)
    assert result.exit_code == 0, result.stderr
    golden(f"report-bundled.{ext}", result.stdout)


def test_fixture_figures(paper: Tracker) -> None:
    view = build(load_tracker(paper.root), as_of=date.fromisoformat(AS_OF))
    a, b = view.organisations
    assert (a.summary.recommendations, a.summary.assessed, a.summary.rated, a.summary.not_applicable,
            a.summary.not_assessed) == (3, 3, 2, 1, 0)  # fmt: skip
    assert {c.rating.id: c.count for c in a.summary.ratings} == {"red": 0, "amber": 1, "green": 1, "blue": 0}
    wp = a.summary.workplan
    assert (wp.actions, wp.by_status["done"], wp.by_status["in-progress"], wp.overdue, wp.due_soon) == (3, 1, 1, 1, 1)
    assert [(x.id, x.days) for x in a.overdue] == [("1.1", 71)]
    assert [(x.id, x.days) for x in a.due_soon] == [("1.2", -20)]
    assert [[i.number for i in g.items] for g in a.appendix_a] == [[1, 2], [3]]
    row = a.appendix_b[0].actions[0]
    assert (row.due, row.overdue) == ("March 2024", True)
    assert row.latest is not None and row.latest.note == "Second draft to the executive."
    assert (b.summary.assessed, b.summary.workplan.actions, b.appendix_a, b.appendix_b) == (0, 0, [], [])
    c = view.cover
    assert (c.meeting, c.date, c.purpose_label, c.period) == ("Trust Board (public session)", date(2024, 6, 27),
                                                                "For assurance", "April to June 2024")  # fmt: skip
    assert view.movement is None


def test_bundled_figures_match_queries() -> None:
    corpus = load_tracker(REPO)
    as_of = date(2013, 10, 1)
    view = build(corpus, as_of=as_of)
    status = queries.status(corpus, as_of=as_of)
    late = queries_overdue.overdue(corpus, as_of=as_of, within=30)
    for org, table in zip(view.organisations, status.tables, strict=True):
        assert table.total is not None
        total = table.total.values
        assert org.summary.not_assessed == total[NOT_ASSESSED]
        assert org.summary.rated == sum(total[r.id] for r in corpus.ratings)
        assert org.summary.workplan == table.workplan
        assert [x.id for x in org.overdue] == [x.id for x in late.overdue if x.organisation == org.id]
        assessed = sorted(a.model.recommendation for a in corpus.assessments if a.organisation == org.id)
        assert sorted(i.number for g in org.appendix_a for i in g.items) == assessed
        assert sum(len(s.actions) for s in org.appendix_b) == sum(a.organisation == org.id for a in corpus.actions)
    barnet, merton = view.organisations
    assert (barnet.summary.assessed, merton.summary.workplan.actions, merton.summary.workplan.overdue) == (22, 21, 15)


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
    expected_bars = [[row.values[i] for i in ids if row.values[i]] for row in status["barnet-ccg"].rows
                     if row.values[queries.TOTAL] != row.values[NOT_ASSESSED]]  # fmt: skip
    wp = status["merton-ccg"].workplan
    assert wp is not None
    for name, bars in (("ratings-barnet-ccg", expected_bars), ("workplan-merton-ccg",
                                                               [[n] for n in wp.by_status.values() if n])):  # fmt: skip
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


def test_chart_text_alternative_names_every_number() -> None:
    view = build(load_tracker(REPO), as_of=date(2013, 10, 1))
    chart = view.organisations[0].ratings_chart
    assert chart is not None
    assert chart.desc == ("Ratings by theme, NHS Barnet Clinical Commissioning Group. Commissioning for standards: "
                          "2 red, 14 amber, 5 green, 1 not applicable. 5 other themes with no recommendation "
                          "assessed yet.")  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_injection_is_inert_in_html(paper: Tracker, run_cli: RunCli) -> None:
    result = run_cli("report", "--as-of", AS_OF, "--format", "html", root=injected(paper).root)
    assert result.exit_code == 0, result.stderr
    parser = _Text()
    parser.feed(result.stdout)
    assert not [t for t, _ in parser.tags if t in ("script", "img", "a", "iframe")]
    assert not [a for _, a in parser.tags if any(k.startswith("on") for k in a)]
    text = "".join(parser.text)
    assert '<script>alert("x")</script> a | b {{ 7*7 }} {% if true %}x{% endif %}' in text
    assert "[link](javascript:alert(1))" in text and "49" not in text


def test_injection_is_inert_in_markdown(paper: Tracker, run_cli: RunCli) -> None:
    from markdown_it import MarkdownIt

    result = run_cli("report", "--as-of", AS_OF, root=injected(paper).root)
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    cells = 0
    for line in md.splitlines():
        if not line.startswith("|"):
            cells = 0
            continue
        pipes = len(re.findall(r"(?<!\\)\|", line))
        cells = cells or pipes
        assert pipes == cells, line
    assert md.count('\\<script\\>alert("x")\\</script\\> a \\| b {{ 7\\*7 }}') == 3
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.split("href=")[-1][:20]
    assert not re.search(r'<a href="javascript', html)
    assert "&lt;script&gt;" in html and "{{ 7*7 }}" in html


def test_template_override_and_errors(paper: Tracker, run_cli: RunCli) -> None:
    paper.write("templates/partials/cover.md.j2", "# {{ report.cover.title | md }} (local cover)\n")
    result = run_cli("report", "--as-of", AS_OF, root=paper.root)
    assert result.stdout.startswith("# Progress against the recommendations of the A test recommendation set "
                                    "(local cover)\n")  # fmt: skip
    assert "## Appendix A" in result.stdout
    paper.write("templates/typo.md.j2", "line one\n{{ report.cover.titel }}\n")
    result = run_cli("report", "--template", "typo.md.j2", root=paper.root)
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: template typo.md.j2 line 2: 'francis_cli.views.paper.Cover object' has no attribute 'titel'\n",
    )
    paper.write("templates/evil.html.j2", "<p>\n{{ ''.__class__.__mro__[1].__subclasses__() }}</p>\n")
    result = run_cli("report", "--format", "html", "--template", "evil.html.j2", root=paper.root)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("francis: template evil.html.j2 line 2: not allowed in a template: ")
    assert "__class__" in result.stderr and result.stderr.count("\n") == 1
    paper.write("templates/broken.md.j2", "{% for x in %}\n")
    result = run_cli("report", "--template", "broken.md.j2", root=paper.root)
    assert result.exit_code == 2 and result.stderr.startswith("francis: template broken.md.j2 line 1: ")


@pytest.mark.parametrize("args,message", [
    (["--template", "../secret.md.j2"], "--template: '../secret.md.j2' must be a file name inside the templates/ "
                                        "folder"),
    (["--template", "report.html.j2"], "--template: a markdown template's name ends with .md.j2 "
                                       "(got 'report.html.j2')"),
    (["--template", "nope.md.j2"], "template 'nope.md.j2' not found in templates/ or in francis's defaults"),
    (["--date", "27/06/2024"], "--date: '27/06/2024' is not a date written YYYY-MM-DD"),
    (["--org", "org-c"], "no organisation 'org-c' (did you mean 'org-b', 'org-a'?)"),
])  # fmt: skip
def test_usage_errors(paper: Tracker, run_cli: RunCli, args: list[str], message: str) -> None:
    result = run_cli("report", *args, root=paper.root)
    assert (result.exit_code, result.stderr) == (2, f"francis: {message}\n")


def test_options_override_cover_and_output_is_atomic(paper: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "out" / "paper.md"
    result = run_cli("report", "--org", "org-a", "--as-of", AS_OF, "--meeting", "Board | part 1", "--date",
                     "2024-07-04", "--title", "Francis: annual report", "-o", str(out), root=paper.root)  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert "| Meeting | Board \\| part 1 |\n| Date | 4 July 2024 |\n| Title | Francis: annual report |\n" in text
    assert "Organisation B" not in text
    before = out.stat().st_mtime_ns
    run_cli("report", "--org", "org-a", "--as-of", AS_OF, "--meeting", "Board | part 1", "--date", "2024-07-04",
            "--title", "Francis: annual report", "-o", str(out), root=paper.root)  # fmt: skip
    assert out.stat().st_mtime_ns == before
    assert [p.name for p in out.parent.iterdir()] == ["paper.md"]


def test_pdf_without_weasyprint_says_how(paper: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:  # fmt: skip
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if not installed: import raises ImportError
    result = run_cli("report", "--format", "pdf", "-o", str(tmp_path / "p.pdf"), root=paper.root)
    assert (result.exit_code, result.stderr) == (2, "francis: PDF output needs WeasyPrint: pip install "
                                                    "'francis-cli[pdf]'\n")  # fmt: skip
    assert not (tmp_path / "p.pdf").exists()


def test_movement_section_only_when_present(paper: Tracker) -> None:
    """Without --since there is no movement to show, and none is made up (with it: see the git test below)."""
    corpus = load_tracker(paper.root)
    view = build(corpus, as_of=date.fromisoformat(AS_OF))
    assert view.movement is None and view.moved("org-a") is None
    assert "Movements since" not in render(view, "markdown", root=paper.root)
    assert "Movements since" not in render(view, "html", root=paper.root)


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


def test_report_settings_are_checked(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("francis.yaml", "default_set: test-set\nreport:\n  meting: Board\n  purpose: decide\n")
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert (
        "francis.yaml:3:3: error unknown-key unknown key 'meting' (did you mean 'meeting'?)\n"
        "francis.yaml:4:12: error invalid-value purpose: 'decide' is not one of: decision, assurance, information\n"
    ) in result.stdout


def test_markdown_blocks_are_separated(paper: Tracker, run_cli: RunCli) -> None:
    """A heading or paragraph glued to a table would render as one paragraph of pipes."""
    for root, as_of in ((paper.root, AS_OF), (REPO, "2013-10-01")):
        lines = run_cli("report", "--as-of", as_of, root=root).stdout.split("\n")
        for before, after in itertools.pairwise(lines):
            assert not (before.startswith("#") and after.strip()), before
            assert before.startswith("|") == after.startswith("|") or "" in (before.strip(), after.strip()), after
            assert (before, after) != ("", "")


def test_report_since_a_board_tag_adds_the_movement(repo, run_cli) -> None:  # type: ignore[no-untyped-def]
    """`francis report --since board-…` on a real repository: the movement section and the summary sentence."""
    repo.git("tag", "board-2024-01")  # the fixture tracker as committed: the position the board saw
    repo.edit("data/assessments/org-a.yaml", "rating: amber", "rating: green")
    repo.edit("data/workplan/org-a.yaml", "        status: in-progress\n",
              "        status: done\n        completed: 2024-03-01\n")
    repo.commit("March update", "2024-03-05T10:00:00+00:00")
    result = run_cli("report", "--since", "board-2024-01", "--as-of", "2024-03-10", "--org", "org-a",
                     root=repo.root)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "### Movements since board-2024-01 (" in result.stdout
    assert "Since board-2024-01 (" in result.stdout
    summary = next(line for line in result.stdout.splitlines() if line.startswith("- Since board-2024-01"))
    assert summary.endswith(": 1 rating improved, 1 action completed.")
    assert "| 1 | First | Amber | Green | Improved |" in result.stdout
    html = run_cli("report", "--since", "board-2024-01", "--as-of", "2024-03-10", "-f", "html", root=repo.root)
    assert html.exit_code == 0 and "1 rating improved, 1 action completed." in html.stdout
    assert "<h2>Movements since board-2024-01 (" in html.stdout
    unknown = run_cli("report", "--since", "board-1999", root=repo.root)
    assert unknown.exit_code == 2 and unknown.stderr.startswith("francis: unknown revision 'board-1999'")
    plain = run_cli("report", "--as-of", "2024-03-10", root=repo.root)
    assert "Movements since" not in plain.stdout and "- Since " not in plain.stdout
