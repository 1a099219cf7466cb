"""The board paper's decisions, assurance and re-dated actions (`views.assurance`, through `views.paper.build`).

The tracker is the paper fixture with decisions, an assurance level, evidence records (one current, one
expired), sign-offs made with `francis signoff` (one still current, one voided by a later change of the
position) and a due date moved with a reason: every figure is checked against what `check` says."""

from __future__ import annotations

from datetime import date

from francis_cli.checks.evidence import evidence
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.paper import build

from ..conftest import CATALOGUE, RunCli, Tracker
from ..papers import AS_OF

ASSURED = """\
organisation: org-a
assessed: 2024-01-15
scope: 1-3
assessments:
  - recommendation: 1
    rating: amber
    position: Partly in place.
    decision: accepted
    decided: 2024-02-01
    decided_by: Trust Board
    assurance: reasonable
    evidence:
      - title: Quality schedule 2024/25
        location: evidence/quality-schedule.txt
        produced: 2024-01-10
        owner: DoQ
        review: 2024-12-31
      - Board minutes of January
  - recommendation: 2
    rating: green
    position: In place.
    decision: accepted-in-part
    reason: Only the audit part applies to a community trust.
    decided: 2024-02-01
    decided_by: Quality Committee
    assurance: limited
    evidence:
      - title: Audit report 2023
        location: https://example.nhs.uk/audit-2023
        produced: 2023-05-01
        expires: 2024-05-01
  - recommendation: 3
    applicable: false
    reason: A national matter.
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
        due: 2024-03
        status: in-progress
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
        evidence:
          - title: The published response
            location: https://example.nhs.uk/francis-response
            produced: 2024-02-20
            owner: CFO
"""

REASON = "The executive asked for a second consultation with the staff side."


def assured(tracker: Tracker, run_cli: RunCli) -> Tracker:
    """The paper fixture with everything a board asks of assurance, recorded through the edit commands
    where there is one: decisions, sign-offs (one then voided), and a due date moved with its reason."""
    tracker.write("data/recommendations/test-set.yaml", CATALOGUE.replace("themes:", "respond_by: 2024-03-31\nthemes:"))
    tracker.write("data/assessments/org-a.yaml", ASSURED)
    tracker.write("data/workplan/org-a.yaml", WORKPLAN)
    tracker.write("evidence/quality-schedule.txt", "The quality schedule.\n")
    for args in (
        ("signoff", "org-a", "1", "--by", "CFO", "--date", "2024-02-05"),
        ("signoff", "org-a", "2", "--by", "CFO", "--date", "2024-02-05"),
        ("signoff", "org-a", "1.3", "--by", "DoQ", "--date", "2024-02-21"),
        ("assess", "org-a", "2", "--position", "In place, audited in April."),
        ("action", "update", "org-a", "1.1", "--due", "2024-06", "--reason", REASON, "--date", "2024-03-20"),
    ):
        result = run_cli(*args, root=tracker.root)
        assert result.exit_code == 0, (args, result.stderr)
    return tracker


def test_decisions_counts_and_the_late_ones(paper: Tracker, run_cli: RunCli) -> None:
    view = build(load_tracker(assured(paper, run_cli).root), as_of=date.fromisoformat(AS_OF))
    assert (view.respond_by, view.clock_run) == (date(2024, 3, 31), True)
    d = view.organisations[0].decisions
    assert d is not None
    assert [(r.number, r.label, r.reason, r.decided, r.decided_by) for r in d.rows] == [
        (1, "Accepted", None, date(2024, 2, 1), "Trust Board"),
        (
            2,
            "Accepted in part",
            "Only the audit part applies to a community trust.",
            date(2024, 2, 1),
            "Quality Committee",
        ),
    ]
    assert {c.id: c.count for c in d.counts} == {
        "accepted": 1,
        "accepted-in-part": 1,
        "not-accepted": 0,
        "not-applicable": 0,
    }
    assert (d.in_scope, d.undecided, d.late, d.late_numbers) == (3, 1, [3], "3")
    before = build(load_tracker(paper.root), as_of=date(2024, 3, 31))
    assert not before.clock_run and before.organisations[0].decisions is not None
    assert before.organisations[0].decisions.late == []  # on the last day to decide, nothing is late yet


