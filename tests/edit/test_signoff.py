"""`francis signoff` (`edit.signoff`): a sign-off appended where the item stands, comments and every
other line kept; its fingerprint is the item's; usage errors are one line, exit 2."""

from __future__ import annotations

import pytest

from francis_cli.models.assessment import fingerprint
from francis_cli.tracker.corpus import load_tracker

from ..conftest import RunCli, Tracker

A, W = "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"

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
"""


def test_signoff_of_an_assessment_adds_only_its_lines(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, COMMENTED)
    result = run_cli("signoff", "org-a", "1", "--by", "CFO", "--date", "2024-02-01", root=tracker.root)
    assert (result.exit_code, result.stderr) == (0, "")
    entry = next(e for e in load_tracker(tracker.root).assessments if e.model.recommendation == 1)
    print_ = fingerprint(entry.model)
    assert (tracker.root / A).read_text(encoding="utf-8") == COMMENTED.replace(
        '    actions: ["1.1"]\n',
        '    actions: ["1.1"]\n    signoffs:\n      - by: CFO\n        date: 2024-02-01\n'
        f"        fingerprint: {print_}\n",
    )
    assert entry.model.signoffs[0].fingerprint == print_
    again = run_cli("signoff", "org-a", "1", "--by", "CFO", "--date", "2024-02-02", root=tracker.root)
    assert again.exit_code == 2
    assert again.stderr == "francis: CFO has already signed off 1 of 'org-a' as it stands: nothing to change\n"
    second = run_cli("signoff", "org-a", "1", "--by", "DoQ", "--date", "2024-02-02", root=tracker.root)
    assert second.exit_code == 0
    text = (tracker.root / A).read_text(encoding="utf-8")
    assert text.count("      - by: ") == 2 and text.index("by: CFO") < text.index("by: DoQ")
    assert run_cli("check", root=tracker.root).stdout == ""


def test_signoff_of_an_action_and_its_dry_run(tracker: Tracker, run_cli: RunCli) -> None:
    before = (tracker.root / W).read_bytes()
    dry = run_cli("signoff", "org-a", "1.1", "--by", "CFO", "--date", "2024-02-01", "--dry-run", root=tracker.root)
    assert dry.exit_code == 0
    assert dry.stdout.splitlines()[:2] == [f"--- a/{W}", f"+++ b/{W}"]
    assert "+        signoffs:" in dry.stdout.splitlines()
    assert (tracker.root / W).read_bytes() == before
    assert run_cli("signoff", "org-a", "1.1", "--by", "CFO", root=tracker.root).exit_code == 0
    action = next(e for e in load_tracker(tracker.root).actions if e.model.id == "1.1")
    assert action.model.signoffs[0].by == "CFO"


def test_the_actions_own_lead_is_refused_by_validation(tracker: Tracker, run_cli: RunCli) -> None:
    before = (tracker.root / W).read_bytes()
    result = run_cli("signoff", "org-a", "1.1", "--by", "DoQ", "--date", "2024-02-01", root=tracker.root)
    assert result.exit_code == 1
    assert "error signoff-by-lead action '1.1' is signed off by DoQ, its own lead" in result.stderr
    assert (tracker.root / W).read_bytes() == before
    tracker.write("francis.yaml", "default_set: test-set\nsignoff:\n  allow_lead: true\n")
    assert run_cli("signoff", "org-a", "1.1", "--by", "DoQ", "--date", "2024-02-01", root=tracker.root).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("org-a", "1", "--by", "CEO"),
            "--by 'CEO' is not a role of 'org-a' (its roles: DoQ, CFO) (did you mean 'CFO'?)",
        ),
        (
            ("org-a", "3", "--by", "CFO"),
            "'org-a' has no assessment of recommendation 3 in set 'test-set', nor an action '3'",
        ),
        (("org-a", "1.3", "--by", "CFO"), "'org-a' has no action '1.3' (did you mean '1.2', '1.1'?)"),
        (
            ("org-z", "1", "--by", "CFO"),
            "no organisation 'org-z' in data/organisations.yaml (organisations: org-a, org-b)",
        ),
        (("org-a", "1", "--by", "CFO", "--date", "1 May"), "--date: '1 May' is not a date written YYYY-MM-DD"),
    ],
)
def test_usage_errors_are_one_line(tracker: Tracker, run_cli: RunCli, args: tuple[str, ...], message: str) -> None:
    before = (tracker.root / A).read_bytes()
    result = run_cli("signoff", *args, root=tracker.root)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"francis: {message}\n")
    assert (tracker.root / A).read_bytes() == before


FLAT_ASSESSMENT = """\
organisation: org-a
assessed: 2024-01-15
assessments:
  - recommendation: 1
    rating: amber
    position: Partly in place.
  - recommendation: 3
    rating: green
    position: In place.
"""

FLAT_WORKPLAN = """\
organisation: org-a
title: Workplan
actions:
  - id: "1"
    title: Write the strategy
    lead: DoQ
  - id: "2"
    title: Agree the budget
    lead: DoQ
"""


@pytest.fixture
def flat(tracker: Tracker) -> Tracker:
    """Actions numbered 1, 2 like the recommendations: 1 is both assessed and an action id."""
    tracker.write(A, FLAT_ASSESSMENT)
    tracker.write(W, FLAT_WORKPLAN)
    return tracker


def _signed(root: Tracker) -> dict[str, list[str]]:
    corpus = load_tracker(root.root)
    found = {f"rec {e.model.recommendation}": [s.by for s in e.model.signoffs] for e in corpus.assessments}
    found.update({f"action {e.model.id}": [s.by for s in e.model.signoffs] for e in corpus.actions})
    return found


@pytest.mark.parametrize(
    ("ref", "signed"),
    [("org-a:1", "action 1"), ("test-set:1", "rec 1"), ("2", "action 2"), ("3", "rec 3"), ("org-a:2", "action 2")],
)
def test_a_flat_workplan_is_read_by_the_form_of_ref(flat: Tracker, run_cli: RunCli, ref: str, signed: str) -> None:
    result = run_cli("signoff", "org-a", ref, "--by", "CFO", "--date", "2024-02-01", root=flat.root)
    assert (result.exit_code, result.stderr) == (0, "")
    assert {k: v for k, v in _signed(flat).items() if v} == {signed: ["CFO"]}


def test_a_bare_id_both_assessed_and_an_action_is_refused(flat: Tracker, run_cli: RunCli) -> None:
    before = (flat.root / A).read_bytes(), (flat.root / W).read_bytes()
    result = run_cli("signoff", "org-a", "1", "--by", "CFO", root=flat.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "francis: '1' is both an assessment of recommendation 1 and an action of 'org-a': "
        "write test-set:1 for the assessment or org-a:1 for the action\n"
    )
    assert ((flat.root / A).read_bytes(), (flat.root / W).read_bytes()) == before


def test_an_org_prefix_is_always_an_action_of_that_organisation(flat: Tracker, run_cli: RunCli) -> None:
    missing = run_cli("signoff", "org-a", "org-a:3", "--by", "CFO", root=flat.root)
    assert (missing.exit_code, missing.stderr) == (2, "francis: 'org-a' has no action '3'\n")
    other = run_cli("signoff", "org-a", "org-b:1", "--by", "CFO", root=flat.root)
    assert other.stderr == "francis: 'org-b:1' is of organisation 'org-b', not of ORG 'org-a': give one organisation\n"
