"""Recommendations with parts beside the Francis Report, through the command line: a copy of the
bundled tracker gains a Kirkup-like set (2 with parts 2i and 2ii) and an Infected-Blood-like set
(1 with parts 1(a) and 1(b)); barnet-ccg assesses parts with ``francis assess``, merton-ccg adds an
action citing ``kirkup-2022:2i`` and ``francis-2013:173``; then ``check``, ``status``, ``status
--set``, ``show``, ``report`` and ``site`` show the parts rolled up under their parent and both levels.

The two catalogues are test data written for this test, not the reports' words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import RunCli
from .test_site import frontend  # noqa: F401  (the stand-in NHS.UK frontend, a fixture)

AS_OF = ("--as-of", "2023-06-01")

KIRKUP = """\
set: kirkup-2022
title: Reading the signals (test data)
themes:
  - id: listening
    title: Listening to families
recommendations:
  - number: 1
    title: Identify poorly performing units
    text: Test text of the first recommendation.
  - number: 2
    theme: listening
    title: Give teams a better culture
    text: Test text of the second recommendation, in two parts.
    related: ["francis-2013:173"]
  - number: 2i
    title: Compassionate care
    text: Test text of part one.
  - number: 2ii
    title: Team working
    text: Test text of part two.
  - number: 3
    title: Listen to families
    text: Test text of the third recommendation.
"""

INFECTED = """\
set: infected-blood-2024
title: Infected Blood Inquiry (test data)
recommendations:
  - number: 1
    title: Compensation
    text: Test text of recommendation 1.
  - number: 1(a)
    text: Test text of part (a).
    related: ["kirkup-2022:2i"]
  - number: "1 (B)"
    text: Test text of part (b).
  - number: 2
    text: Test text of recommendation 2.
