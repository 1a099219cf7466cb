"""Decisions, assurance and evidence records through spreadsheets: exported in their columns,
imported back by their headers and words, and a record's line imported back stays that record."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from francis_cli.tracker.corpus import load_tracker

from ..conftest import RunCli, Tracker

A = "data/assessments/org-a.yaml"
DECIDED = """\
  - recommendation: 2
    rating: green
    position: In place.
    evidence:
      - Minutes of the board, May.  # a line of text
      - title: Quality schedule
        location: francis.yaml
        owner: DoQ
        review: 2024-09-30
    decision: accepted-in-part
    decided: 2024-01-10
    decided_by: Governing Body
    reason: The national parts are for others.
    assurance: limited
"""


def _decided(tracker: Tracker) -> Tracker:
    text = (tracker.root / A).read_text(encoding="utf-8")
    tracker.write(A, text[: text.index("  - recommendation: 2\n")] + DECIDED)
    return tracker


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_export_has_the_decision_columns_and_an_import_of_it_changes_nothing(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    _decided(tracker)
    out = tmp_path / "assessments.csv"
    assert run_cli("export", "assessments", "-o", str(out), root=tracker.root).exit_code == 0
    row = _rows(out)[1]
    assert {k: row[k] for k in ("Decision", "Decided", "Decided by", "Reason", "Assurance")} == {
        "Decision": "accepted-in-part",
        "Decided": "2024-01-10",
        "Decided by": "Governing Body",
        "Reason": "The national parts are for others.",
        "Assurance": "limited",
    }
    assert row["Evidence"] == "Minutes of the board, May.\nQuality schedule (francis.yaml)"
    before = (tracker.root / A).read_bytes()
    result = run_cli("import", "assessments", str(out), "--org", "org-a", root=tracker.root)
    assert (result.exit_code, result.stdout) == (0, "nothing to change\n"), result.stderr
    assert (tracker.root / A).read_bytes() == before  # the record kept its owner and review date


def test_a_sheet_sets_decisions_and_assurance_in_its_own_words(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    _decided(tracker)
    sheet = tmp_path / "decisions.csv"
    sheet.write_text(
        "Rec no,RAG,Decision,Date decided,Decided by,Reason for decision,Level of assurance,Evidence\n"
        "1,amber,Accepted,2024-02-01,Quality Committee,,Limited assurance,\n"
        '2,green,Not accepted,,,"Covered by the national contract.",none,"Quality schedule (francis.yaml)\nAudit"\n',
        encoding="utf-8",
    )
    result = run_cli("import", "assessments", str(sheet), "--org", "org-a", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    one, two = (e.model for e in load_tracker(tracker.root).assessments)
    assert (one.decision, str(one.decided), one.decided_by, one.assurance) == (
        "accepted",
        "2024-02-01",
        "Quality Committee",
        "limited",
    )
    assert (two.decision, two.reason, two.assurance, str(two.decided)) == (
        "not-accepted",
        "Covered by the national contract.",
        "no-assurance",
        "2024-01-10",  # an empty cell leaves the tracker's value
    )
    record, line = two.evidence
    assert (record.title, record.owner, str(record.review), line) == ("Quality schedule", "DoQ", "2024-09-30", "Audit")


def test_words_that_are_not_a_decision_or_a_level_are_the_rows_problems(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("Rec no,RAG,Decision,Decided,Assurance\n1,amber,acepted,10/01/2024,reasonabel\n", encoding="utf-8")
    before = (tracker.root / A).read_bytes()
    result = run_cli("import", "assessments", str(sheet), "--org", "org-a", root=tracker.root)
    assert result.exit_code != 0
    assert (
        "bad.csv: row 2: decision 'acepted' is not one of accepted, accepted-in-part, not-accepted, not-applicable"
        in (result.stderr)
    )
    assert "(did you mean 'accepted'?)" in result.stderr
    assert "bad.csv: row 2: decided '10/01/2024' is not a date: write it as YYYY-MM-DD" in result.stderr
    assert "bad.csv: row 2: assurance 'reasonabel' is not one of substantial, reasonable" in result.stderr
    assert (tracker.root / A).read_bytes() == before
