"""Importing spreadsheets (`edit.sheets`): a real-shaped Merton workplan (XLSX), Barnet's columns (CSV), bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from francis_cli.tracker.corpus import load_tracker

from ..conftest import RunCli

openpyxl = pytest.importorskip("openpyxl")


# Rows of the Merton CCG workplan table (Governing Body, 16 May 2013), as printed: the header row
# is repeated per section, its first cell naming the section.
MERTON = [
    ["1.Strategy", "Action", "Lead", "Desired Outcome", "Timeline Plan and Progress"],
    [
        "1.1",
        "Quality strategy: consultation, development and sign off",
        "DoQ",
        "Agreed plan for action for 13/14",
        "April 13 to CQC to May 13 to Governing Body Final sign off date June 13",
    ],
    [
        "1.2",
        "Ensure all annual corporate strategy reviews for 14/15 include (eg ISOP) quality advice",
        "DoQ and AO",
        "Quality embedded in strategy development",
        "April 14",
    ],
    [
        "1.4",
        "Contribute actively to partnership strategies (eg BSBV)",
        "AO and Chair",
        '=CONCATENATE("Merton will evidence of ", "influencing strategic direction of locality")',
        "April 14",
    ],
    [None, None, None, None, None],
    ["2.Capability and culture", "Action", "Lead", "Desired Outcome", "Timeline Plan and Progress"],
    [
        "2.2",
        "CSU – plan a joint workshop between exec team and CSU directors to review CSU partnership working and "
        "contract",
        "CFO",
        "Better joint working and deliver of SLA and corporate objectives",
        "Summer 2013",
    ],
    [
        "2.3",
        "CSU – regular meetings regarding quality requirements with identified lead within the CSU",
        "DoQ",
        "Improved reporting to MCQC and CGRGs",
        "Evaluate Sept 13",
    ],
    ["3. Processes and structure", "Action", "Lead", "Desired Outcome", "Timeline Plan and Progress"],
    [
        "3.4",
        "SI process to be established and tested",
        None,
        "Assurance that the 'system' is picking up trends and "
        "themes and appropriate learning and improvement is occurring.",
        "Immediate",
    ],
    [
        "3.5",
        "Risk register to be updated",
        "CSU and exec team",
        "'live' risk register which demonstrates "
        "understanding of main risk areas and demonstrates action taken regarding risks",
        "Early work commenced, developments through the year.",
    ],
]


@pytest.fixture
def new_tracker(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "merton"
    result = run_cli(
        "init", str(root), "--org", "merton-ccg", "--name", "NHS Merton Clinical Commissioning Group", "--blank"
    )
    assert result.exit_code == 0, result.stderr
    return root


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_import_a_real_shaped_xlsx_workplan(new_tracker: Path, tmp_path: Path, run_cli: RunCli) -> None:
    sheet = _xlsx(tmp_path / "workplan.xlsx", MERTON)
    result = run_cli("import", "actions", str(sheet), "--org", "merton-ccg", "--date", "2013-05-16", root=new_tracker)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "updated data/organisations.yaml\nupdated data/workplan/merton-ccg.yaml\n"
    assert "workplan.xlsx: 7 row(s) read" in result.stderr
    corpus = load_tracker(new_tracker)
    got = {
        a.model.id: (a.section.id if a.section else None, a.model.lead, str(a.model.due), a.model.timeline)
        for a in corpus.actions
    }
    assert got == {
        "1.1": ("1", ["DoQ"], "2013-06", MERTON[1][4]),
        "1.2": ("1", ["DoQ", "AO"], "2014-04", "April 14"),
        "1.4": ("1", ["AO", "Chair"], "2014-04", "April 14"),
        "2.2": ("2", ["CFO"], "2013-08", "Summer 2013"),
        "2.3": ("2", ["DoQ"], "2013-09", "Evaluate Sept 13"),
        "3.4": ("3", [], "2013-05-16", "Immediate"),
        "3.5": ("3", ["CSU", "exec-team"], "2014-03", "Early work commenced, developments through the year."),
    }
    sections = [(s.id, s.title) for s in corpus.actions[0].workplan.sections]
    assert sections == [("1", "Strategy"), ("2", "Capability and culture"), ("3", "Processes and structure")]
    outcome = next(a.model.outcome for a in corpus.actions if a.model.id == "1.4")
    assert outcome == MERTON[3][3]  # the formula's text, not evaluated
    roles = corpus.organisation("merton-ccg").roles  # type: ignore[union-attr]
    assert roles == {"AO": "AO", "CFO": "CFO", "CSU": "CSU", "Chair": "Chair", "DoQ": "DoQ", "exec-team": "exec team"}
    assert run_cli("check", root=new_tracker).exit_code == 0
    again = run_cli("import", "actions", str(sheet), "--org", "merton-ccg", "--date", "2013-05-16", root=new_tracker)
    assert (again.exit_code, again.stdout) == (0, "nothing to change\n")


BARNET_CSV = (
    "Standard,Commissioning for Standards,Recommendation,Current CCG Position,RAG\n"
    "123,Responsibility for monitoring delivery of standards and quality,GPs need to undertake a monitoring role "
    '...,"The CCG has put a structure in place to actively engage with GPs and their patients on a continuous '
    'basis.",Amber\n'
    "134,Duty to consider not accepting a provider,...,\"A national matter; the CCG awaits the government's "
    'response.",N/A\n'
    '141,Dialogue with CQC and Monitor,...,"The CCG would welcome an open dialogue with CQC and Monitor in relation '
    'to this recommendation and this aspiration will be reflected in the action plan the CCG develops.",R\n'
)


def test_import_a_csv_with_barnet_columns(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "barnet"
    assert run_cli("init", str(root), "--org", "barnet-ccg", "--name", "NHS Barnet CCG").exit_code == 0
    sheet = tmp_path / "appendix-a.csv"
    sheet.write_text(BARNET_CSV, encoding="utf-8")
    result = run_cli("import", "assessments", str(sheet), "--org", "barnet-ccg", root=root)
    assert result.exit_code == 0, result.stderr
    assert "appendix-a.csv: column 'Commissioning for Standards' not imported" in result.stderr
    text = (root / "data/assessments/barnet-ccg.yaml").read_text()
    assert "  - recommendation: 123\n    rating: amber\n    position: >-\n      The CCG has put a structure" in text
    assert (
        "  - recommendation: 134\n    applicable: false\n    reason: A national matter; the CCG awaits the "
        "government's response.\n"
    ) in text
    assert "  # - recommendation: 123 " not in text and "  # - recommendation: 124 " in text
    ratings = {a.model.recommendation: a.model.rating for a in load_tracker(root).assessments}
    assert ratings == {123: "amber", 134: None, 141: "red"}


def test_invalid_rows_are_reported_and_nothing_is_written(new_tracker: Path, tmp_path: Path, run_cli: RunCli) -> None:
    sheet = tmp_path / "log.csv"
    sheet.write_text(
        "Ref,Action,Lead,Timescale,Status\n1,Agree strategy,DoQ,Sept 13,In progress\n"
        "2,,DoQ,Oct 13,\n3,Audit,DoQ,Q3 2013/14,Nearly there\n",
        encoding="utf-8",
    )
    before = {p: p.read_bytes() for p in new_tracker.rglob("*.yaml")}
    result = run_cli("import", "actions", str(sheet), "--org", "merton-ccg", root=new_tracker)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "francis: log.csv: 2 row(s) cannot be imported; nothing written (--skip-invalid imports the others)\n"
        "log.csv: row 3: no action text (column for 'title', e.g. 'Action')\n"
        "log.csv: row 4: status 'Nearly there' is not one of not-started, in-progress, done, blocked, dropped\n"
    )
    assert {p: p.read_bytes() for p in new_tracker.rglob("*.yaml")} == before
    result = run_cli("import", "actions", str(sheet), "--org", "merton-ccg", "--skip-invalid", root=new_tracker)
    assert result.exit_code == 0, result.stderr
    assert [a.model.id for a in load_tracker(new_tracker).actions] == ["1"]


def test_map_option_and_unknown_field(new_tracker: Path, tmp_path: Path, run_cli: RunCli) -> None:
    sheet = tmp_path / "log.csv"
    sheet.write_text("No.,What,Who,When\n7,Agree strategy,DoQ,Sept 13\n", encoding="utf-8")
    result = run_cli(
        "import",
        "actions",
        str(sheet),
        "--org",
        "merton-ccg",
        "--map",
        "What=title",
        "--map",
        "Who=lead",
        "--map",
        "When=timeline",
        root=new_tracker,
    )
    assert result.exit_code == 0, result.stderr
    action = load_tracker(new_tracker).actions[0].model
    assert (action.id, action.title, action.lead, str(action.due), action.timeline) == (
        "7",
        "Agree strategy",
        ["DoQ"],
        "2013-09",
        "Sept 13",
    )
    bad = run_cli("import", "actions", str(sheet), "--org", "merton-ccg", "--map", "What=colour", root=new_tracker)
    assert bad.exit_code == 2 and "--map 'What=colour': write COLUMN=FIELD" in bad.stderr
