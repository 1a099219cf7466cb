"""``francis site`` and issue 14: decisions, assurance, evidence and sign-off on the pages, the
home page's decision and assurance figures against ``francis status``, illustrative ratings and
theme sources said where they are shown, and the open data rebuilt only when its inputs change."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker
from ..papers import AS_OF
from .test_site import REAL, _missing, build, frontend, parse

__all__ = ["frontend"]

CATALOGUE = """\
set: test-set
title: A test recommendation set
themes:
  - id: standards
    title: Standards
    source: The report's own table of recommendations.
  - id: candour
    title: Candour
recommendations:
  - {number: 1, theme: standards, title: First, text: The first recommendation.}
  - {number: 2, theme: standards, title: Second, text: The second recommendation.}
  - {number: 3, theme: candour, title: Third, text: The third recommendation.}
"""

ASSESSMENT = """\
organisation: org-a
assessed: 2024-01-15
scope: 1-3
illustrative: true
assessments:
  - recommendation: 1
    rating: amber
    position: Partly in place.
    decision: accepted-in-part
    reason: Only the board's part is ours to do.
    decided: 2024-01-15
    decided_by: Trust Board
    assurance: limited
    evidence:
      - Board minutes of January
      - title: Quality schedule 2023/24
        location: https://example.nhs.uk/quality.pdf
        produced: 2023-04-01
        owner: DoQ
        expires: 2024-03-31
      - title: A record that is not a web page
        location: "javascript://%0aalert(1)"
  - recommendation: 2
    rating: green
    position: In place.
    decision: accepted
    decided: 2024-01-15
    assurance: reasonable
    evidence:
      - title: Audit report
        location: docs/audit.txt
        produced: 2024-01-10
        review: 2025-01-10
  - recommendation: 3
    applicable: false
    reason: A national matter.
"""

WORKPLAN = """\
organisation: org-a
title: Workplan
sections:
  - id: "1"
    title: Strategy
    actions:
      - id: "1.1"
        title: Write the strategy
        lead: DoQ
        due: 2024-03
        due_changes:
          - {date: 2024-01-20, was: 2024-02, reason: Waiting for the new chief nurse., by: DoQ}
        status: in-progress
      - id: "1.3"
        title: Publish the response
        lead: CFO
        due: 2024-02
        status: done
        completed: 2024-02-20
