"""The cover sheet's view-model (`views.cover`): each value from the command line, else francis.yaml, else a
default; every field set in the fixture reaches the paper, and a field left out prints no row."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from francis_cli.errors import ExitCode, PaperRefused
from francis_cli.render.paper import render
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.cover import CoverOptions, settings_errors
from francis_cli.views.paper import build

from ..conftest import Tracker
from ..papers import AS_OF

ON = date.fromisoformat(AS_OF)

OPTIONAL_LABELS = [
    "Agenda item",
    "Attachment",
    "Report of",
    "Lead director",
    "Author",
    "Contact",
    "Level of assurance",
    "Key sections for note",
    "Previously considered by",
    "Board Assurance Framework",
    "CQC key questions",
    "Financial implications",
    "Other implications",
    "Equality analysis",
    "Information privacy",
    "Communication plan",
]


def test_every_field_of_the_fixture(paper: Tracker) -> None:
    c = build(load_tracker(paper.root), as_of=ON).cover
    assert (c.agenda_item, c.attachment, c.lead_director) == ("7.2", "05", "Director of Nursing and Quality")
    assert (c.assurance_level, c.assurance_label) == ("reasonable", "Reasonable assurance")
    assert [(s.label, s.chosen) for s in c.assurance_scale] == [
        ("Substantial assurance", False),
        ("Reasonable assurance", True),
        ("Limited assurance", False),
        ("No assurance", False),
    ]
    assert [s.id for s in c.purpose_scale if s.chosen] == ["assurance"] and len(c.purpose_scale) == 3
    assert [(m.committee, m.date, m.outcome) for m in c.committees] == [
        ("Quality Committee", "11 June 2024", "Endorsed for the Board"),
        ("Executive Management Team", "May 2024", None),
    ]
    assert [r.id for r in c.strategic_risks] == ["SR1", "SR4"]
    assert c.cqc_key_questions == ["Safe", "Well-led"]  # the CQC's order, whatever order francis.yaml gives
    assert [s.id for s in c.cqc_scale if s.chosen] == ["safe", "well-led"] and len(c.cqc_scale) == 5
    assert (c.financial_implications, c.other_implications) == ("Within existing budgets.", "None.")
    assert c.equality_analysis == "Not required for a progress report."
    assert (c.information_privacy, c.key_sections) == ("None; no personal data.", "Section 3, the overdue actions.")
    assert c.communication_plan is not None and c.communication_plan.startswith("Published with the board papers")
    assert [(r.label, r.value) for r in c.extra_rows] == [("Freedom of Information", "Publishable in full")]


def test_command_line_overrides_francis_yaml(paper: Tracker) -> None:
    given = CoverOptions(
        meeting="Extraordinary Board", date=date(2024, 7, 4), title="T", agenda_item="9", attachment="B"
    )
    c = build(load_tracker(paper.root), as_of=ON, cover_options=given).cover
    assert (c.meeting, c.date, c.title, c.agenda_item, c.attachment) == (
        "Extraordinary Board",
        date(2024, 7, 4),
        "T",
        "9",
        "B",
    )
    assert c.lead_director == "Director of Nursing and Quality"  # what the command line does not set stays


def test_nothing_set_prints_no_row(tracker: Tracker) -> None:
    corpus = load_tracker(tracker.root)
    view = build(corpus, as_of=ON)
    c = view.cover
    assert (c.meeting, c.date, c.agenda_item, c.assurance_label) == ("Board meeting", ON, None, None)
    assert (c.committees, c.strategic_risks, c.cqc_key_questions, c.extra_rows) == ([], [], [], [])
    assert c.period == "Position as at 10 June 2024" and c.recommendation.startswith("The Board is asked to note")
    md = render(view, "markdown", root=tracker.root)
    html = render(view, "html", root=tracker.root)
    for label in OPTIONAL_LABELS:
        assert f"| {label} |" not in md
        assert f">{label}</th>" not in html
    cover = html[html.index('<section id="cover"') : html.index("</section>")]
    assert "| Purpose | For assurance |" in md and "<td></td>" not in cover


def _cover_rows(html: str) -> list[str]:
    cover = html[html.index('<section id="cover"') : html.index("</section>")]
    return re.findall(r'<tr><th scope="row">([^<]+)</th>', cover)


def test_rows_in_the_order_of_a_trust_cover_sheet(paper: Tracker) -> None:
    """Merton's sheet: date, agenda no, attachment, title, author and lead director, summary, key sections,
    recommendation, committees, then the implications; the scales and the BAF where trust sheets put them."""
    view = build(load_tracker(paper.root), as_of=ON)
    rows = _cover_rows(render(view, "html", root=paper.root))
    assert rows == [
        "Meeting",
        "Date",
        "Agenda item",
        "Attachment",
        "Title",
        "Organisations",
        "Report of",
        "Lead director",
        "Author",
        "Contact",
        "Purpose",
        "Level of assurance",
        "Period",
        "Summary",
        "Key sections for note",
        "Recommendation",
        "Previously considered by",
        "Board Assurance Framework",
        "CQC key questions",
        "Financial implications",
        "Other implications",
        "Equality analysis",
        "Information privacy",
        "Communication plan",
        "Freedom of Information",
    ]
    md = render(view, "markdown", root=paper.root)
    md_rows = [line.split(" | ")[0][2:] for line in md.split("\n## ")[0].splitlines() if line.startswith("| ")]
    assert md_rows[1:] == rows  # the first is the table's header, "Cover sheet"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_scales_say_what_is_chosen_to_a_screen_reader(paper: Tracker) -> None:
    """A tick drawn in CSS says nothing to a screen reader: each chosen step is named, the others' boxes hidden."""
    html = render(build(load_tracker(paper.root), as_of=ON), "html", root=paper.root)
    parser = _Tags()
    parser.feed(html[html.index('<section id="cover"') : html.index("</section>")])
    ticks = [a for t, a in parser.tags if t == "span" and a.get("class") == "tick"]
    chosen = [a for a in ticks if a.get("role") == "img"]
    assert len(ticks) == 3 + 4 + 5 and len(chosen) == 1 + 1 + 2
    assert all(a.get("aria-label") == "chosen" for a in chosen)
    assert all(a.get("aria-hidden") == "true" for a in ticks if a not in chosen)
    assert all(a.get("scope") == "row" for t, a in parser.tags if t == "th")


