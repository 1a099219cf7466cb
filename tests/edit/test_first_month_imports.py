"""A real organisation's first month, importing: every row's every problem reported as that row's,
recommendations and roles checked against the tracker, sections kept apart, timescales echoed."""

from __future__ import annotations

from pathlib import Path

import pytest

from francis_cli.tracker.corpus import load_tracker

from ..conftest import RunCli, Tracker

REFUSED = "francis: {name}: {n} row(s) cannot be imported; nothing written (--skip-invalid imports the others)\n"

SKELETON = """\
organisation: org-b
assessments: []
  # - recommendation: 1  # First
  #   rating:
  #   position:
  # - recommendation: 2  # Second
  #   rating:
  #   position:
  # - recommendation: 3  # Third
  #   rating:
  #   position:
"""
"""org-b's assessment as ``francis init`` writes one: every recommendation a commented entry."""


def _sheet(tmp_path: Path, text: str, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*.yaml")}


# 4. A row naming a recommendation the set does not have is that row's problem.


def test_a_row_naming_an_unknown_recommendation_is_that_rows_problem(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    tracker.write("data/assessments/org-b.yaml", SKELETON)
    sheet = _sheet(tmp_path, "Rec no,RAG,Current position\n2,Amber,Meeting booked\n999,Red,Nothing yet\n")
    before = _files(tracker.root)
    result = run_cli("import", "assessments", str(sheet), "--org", "org-b", root=tracker.root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == REFUSED.format(name="sheet.csv", n=1) + (
        "sheet.csv: row 3: set 'test-set' has no recommendation 999 (it has 1–3)\n"
    )
    assert _files(tracker.root) == before
    result = run_cli("import", "assessments", str(sheet), "--org", "org-b", "--skip-invalid", root=tracker.root)
    assert (result.exit_code, result.stdout) == (0, "updated data/assessments/org-b.yaml\n"), result.stderr
    assert "sheet.csv: skipped row 3: set 'test-set' has no recommendation 999 (it has 1–3)\n" in result.stderr
    assert [
        (a.organisation, a.model.recommendation)
        for a in load_tracker(tracker.root).assessments
        if a.organisation == "org-b"
    ] == [("org-b", 2)]


def test_new_assessments_keep_number_order_when_a_skeleton_entry_is_gone(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    tracker.write("data/assessments/org-b.yaml", SKELETON.split("  # - recommendation: 3")[0])
    sheet = _sheet(tmp_path, "Rec no,RAG,Current position\n3,Red,Not started\n1,Amber,Under way\n")
    result = run_cli("import", "assessments", str(sheet), "--org", "org-b", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    got = [
        (a.model.recommendation, a.model.rating)
        for a in load_tracker(tracker.root).assessments
        if a.organisation == "org-b"
    ]
    assert got == [(1, "amber"), (3, "red")]


def test_assess_names_the_recommendations_a_set_has(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("assess", "org-a", "9", "--rating", "red", "--position", "x", root=tracker.root)
    assert (result.exit_code, result.stderr) == (2, "francis: set 'test-set' has no recommendation 9 (it has 1–3)\n")


# 5. Actions into a workplan with sections: --section, a Section column; never both lists in one file.


def test_import_into_a_workplan_with_sections_takes_section(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "Action,Lead,Due\nReview the register,DoQ,2024-09\n", "log.csv")
    before = _files(tracker.root)
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", root=tracker.root)
    assert result.exit_code == 1
    assert result.stderr == REFUSED.format(name="log.csv", n=1) + (
        "log.csv: row 2: a new action needs a section, as the workplan has sections (1): "
        "fill in a Section column, or give --section\n"
    )
    assert _files(tracker.root) == before
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", "--section", "1", root=tracker.root)
    assert (result.exit_code, result.stdout) == (0, "updated data/workplan/org-a.yaml\n"), result.stderr
    added = [(a.section and a.section.id, a.model.id, a.model.title) for a in load_tracker(tracker.root).actions]
    assert added[-1] == ("1", "1.3", "Review the register")


def test_a_section_column_places_each_row(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "Section,Action,Lead,Due\n1,Review the register,DoQ,2024-09\n", "log.csv")
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert [a.model.id for a in load_tracker(tracker.root).actions] == ["1.1", "1.2", "1.3"]


def test_sections_are_not_added_beside_actions_outside_sections(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    tracker.write(
        "data/workplan/org-b.yaml", 'organisation: org-b\nactions:\n  - id: "1"\n    title: Audit\n    due: 2024-09\n'
    )
    sheet = _sheet(tmp_path, "Section,Section title,Action,Due\n2,Quality,Survey,2024-10\n", "log.csv")
    before = _files(tracker.root)
    result = run_cli("import", "actions", str(sheet), "--org", "org-b", root=tracker.root)
    assert result.exit_code == 1
    assert result.stderr == REFUSED.format(name="log.csv", n=1) + (
        "log.csv: row 2: section '2' cannot be added: the workplan lists its actions outside sections "
        "(a workplan holds sections or actions outside them, not both); leave the Section empty\n"
    )
    assert _files(tracker.root) == before


def test_the_first_sections_replace_an_empty_actions_list(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    path = tracker.write("data/workplan/org-b.yaml", "organisation: org-b\ntitle: Action plan\nactions: []\n")
    sheet = _sheet(tmp_path, "Section,Section title,Action,Due\n2,Quality,Survey,2024-10\n", "log.csv")
    result = run_cli("import", "actions", str(sheet), "--org", "org-b", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert path.read_text() == (
        'organisation: org-b\ntitle: Action plan\nsections:\n  - id: "2"\n    title: Quality\n    actions:\n'
        '      - id: "2.1"\n        title: Survey\n        due: 2024-10\n        status: not-started\n'
    )


# 6. The organisation first; then every problem of every row, with "did you mean" for a typo.


def test_the_organisation_is_checked_before_any_row(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "Ref,Action,Status\n1,,Nearly there\n", "log.csv")
    result = run_cli("import", "actions", str(sheet), "--org", "org-z", root=tracker.root)
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: no organisation 'org-z' in data/organisations.yaml (organisations: org-a, org-b)\n",
    )


def test_every_problem_of_every_row_is_reported(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = _sheet(
        tmp_path,
        "Ref,Action,Lead,Due,Status\n1.5,,Dr Smith,whenever,Nearly there\n1.6,Audit,DoQ,2024-09,In progres\n",
        "log.csv",
    )
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", "--section", "1", root=tracker.root)
    assert result.exit_code == 1
    assert result.stderr == REFUSED.format(name="log.csv", n=2) + (
        "log.csv: row 2: no action text (column for 'title', e.g. 'Action')\n"
        "log.csv: row 2: cannot read a due date in 'whenever'\n"
        "log.csv: row 2: status 'Nearly there' is not one of not-started, in-progress, done, blocked, dropped\n"
        "log.csv: row 2: lead 'Dr Smith' is not a role of 'org-a' (its roles: DoQ, CFO); --add-roles adds it\n"
        "log.csv: row 3: status 'In progres' is not one of not-started, in-progress, done, blocked, dropped "
        "(did you mean 'in progress'?)\n"
    )


def test_a_rating_typo_gets_did_you_mean(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "Rec no,RAG\n1,Ambr\n9,Gren\n")
    result = run_cli("import", "assessments", str(sheet), "--org", "org-a", root=tracker.root)
    assert result.exit_code == 1
    assert result.stderr == REFUSED.format(name="sheet.csv", n=2) + (
        "sheet.csv: row 2: rating 'Ambr' is not one of red, amber, green, blue (did you mean 'amber'?)\n"
        "sheet.csv: row 3: rating 'Gren' is not one of red, amber, green, blue (did you mean 'green'?)\n"
        "sheet.csv: row 3: set 'test-set' has no recommendation 9 (it has 1–3)\n"
    )


# 7. A lead that is not a role: a near miss is an error with a hint; a new role only with --add-roles.


def test_leads_that_are_not_roles(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = _sheet(
        tmp_path,
        "Action,Lead,Due\nAgree the budget,CFOO,2024-09\nHire a head of HR,HR,2024-10\nReview,doq,2024-11\n",
        "log.csv",
    )
    before = _files(tracker.root)
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", "--section", "1", root=tracker.root)
    assert result.exit_code == 1
    assert result.stderr == REFUSED.format(name="log.csv", n=3) + (
        "log.csv: row 2: lead 'CFOO' is not a role of 'org-a' (did you mean 'CFO'?)\n"
        "log.csv: row 3: lead 'HR' is not a role of 'org-a' (its roles: DoQ, CFO); --add-roles adds it\n"
        "log.csv: row 4: lead 'doq' is not a role of 'org-a' (did you mean 'DoQ'?)\n"
    )
    assert _files(tracker.root) == before
    result = run_cli(
        "import", "actions", str(sheet), "--org", "org-a", "--section", "1", "--add-roles", root=tracker.root
    )
    assert result.exit_code == 1
    assert "log.csv: row 3:" not in result.stderr
    assert (
        "log.csv: row 2: lead 'CFOO' is not a role of 'org-a' (did you mean 'CFO'?); a new role this "
        "close to one is added by hand, in data/organisations.yaml\n" in result.stderr
    )


def test_add_roles_adds_the_new_ones_and_lists_them(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "Action,Lead,Due\nHire a head of HR,HR and DoQ,2024-10\n", "log.csv")
    result = run_cli(
        "import",
        "actions",
        str(sheet),
        "--org",
        "org-a",
        "--section",
        "1",
        "--add-roles",
        "--date",
        "2024-06-01",
        root=tracker.root,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "updated data/organisations.yaml\nupdated data/workplan/org-a.yaml\n"
    assert result.stderr == "log.csv: new role 'HR' of 'org-a' (data/organisations.yaml)\nlog.csv: 1 row(s) read\n"
    assert load_tracker(tracker.root).organisation("org-a").roles == {  # type: ignore[union-attr]
        "DoQ": "Director of Quality",
        "CFO": "Chief Finance Officer",
        "HR": "HR",
    }


def test_an_organisation_without_roles_takes_the_sheets_leads(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = _sheet(tmp_path, "Action,Lead,Due\nAudit,CN,2024-10\nSurvey,CNN,2024-11\n", "log.csv")
    result = run_cli("import", "actions", str(sheet), "--org", "org-b", "--date", "2024-06-01", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "log.csv: new role 'CN' of 'org-b' (data/organisations.yaml) (did you mean 'CNN'?)\n"
        "log.csv: new role 'CNN' of 'org-b' (data/organisations.yaml) (did you mean 'CN'?)\n"
        "log.csv: 2 row(s) read\n"
    )


# 8. Timescales: every reading echoed, words with no date refused, a due already past warned of.


def test_timescales_are_echoed_and_words_with_no_date_refused(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    text = "Action,Lead,Timescale\nAudit,DoQ,next spring\nBudget,DoQ,Sept 13\nRegister,DoQ,ASAP\nPolicy,DoQ,soon\n"
    sheet = _sheet(tmp_path, text, "log.csv")
    args = ("import", "actions", str(sheet), "--org", "org-a", "--section", "1", "--date", "2026-07-14")
    result = run_cli(*args, root=tracker.root)
    assert result.exit_code == 1
    assert result.stderr == REFUSED.format(name="log.csv", n=2) + (
        "log.csv: row 4: 'ASAP' does not say when it is due: write the date, e.g. 2026-08 or 'August 2026' (or TBC)\n"
        "log.csv: row 5: 'soon' does not say when it is due: write the date, e.g. 2026-08 or 'August 2026' (or TBC)\n"
    )
    sheet.write_text("\n".join(text.splitlines()[:3]) + "\n", encoding="utf-8")
    result = run_cli(*args, root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        'log.csv: row 2: due 2027-05 (end of May 2027, read from "next spring")\n'
        'log.csv: row 3: due 2013-09 (end of September 2013, read from "Sept 13")\n'
        "log.csv: warning: the due date of row 3 is already past on 2026-07-14: that action is overdue at once\n"
        "log.csv: 2 row(s) read\n"
    )
    dues = {a.model.title: (str(a.model.due), a.model.timeline) for a in load_tracker(tracker.root).actions}
    assert dues["Audit"] == ("2027-05", "next spring") and dues["Budget"] == ("2013-09", "Sept 13")


@pytest.mark.parametrize("words", ["ASAP", "as soon as possible", "Soon", "shortly"])
def test_words_relative_to_an_unknown_day_are_refused_in_a_due_column(
    words: str, tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    sheet = _sheet(tmp_path, f"Action,Lead,Due\nAudit,DoQ,{words}\n", "log.csv")
    result = run_cli(
        "import", "actions", str(sheet), "--org", "org-a", "--section", "1", "--date", "2024-06-01", root=tracker.root
    )
    assert result.exit_code == 1
    assert (
        f"log.csv: row 2: {words!r} does not say when it is due: write the date, e.g. 2024-07 or 'July 2024'"
        in result.stderr
    )


def test_tbc_in_a_due_column_is_no_due_yet(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "Action,Lead,Due\nAudit,DoQ,TBC\n", "log.csv")
    result = run_cli("import", "actions", str(sheet), "--org", "org-a", "--section", "1", root=tracker.root)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == 'log.csv: row 2: no due date read from "TBC"\nlog.csv: 1 row(s) read\n'
    added = _action_titled(tracker.root, "Audit")
    assert (added.due, added.timeline) == (None, "TBC")  # type: ignore[attr-defined]


def _action_titled(root: Path, title: str) -> object:
    return next(a.model for a in load_tracker(root).actions if a.model.title == title)


def test_section_and_add_roles_are_for_actions_only(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, "Rec no,RAG\n1,Amber\n")
    result = run_cli("import", "assessments", str(sheet), "--org", "org-a", "--section", "1", root=tracker.root)
    assert (result.exit_code, result.stderr) == (2, "francis: --section: only for `francis import actions`\n")
