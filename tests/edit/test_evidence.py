"""`francis evidence add` (`edit.evidence`): a record appended where the item stands, comments and
every other line kept, any other file left alone; a wrong option refused in one line, exit 2.

Staleness is judged as of today (as `check` judges it), so the dates here are relative to today."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest

from francis_cli.models.assessment import Evidence
from francis_cli.tracker.corpus import load_tracker

from ..conftest import RunCli, Tracker
from .test_signoff import FLAT_ASSESSMENT, FLAT_WORKPLAN

A, W = "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"
TODAY = date.today()

COMMENTED = """\
organisation: org-a
assessed: 2024-01-15
assessments:
  # the board's view, April
  - recommendation: 1
    rating: amber  # illustrative
    position: Partly in place.
    actions: ["1.1"]
  - recommendation: 2
    rating: green
    position: In place.  # agreed
    evidence:
      - Minutes of the quality committee, March.  # described only
"""


def _stat(tracker: Tracker, rel: str) -> tuple[bytes, int, int]:
    st = os.stat(tracker.root / rel)
    return (tracker.root / rel).read_bytes(), st.st_ino, st.st_mtime_ns


def test_evidence_on_an_assessment_adds_only_its_lines(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, COMMENTED)
    tracker.write("docs/audit.pdf", "%PDF")
    workplan = _stat(tracker, W)
    review = TODAY + timedelta(days=90)
    result = run_cli(
        "evidence",
        "add",
        "org-a",
        "1",
        "--title",
        "  Audit  report ",
        "--location",
        "docs/audit.pdf",
        "--produced",
        "2024-01-10",
        "--owner",
        "DoQ",
        "--review",
        review.isoformat(),
        root=tracker.root,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"added evidence 'Audit report' to org-a 1 in {A}\n"
    assert (tracker.root / A).read_text(encoding="utf-8") == COMMENTED.replace(
        "    position: Partly in place.\n",
        "    position: Partly in place.\n    evidence:\n      - title: Audit report\n"
        "        location: docs/audit.pdf\n        produced: 2024-01-10\n        owner: DoQ\n"
        f"        review: {review.isoformat()}\n",
    )
    assert _stat(tracker, W) == workplan  # not rewritten: same bytes, same file, same time
    entry = next(e for e in load_tracker(tracker.root).assessments if e.model.recommendation == 1)
    assert entry.model.evidence == [
        Evidence(
            title="Audit report", location="docs/audit.pdf", produced=date(2024, 1, 10), owner="DoQ", review=review
        )
    ]
    assert run_cli("check", root=tracker.root).stdout == ""


def test_a_record_follows_the_lines_of_text_already_there(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, COMMENTED)
    result = run_cli(
        "evidence",
        "add",
        "org-a",
        "2",
        "--title",
        "Audit: 2024",
        "--location",
        "https://example.nhs.uk/a",
        root=tracker.root,
    )
    assert result.exit_code == 0
    assert (tracker.root / A).read_text(encoding="utf-8") == COMMENTED + (
        '      - title: "Audit: 2024"\n        location: https://example.nhs.uk/a\n'
    )
    items = next(e for e in load_tracker(tracker.root).assessments if e.model.recommendation == 2).model.evidence
    assert items[0] == "Minutes of the quality committee, March."
    assert isinstance(items[1], Evidence) and items[1].is_url


@pytest.mark.parametrize("ref", ["1.2", "org-a:1.2"])
def test_evidence_on_an_action_and_its_dry_run(tracker: Tracker, run_cli: RunCli, ref: str) -> None:
    before = (tracker.root / W).read_bytes()
    args = ("evidence", "add", "org-a", ref, "--title", "Budget paper", "--location", "data", "--owner", "CFO")
    dry = run_cli(*args, "--dry-run", root=tracker.root)
    assert dry.exit_code == 0
    assert dry.stdout.splitlines()[:2] == [f"--- a/{W}", f"+++ b/{W}"]
    added = [line for line in dry.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert added == [
        "+        evidence:",
        "+          - title: Budget paper",
        "+            location: data",
        "+            owner: CFO",
    ]
    assert not any(line.startswith("-") and not line.startswith("---") for line in dry.stdout.splitlines())
    assert (tracker.root / W).read_bytes() == before
    result = run_cli(*args, root=tracker.root)
    assert result.stdout == f"added evidence 'Budget paper' to org-a action 1.2 in {W}\n"
    action = next(e for e in load_tracker(tracker.root).actions if e.model.id == "1.2")
    assert action.model.evidence == [Evidence(title="Budget paper", location="data", owner="CFO")]


def test_a_number_with_its_set_and_a_number_that_is_only_an_action(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(W, (tracker.root / W).read_text(encoding="utf-8").replace('id: "1.2"', 'id: "3"'))
    ok = run_cli("evidence", "add", "org-a", "test-set:2", "--title", "T", "--location", "data", root=tracker.root)
    assert ok.stdout == f"added evidence 'T' to org-a 2 in {A}\n"
    action = run_cli("evidence", "add", "org-a", "3", "--title", "T", "--location", "data", root=tracker.root)
    assert action.stdout == f"added evidence 'T' to org-a action 3 in {W}\n"
    tracker.write(W, (tracker.root / W).read_text(encoding="utf-8").replace('id: "3"', 'id: "2"'))
    named = run_cli("evidence", "add", "org-a", "org-a:2", "--title", "U", "--location", "data", root=tracker.root)
    assert named.stdout == f"added evidence 'U' to org-a action 2 in {W}\n"  # not the assessment of 2


def test_evidence_already_lapsed_is_written_with_a_note(tracker: Tracker, run_cli: RunCli) -> None:
    """On its expiry day a record is still current; the day after, it is stale: `check` warns."""
    today = run_cli(
        "evidence",
        "add",
        "org-a",
        "2",
        "--title",
        "Today",
        "--location",
        "data",
        "--expires",
        TODAY.isoformat(),
        root=tracker.root,
    )
    assert (today.exit_code, today.stderr) == (0, "")
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    late = run_cli(
        "evidence",
        "add",
        "org-a",
        "2",
        "--title",
        "Yesterday",
        "--location",
        "data",
        "--expires",
        yesterday,
        root=tracker.root,
    )
    assert late.exit_code == 0
    assert late.stderr == f"note: evidence 'Yesterday' lapsed on {yesterday}: `francis check` will call it stale\n"
    check = run_cli("check", root=tracker.root)
    assert check.exit_code == 0
    assert "warning evidence-stale evidence 'Yesterday' of recommendation 2 expired on" in check.stdout
    assert "'Today'" not in check.stdout


def test_assurance_needing_evidence_is_satisfied_by_the_record(tracker: Tracker, run_cli: RunCli) -> None:
    """An edit may remove an error (here assurance-without-evidence), never add one."""
    tracker.write(
        A,
        COMMENTED.replace(
            "    position: In place.  # agreed\n", "    position: In place.  # agreed\n    assurance: reasonable\n"
        ),
    )
    assert "error assurance-without-evidence" in run_cli("check", root=tracker.root).stdout
    review = (TODAY + timedelta(days=30)).isoformat()
    result = run_cli(
        "evidence", "add", "org-a", "2", "--title", "Audit", "--location", "data", "--review", review, root=tracker.root
    )
    assert result.exit_code == 0
    assert run_cli("check", root=tracker.root).stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("1", "--location", "docs/missing.pdf"),
            "--location: evidence 'Audit': no file or folder 'docs/missing.pdf' in the repository "
            "(a path from the tracker's root)",
        ),
        (
            ("1", "--location", "../outside.pdf"),
            "--location: evidence 'Audit': '../outside.pdf' is not a path inside the tracker nor a URL (https://...)",
        ),
        (
            ("1", "--location", "data", "--owner", "CEO"),
            "--owner 'CEO' is not a role of 'org-a' (its roles: DoQ, CFO) (did you mean 'CFO'?)",
        ),
        (
            ("1", "--location", "data", "--expires", "2025-01-01", "--review", "2025-01-01"),
            "give --expires (the day it no longer holds) or --review (the day to look again), not both",
        ),
        (
            ("1", "--location", "data", "--produced", "2024-02-01", "--review", "2024-01-01"),
            "--review (2024-01-01) is before --produced (2024-02-01)",
        ),
        (
            ("1", "--location", "data", "--produced", "May 2024"),
            "--produced: 'May 2024' is not a date written YYYY-MM-DD",
        ),
        (("1", "--location", " "), "--location is empty"),
        (
            ("3", "--location", "data"),
            "'org-a' has no assessment of recommendation 3 in set 'test-set', nor an action '3'",
        ),
        (("1.3", "--location", "data"), "'org-a' has no action '1.3' (did you mean '1.2', '1.1'?)"),
        (
            ("org-b:1.1", "--location", "data"),
            "'org-b:1.1' is of organisation 'org-b', not of ORG 'org-a': give one organisation",
        ),
        (
            ("test-sett:1", "--location", "data"),
            "'test-sett' in 'test-sett:1' is neither a recommendation set nor 'org-a': write 132, SET:132, 3.2 "
            "or org-a:3.2 (did you mean 'test-set'?)",
        ),
        (
            ("test-set:x", "--location", "data"),
            "'test-set:x': a recommendation is written SET:NUMBER, like test-set:132",
        ),
        (("test-set:3", "--location", "data"), "'org-a' has no assessment of recommendation 3 in set 'test-set'"),
    ],
)
def test_usage_errors_are_one_line_and_write_nothing(
    tracker: Tracker, run_cli: RunCli, args: tuple[str, ...], message: str
) -> None:
    before = _stat(tracker, A), _stat(tracker, W)
    result = run_cli("evidence", "add", "org-a", args[0], "--title", "Audit", *args[1:], root=tracker.root)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"francis: {message}\n")
    assert (_stat(tracker, A), _stat(tracker, W)) == before


def test_the_same_record_twice_is_refused(tracker: Tracker, run_cli: RunCli) -> None:
    args = ("evidence", "add", "org-a", "1", "--title", "Audit", "--location", "data")
    assert run_cli(*args, root=tracker.root).exit_code == 0
    again = run_cli(*args, "--review", "2099-01-01", root=tracker.root)
    assert again.exit_code == 2
    assert again.stderr == (
        "francis: org-a 1 already has evidence 'Audit' at data: nothing to change "
        "(edit the record in the file to change its dates)\n"
    )


def test_an_unknown_organisation_is_refused(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("evidence", "add", "org-z", "1", "--title", "T", "--location", "data", root=tracker.root)
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: no organisation 'org-z' in data/organisations.yaml (organisations: org-a, org-b)\n",
    )


def test_a_flow_list_of_evidence_is_refused_in_words(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, COMMENTED.replace('    actions: ["1.1"]\n', '    actions: ["1.1"]\n    evidence: [Minutes]\n'))
    result = run_cli("evidence", "add", "org-a", "1", "--title", "T", "--location", "data", root=tracker.root)
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: `evidence:` is not a block list here; write it as one to edit it with francis\n",
    )


def test_the_sub_command_has_help_with_an_example(run_cli: RunCli) -> None:
    result = run_cli("evidence", "add", "--help")
    assert result.exit_code == 0
    assert "francis evidence add" in result.stdout.split("Examples:")[1]


@pytest.mark.parametrize(
    ("ref", "what", "rel"),
    [
        ("org-a:1", "org-a action 1", W),
        ("test-set:1", "org-a 1", A),
        ("2", "org-a action 2", W),
        ("3", "org-a 3", A),
    ],
)
def test_a_flat_workplan_is_read_as_signoff_reads_it(
    tracker: Tracker, run_cli: RunCli, ref: str, what: str, rel: str
) -> None:
    tracker.write(A, FLAT_ASSESSMENT)
    tracker.write(W, FLAT_WORKPLAN)
    result = run_cli("evidence", "add", "org-a", ref, "--title", "T", "--location", "data", root=tracker.root)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"added evidence 'T' to {what} in {rel}\n", "")


def test_a_bare_id_both_assessed_and_an_action_is_refused(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, FLAT_ASSESSMENT)
    tracker.write(W, FLAT_WORKPLAN)
    before = _stat(tracker, A), _stat(tracker, W)
    result = run_cli("evidence", "add", "org-a", "1", "--title", "T", "--location", "data", root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "francis: '1' is both an assessment of recommendation 1 and an action of 'org-a': "
        "write test-set:1 for the assessment or org-a:1 for the action\n"
    )
    assert (_stat(tracker, A), _stat(tracker, W)) == before