def test_assurance_agrees_with_check(paper: Tracker, run_cli: RunCli) -> None:
    """Stale evidence and a voided sign-off are exactly what `check` warns about, judged on the same day."""
    root = assured(paper, run_cli).root
    as_of = date.fromisoformat(AS_OF)
    view = build(load_tracker(root), as_of=as_of)
    s = view.organisations[0].assurance
    assert s is not None
    assert (s.assessed, s.evidence_records, s.evidence_stale, s.evidence_described) == (3, 2, 1, 1)
    assert {c.id: c.count for c in s.levels} == {
        "substantial": 0,
        "reasonable": 1,
        "limited": 1,
        "no-assurance": 0,
        "not-stated": 1,
    }
    assert {c.id: c.count for c in s.signoffs} == {"current": 1, "stale": 1, "missing": 1}
    one, two = s.items
    assert (one.ref, one.state, two.ref, two.state) == ("1", "current", "2", "stale")
    assert one.approval == "Approved by CFO (Chief Finance Officer) on 5 February 2024; unchanged since."
    assert two.approval == (
        "Changed since CFO (Chief Finance Officer) approved it on 5 February 2024: it must be approved again."
    )
    record, described = one.evidence
    assert record.facts == [
        "at evidence/quality-schedule.txt",
        "produced 10 January 2024",
        "owned by DoQ (Director of Quality)",
        "review by 31 December 2024",
    ]
    assert (record.standing, described.standing) == ("Current", "Described, not recorded")
    assert two.evidence[0].standing == "Stale: it has expired"
    (action,) = s.actions
    assert (action.ref, action.state, action.status_label) == ("1.3", "current", "Done")
    assert {c.id: c.count for c in s.action_signoffs} == {"current": 1, "stale": 0, "missing": 0}
    assert view.organisations[0].assured == (
        "Decisions and assurance: 2 of the 3 in scope decided, 1 not decided in time; 1 of the 3 assessed signed off "
        "as they stand, 1 changed since sign-off; 1 of 2 evidence records stale."
    )
    found = sorted(
        (p.code, p.line) for p in evidence(load_tracker(root), as_of) if p.code.startswith(("signoff", "evid"))
    )
    assert [code for code, _ in found] == ["evidence-stale", "signoff-stale"]


def test_a_changed_action_voids_its_sign_off(paper: Tracker, run_cli: RunCli) -> None:
    root = assured(paper, run_cli).root
    result = run_cli("action", "update", "org-a", "1.3", "--title", "Publish the response online", root=root)
    assert result.exit_code == 0, result.stderr
    s = build(load_tracker(root), as_of=date.fromisoformat(AS_OF)).organisations[0].assurance
    assert s is not None and [(a.ref, a.state) for a in s.actions] == [("1.3", "stale")]
    assert {c.id: c.count for c in s.action_signoffs} == {"current": 0, "stale": 1, "missing": 0}


def test_redated_actions_carry_their_reasons(paper: Tracker, run_cli: RunCli) -> None:
    org = build(load_tracker(assured(paper, run_cli).root), as_of=date.fromisoformat(AS_OF)).organisations[0]
    (moved,) = org.redated
    (change,) = moved.changes
    assert (moved.id, moved.overdue) == ("1.1", False)
    assert (change.was, change.now, change.days, change.date, change.reason) == (
        "March 2024",
        "June 2024",
        91,
        date(2024, 3, 20),
        REASON,
    )
    assert org.due_changes("1.1") == [change] and org.due_changes("1.2") == []


def test_nothing_recorded_means_nothing_claimed(paper: Tracker) -> None:
    """The plain fixture: no decision, no level, no record, no sign-off, and no clock."""
    view = build(load_tracker(paper.root), as_of=date.fromisoformat(AS_OF))
    assert (view.respond_by, view.clock_run) == (None, False)
    org = view.organisations[0]
    assert org.decisions is not None and org.assurance is not None
    assert (org.decisions.rows, org.decisions.in_scope, org.decisions.late) == ([], None, [])
    assert (org.assurance.items, org.assurance.evidence_records, org.assurance.evidence_described) == ([], 0, 1)
    assert {c.id: c.count for c in org.assurance.signoffs} == {"current": 0, "stale": 0, "missing": 3}
    assert [a.ref for a in org.assurance.actions] == ["1.3"]  # done, not signed off
    assert {c.id: c.count for c in org.assurance.action_signoffs}["missing"] == 1
    assert org.redated == [] and org.assured is None