"""


@pytest.fixture
def several(bundled: Path, run_cli: RunCli) -> Path:
    (bundled / "data/recommendations/kirkup-2022.yaml").write_text(KIRKUP, encoding="utf-8")
    (bundled / "data/recommendations/infected-blood-2024.yaml").write_text(INFECTED, encoding="utf-8")
    for number, rating in (("1", "green"), ("2i", "red"), ("2ii", "amber")):
        assess = ["assess", "barnet-ccg", number, "--set", "kirkup-2022", "--rating", rating]
        done = run_cli(*assess, "--position", f"Position on {number}.", root=bundled)
        assert done.exit_code == 0, done.stderr
    for number, rating in (("1(a)", "green"), ("1(b)", "amber")):
        assess = ["assess", "barnet-ccg", number, "--set", "infected-blood-2024", "--rating", rating]
        assert run_cli(*assess, "--position", "Done.", root=bundled).exit_code == 0
    refs = ["--recommendation", "kirkup-2022:2i", "--recommendation", "francis-2013:173"]
    add = ["action", "add", "merton-ccg", "--section", "1", "--id", "1.9", "--title", "Compassionate care plan"]
    done = run_cli(*add, "--lead", "DoQ", "--due", "2023-12", *refs, "--date", "2023-05-01", root=bundled)
    assert done.exit_code == 0, done.stderr
    return bundled


def test_assessments_go_in_number_order(several: Path) -> None:
    text = (several / "data/assessments/barnet-ccg-2.yaml").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if "recommendation:" in line] == [
        "  - recommendation: 1",
        "  - recommendation: 2i",
        "  - recommendation: 2ii",
    ]


def test_check_accepts_the_parts_and_their_links(several: Path, run_cli: RunCli) -> None:
    result = run_cli("check", root=several)
    assert result.exit_code == 0, result.stdout
    assert " error " not in result.stdout
    assert "kirkup" not in result.stdout and "infected" not in result.stdout


def test_status_of_a_set_rolls_the_parts_up_to_their_parent(several: Path, run_cli: RunCli) -> None:
    args = ("status", "--set", "kirkup-2022", "--org", "barnet-ccg", *AS_OF)
    doc = json.loads(run_cli(*args, "--format", "json", root=several).stdout)
    (table,) = doc["tables"]
    rows = {r["key"]: (r["label"], r["counts"]) for r in table["rows"]}
    assert list(rows) == ["recommendations-1", "listening", "parts-2", "recommendations-3"]
    assert rows["recommendations-1"][1]["green"] == 1
    label, parts = rows["parts-2"]
    assert label == "  2: parts 2i–2ii"
    assert (parts["red"], parts["amber"], parts["total"]) == (1, 1, 2)
    assert rows["listening"][1]["total"] == 2  # 2 counted by its parts: not a third time
    total = table["total"]["counts"]
    assert (total["total"], total["green"], total["red"], total["amber"], total["not-assessed"]) == (4, 1, 1, 1, 1)
    text = run_cli(*args, root=several).stdout
    assert "\n   2: parts 2i–2ii        1      1      0     0         0    0      2  RRRRAAAA\n" in text
    assert "Recommendation 2 (2i–2ii) is counted by its 2 parts, each once." in " ".join(text.split())


def test_status_without_a_set_has_a_row_per_set_counting_parts(several: Path, run_cli: RunCli) -> None:
    doc = json.loads(run_cli("status", "--org", "barnet-ccg", *AS_OF, "--format", "json", root=several).stdout)
    sets = {s["set"]: s for s in doc["sets"]}
    assert sets["kirkup-2022"]["recommendations"] == 4
    assert sets["infected-blood-2024"]["recommendations"] == 3  # 1(a), 1(b) and 2
    assert sets["francis-2013"]["recommendations"] == 290
    blood = json.loads(run_cli("status", "--set", "infected-blood-2024", *AS_OF, "-f", "json", root=several).stdout)
    rows = {r["key"]: r["counts"] for t in blood["tables"] if t["organisation"] == "barnet-ccg" for r in t["rows"]}
    assert (rows["parts-1"]["green"], rows["parts-1"]["amber"], rows["parts-1"]["total"]) == (1, 1, 2)


def test_show_lists_a_parent_s_parts_and_a_part_s_parent(several: Path, run_cli: RunCli) -> None:
    parent = " ".join(run_cli("show", "kirkup-2022:2", root=several).stdout.split())
    assert "Parts (2)" in parent
    assert "2i Compassionate care — barnet-ccg: " in parent and "2ii Team working — barnet-ccg: " in parent
    assert "related francis-2013:173" in parent
    part = " ".join(run_cli("show", "kirkup-2022:2I", root=several).stdout.split())
    assert "Part of kirkup-2022:2 Give teams a better culture" in part
    assert "merton-ccg:1.9" in part  # the action citing it
    assert "related infected-blood-2024:1(a)" in part  # linked from the other set, shown both ways
    blood = " ".join(run_cli("show", "infected-blood-2024:1(b)", root=several).stdout.split())
    assert "Part of infected-blood-2024:1 Compensation" in blood and "Test text of part (b)." in blood
    action = " ".join(run_cli("show", "merton-ccg:1.9", root=several).stdout.split())
    assert "kirkup-2022:2i Compassionate care" in action and "francis-2013:173" in action


def test_the_paper_lists_parts_under_their_parent(several: Path, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "paper.md"
    args = ("report", "--set", "kirkup-2022", "--org", "barnet-ccg", *AS_OF, "-o", str(out))
    assert run_cli(*args, root=several).exit_code == 0
    paper = out.read_text(encoding="utf-8")
    assert "| 2: parts 2i–2ii | 1 | 1 | 0 | 0 | 0 | 0 | 2 |" in paper.splitlines()  # the theme table's row
    numbers = [line.split("|")[1].strip() for line in paper.splitlines() if line.startswith("| 2i")]
    assert numbers == ["2i (part of 2)", "2ii (part of 2)"]  # the appendix: each part, under its parent


@pytest.mark.usefixtures("frontend")
def test_the_site_gives_parts_pages_of_their_own(several: Path, run_cli: RunCli, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_cli("site", "-o", str(site), "--org", "barnet-ccg", *AS_OF, root=several).exit_code == 0
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert "recommendations/173.html" in pages  # the Francis Report's addresses do not change
    kirkup = next(p.removesuffix("2i.html") for p in pages if p.endswith("/2i.html"))
    assert {f"{kirkup}2.html", f"{kirkup}2ii.html"} <= pages
    blood = next(p.removesuffix("1-a.html") for p in pages if p.endswith("/1-a.html"))
    assert f"{blood}1-b.html" in pages
    parent = (site / f"{kirkup}2.html").read_text(encoding="utf-8")
    assert 'href="2i.html">2i Compassionate care</a>' in parent and 'href="2ii.html">2ii Team working</a>' in parent
    part = (site / f"{blood}1-a.html").read_text(encoding="utf-8")
    assert "Recommendation 1(a)" in part and 'href="1.html">1 Compensation</a>' in part


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"2((a)"', "number: '2((a)' is not a recommendation number: write 4, 2(a), 2ii or IEA 1.3"),
        ('""', "number: a recommendation number must not be empty: write 4, 2(a), 2ii or IEA 1.3"),
        (
            "2c",
            "number: '2c' is not a recommendation number: 'c' is not a roman numeral; "
            "write a lettered part in brackets, as in 2(c)",
        ),
    ],
)
def test_a_bad_number_is_one_located_line(written: str, message: str, several: Path, run_cli: RunCli) -> None:
    path = several / "data/recommendations/kirkup-2022.yaml"
    path.write_text(KIRKUP.replace("  - number: 3\n", f"  - number: {written}\n"), encoding="utf-8")
    result = run_cli("check", root=several)
    assert result.exit_code == 1
    line = next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if written in x)
    assert f"data/recommendations/kirkup-2022.yaml:{line}:13: error invalid-value {message}" in result.stdout


def test_a_part_without_its_parent_is_warned_of(several: Path, run_cli: RunCli) -> None:
    path = several / "data/recommendations/infected-blood-2024.yaml"
    path.write_text(INFECTED + "  - number: 5(a)\n    text: A part alone.\n", encoding="utf-8")
    result = run_cli("check", root=several)
    assert result.exit_code == 0
    assert (
        "data/recommendations/infected-blood-2024.yaml:14:13: warning missing-parent recommendation 5(a) is a part "
        "of 5, which set 'infected-blood-2024' does not list"
    ) in result.stdout.splitlines()


def test_assessing_a_parent_with_parts_is_warned_of_cold_and_warm(several: Path, run_cli: RunCli) -> None:
    done = run_cli(
        "assess", "barnet-ccg", "2", "--set", "kirkup-2022", "--rating", "red", "--position", "All of it.", root=several
    )
    assert done.exit_code == 0, done.stderr
    text = (several / "data/assessments/barnet-ccg-2.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index("  - recommendation: 2") + 1
    expected = (
        f"data/assessments/barnet-ccg-2.yaml:{line}:21: warning assessed-parent recommendation 2 has parts "
        "(2i, 2ii): assess those; an assessment of 2 itself is not counted"
    )
    for _ in range(2):  # the second answer comes from the snapshot of the unchanged tracker
        result = run_cli("check", root=several)
        assert result.exit_code == 0, result.stdout
        assert expected in result.stdout.splitlines(), result.stdout


def test_an_extracted_report_with_lettered_parts_is_tracked(several: Path, run_cli: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "Recommendation 1\nTrusts must act on concerns.\n\nRecommendation 1(a)\nPublish them.\n\n"
        "Recommendation 1(b)\nReport them.\n\nRecommendation 2\nBoards must listen.\n",
        encoding="utf-8",
    )
    out = several / "data/recommendations/new-2025.yaml"
    result = run_cli("catalogue", "extract", str(report), "--set", "new-2025", "-o", str(out), root=several)
    assert result.exit_code == 0, result.stderr
    assert run_cli("check", root=several).exit_code == 0
    assess = ["assess", "barnet-ccg", "1(b)", "--set", "new-2025", "--rating", "amber", "--position", "Partly."]
    assert run_cli(*assess, root=several).exit_code == 0
    shown = " ".join(run_cli("show", "new-2025:1", root=several).stdout.split())
    assert "Parts (2)" in shown and "1(b) — barnet-ccg: " in shown and "1(a) — not yet assessed" in shown