"""


@pytest.fixture
def assured(paper: Tracker, run_cli: RunCli) -> Tracker:
    """The paper tracker with decisions, assurance, evidence records, a moved due date and sign-offs:
    assessment 2 and action 1.3 signed off as they stand, assessment 1 changed after its sign-off."""
    paper.write("data/recommendations/test-set.yaml", CATALOGUE)
    paper.write("data/assessments/org-a.yaml", ASSESSMENT)
    paper.write("data/workplan/org-a.yaml", WORKPLAN)
    paper.write("docs/audit.txt", "The audit.\n")
    for org, ref, by in (("org-a", "1", "CFO"), ("org-a", "2", "CFO"), ("org-a", "1.3", "DoQ")):
        result = run_cli("signoff", org, ref, "--by", by, "--date", "2024-05-01", root=paper.root)
        assert result.exit_code == 0, result.stderr
    path = paper.root / "data/assessments/org-a.yaml"
    path.write_text(path.read_text().replace("Partly in place.", "Partly in place; more to do."))
    return paper


def text_of(path: Path) -> str:
    return " ".join(" ".join(parse(path).text).split())


def test_a_recommendation_page_shows_decision_assurance_evidence_and_signoff(
    assured: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, assured.root, out)
    one = text_of(out / "recommendations/1.html")
    assert "Decision Accepted in part by Trust Board on 15 January 2024 Only the board's part is ours to do." in one
    assert "Assurance Limited assurance" in one
    assert "Why it does not apply" not in one  # the decision's reason, said once
    assert "Why it does not apply A national matter." in text_of(out / "recommendations/3.html")
    assert "Board minutes of January (described, not recorded)" in one
    assert "Quality schedule 2023/24 Stale" in one
    assert "Produced 1 April 2023; owner DoQ (Director of Quality); expires 31 March 2024" in one
    assert "CFO (Chief Finance Officer), 1 May 2024 Changed since approved to be approved again" in one
    links = parse(out / "recommendations/1.html").links
    assert "https://example.nhs.uk/quality.pdf" in links
    assert not any(link.startswith("javascript") for link in links)
    assert "javascript://%0aalert(1)" in one  # shown, as text
    two = text_of(out / "recommendations/2.html")
    assert "Decision Accepted by" not in two and "Decision Accepted on 15 January 2024" in two
    assert "Audit report docs/audit.txt Produced 10 January 2024; review by 10 January 2025" in two
    assert "Stale" not in two
    assert "CFO (Chief Finance Officer), 1 May 2024 Current" in two
    db = sqlite3.connect(out / "data/tracker.sqlite")
    rows = db.execute("select recommendation, decision, decided, decided_by, assurance from assessments").fetchall()
    db.close()
    assert rows == [
        (1, "accepted-in-part", "2024-01-15", "Trust Board", "limited"),
        (2, "accepted", "2024-01-15", None, "reasonable"),
        (3, None, None, None, None),
    ]


def test_illustrative_ratings_and_theme_sources_are_said(
    assured: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, assured.root, out)
    note = "Illustrative rating: a reading made for demonstration, not the organisation's own assessment."
    assert note in text_of(out / "recommendations/1.html")
    source = "The report's own table of recommendations."
    assert f"Source of the theme {source}" in text_of(out / "recommendations/1.html")
    assert f"Source of the theme: {source}" in text_of(out / "recommendations/theme/standards.html")
    assert "Source of the theme" not in text_of(out / "recommendations/3.html")
    assert "Source of the theme" not in text_of(out / "recommendations/theme/candour.html")
    assured.write("data/assessments/org-a.yaml", ASSESSMENT.replace("illustrative: true\n", ""))
    build(run_cli, assured.root, out)
    assert "Illustrative" not in text_of(out / "recommendations/1.html")


def test_an_action_page_shows_each_due_change_with_its_reason_and_its_signoff(
    assured: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, assured.root, out)
    moved = text_of(out / "actions/org-a/1.1.html")
    assert (
        "Date 2024-01-20 From February 2024 To March 2024 (31 days later) "
        "Reason given Waiting for the new chief nurse. (DoQ)" in moved
    )
    assert "Signed off Not signed off" in moved
    done = text_of(out / "actions/org-a/1.3.html")
    assert "DoQ (Director of Quality), 1 May 2024 Current" in done


@pytest.mark.skipif(_missing() is not None, reason=str(_missing()))
def test_the_assurance_pages_pass_axe_at_both_widths(
    assured: Tracker, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_site_browser import audited

    monkeypatch.setenv("FRANCIS_NHSUK_FRONTEND", str(REAL))
    out = tmp_path / "site"
    build(run_cli, assured.root, out)
    pages = ["index.html", "recommendations/1.html", "recommendations/2.html", "recommendations/theme/standards.html"]
    pages += ["actions/org-a/1.1.html", "actions/org-a/1.3.html"]
    assert audited(out, pages) == {p: [375, 1280] for p in pages}


def test_home_decision_and_assurance_figures(assured: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(run_cli, assured.root, out)
    figures = parse(out / "index.html").figures
    status = json.loads(run_cli("status", "--format", "json", "--as-of", AS_OF, root=assured.root).stdout)
    scopes = {t["organisation"]: t["scope"] for t in status["tables"]}
    scope = scopes["org-a"]
    assert figures["org-a:in-scope"] == str(scope["in_scope"]) == "3"
    assert figures["org-a:undecided"] == str(scope["undecided"]) == "1"
    for decision, n in scope["decisions"].items():
        assert figures[f"org-a:decision:{decision}"] == str(n)
    assert figures["org-a:decision:accepted-in-part"] == "1" and figures["org-a:decision:accepted"] == "1"
    assert scopes["org-b"] is None and not any(k.startswith("org-b:decision") for k in figures)
    # status --format json gives no assurance counts yet: these are the fixture's own
    assert {k: v for k, v in figures.items() if ":assurance:" in k} == {
        "org-a:assurance:substantial": "0",
        "org-a:assurance:reasonable": "1",
        "org-a:assurance:limited": "1",
        "org-a:assurance:no-assurance": "0",
    }


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files made, by kind, as the site makes them (the real functions, counted)."""
    from francis_cli.render import site_data

    calls: list[str] = []
    for name in ("table_csv", "tracker_json", "tracker_schema", "tracker_sqlite"):
        real: Callable[..., object] = getattr(site_data, name)

        def counted(*args: object, _real: Callable[..., object] = real, _name: str = name) -> object:
            calls.append(_name)
            return _real(*args)

        monkeypatch.setattr(site_data, name, counted)
    return calls