def test_cover_text_is_escaped(paper: Tracker) -> None:
    config = (paper.root / "francis.yaml").read_text(encoding="utf-8")
    hostile = '"<script>x</script> | **b**"'
    paper.write("francis.yaml", config.replace("{committee: Quality Committee,", f"{{committee: {hostile},"))
    view = build(load_tracker(paper.root), as_of=ON)
    html = render(view, "html", root=paper.root)
    md = render(view, "markdown", root=paper.root)
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt; | **b**, 11 June 2024" in html
    line = next(x for x in md.splitlines() if x.startswith("| Previously considered by |"))
    assert len(re.findall(r"(?<!\\)\|", line)) == 3 and "\\*\\*b\\*\\*" in line


def test_settings_errors_stop_the_paper(paper: Tracker) -> None:
    """Errors in francis.yaml, from loading it and from the checks on what it names, refuse the paper,
    with every problem line; a data file's error does not."""
    config = (paper.root / "francis.yaml").read_text(encoding="utf-8")
    line = config.splitlines().index("  assurance_level: reasonable") + 1
    paper.write("francis.yaml", config.replace("assurance_level: reasonable", "assurance_level: high"))
    corpus = load_tracker(paper.root)
    assert [(p.line, p.col, p.code) for p in settings_errors(corpus)] == [(line, 20, "invalid-value")]
    with pytest.raises(PaperRefused) as refused:
        build(corpus, as_of=ON)
    assert refused.value.exit_code is ExitCode.FINDINGS
    assert str(refused.value).splitlines()[1:] == [p.format() for p in settings_errors(corpus)]

    paper.write("francis.yaml", config + "organisation: nobody\n")
    corpus = load_tracker(paper.root)
    assert [(p.line, p.code) for p in settings_errors(corpus)] == [
        (len(config.splitlines()) + 1, "unknown-organisation")
    ]
    with pytest.raises(PaperRefused):
        build(corpus, as_of=ON)

    paper.write("francis.yaml", config)
    paper.write(
        "data/assessments/org-a.yaml", "organisation: org-a\nassessments:\n  - {recommendation: 1, ratng: red}\n"
    )
    corpus = load_tracker(paper.root)
    assert corpus.problems and settings_errors(corpus) == []
    assert build(corpus, as_of=ON).cover.agenda_item == "7.2"