def data_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted((folder / "data").iterdir())}


def test_an_unchanged_rebuild_does_not_make_the_data_again_and_a_change_does(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path, made: list[str]
) -> None:
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    build(run_cli, paper.root, out)
    assert made.count("tracker_sqlite") == 1 and made.count("table_csv") == 8
    first = data_of(out)
    mtimes = {p: p.stat().st_mtime_ns for p in (out / "data").iterdir()}
    build(run_cli, paper.root, out)
    assert made.count("tracker_sqlite") == 1 and len(made) == 11  # nothing made again
    assert data_of(out) == first and {p: p.stat().st_mtime_ns for p in (out / "data").iterdir()} == mtimes
    path = paper.root / "data/assessments/org-a.yaml"
    path.write_text(path.read_text().replace("rating: green", "rating: red"))
    build(run_cli, paper.root, out)
    assert made.count("tracker_sqlite") == 2
    changed = data_of(out)
    assert changed["data/assessments.csv"] != first["data/assessments.csv"]
    assert b"org-a,test-set,2,red," in changed["data/assessments.csv"]
    assert changed["data/tracker.sqlite"] != first["data/tracker.sqlite"]
    build(run_cli, paper.root, fresh)
    assert (
        data_of(fresh) == changed
        and (fresh / ".francis-site-data").read_bytes() == (out / ".francis-site-data").read_bytes()
    )


def test_the_data_is_made_again_when_the_folder_no_longer_holds_what_was_made(
    paper: Tracker, frontend: Path, run_cli: RunCli, tmp_path: Path, made: list[str]
) -> None:
    out = tmp_path / "site"
    build(run_cli, paper.root, out)
    first = data_of(out)
    (out / "data/actions.csv").write_bytes(b"organisation,id\r\nforged,1\r\n")
    build(run_cli, paper.root, out)
    assert made.count("tracker_sqlite") == 2 and data_of(out) == first
    (out / "data/tracker.sqlite").unlink()
    build(run_cli, paper.root, out)
    assert made.count("tracker_sqlite") == 3 and data_of(out) == first
    record = out / ".francis-site-data"
    record.write_text(record.read_text().replace('"inputs": "', '"inputs": "0'))
    build(run_cli, paper.root, out)
    assert made.count("tracker_sqlite") == 4 and data_of(out) == first
    build(run_cli, paper.root, out, "--as-of", "2024-07-01")  # the data's date is in the document
    assert made.count("tracker_sqlite") == 5 and b'"as_of": "2024-07-01"' in (out / "data/tracker.json").read_bytes()
    build(run_cli, paper.root, out, "--org", "org-b")
    assert made.count("tracker_sqlite") == 6 and b"org-a" not in (out / "data/actions.csv").read_bytes()
