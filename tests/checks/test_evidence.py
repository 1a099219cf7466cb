"""Rules of evidence, assurance and sign-off (`checks.evidence`), each at its line and column, through
`francis check` on a small tracker; staleness at its boundaries (the day before, on, after)."""

from __future__ import annotations

from datetime import date

import pytest

from francis_cli.checks.evidence import evidence
from francis_cli.models.assessment import Assessment, fingerprint
from francis_cli.models.workplan import Action
from francis_cli.tracker.corpus import load_tracker

from ..conftest import WORKPLAN, RunCli, Tracker

A, W = "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"


def assessment(*lines: str) -> str:
    body = "".join(f"    {line}\n" for line in lines)
    return f"organisation: org-a\nassessments:\n  - recommendation: 1\n    rating: green\n    position: P.\n{body}"


RECORD = (
    "evidence:",
    "  - Described only",
    "  - title: Quality schedule",
    "    location: docs/schedule.pdf",
    "    owner: DoQ",
    "    review: 2014-03-31",
)


def problems(run_cli: RunCli, tracker: Tracker) -> list[str]:
    return run_cli("check", root=tracker.root).stdout.splitlines()


def test_a_current_record_on_an_existing_path_is_clean(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("docs/schedule.pdf", "%PDF")
    tracker.write(A, assessment(*RECORD[:-1], "    review: 2999-12-31", "assurance: reasonable"))
    result = run_cli("check", root=tracker.root)
    assert (result.exit_code, result.stdout) == (0, ""), result.stdout


def test_location_owner_and_staleness_at_their_keys(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, assessment(*RECORD[:4], "    owner: DoX", "    review: 2014-03-31"))
    assert problems(run_cli, tracker) == [
        f"{A}:9:19: error evidence-missing evidence 'Quality schedule': no file or folder 'docs/schedule.pdf' "
        "in the repository (a path from the tracker's root)",
        f"{A}:10:16: error unknown-role 'org-a' has no role 'DoX' (roles are listed in data/organisations.yaml) "
        "(did you mean 'DoQ'?)",
        f"{A}:11:17: warning evidence-stale evidence 'Quality schedule' of recommendation 1 was due for review on "
        "2014-03-31; the rating 'green' rests on it: review it, and record the new date",
    ]


@pytest.mark.parametrize("where", ["/etc/passwd", "../outside.pdf", "C:/docs/x.pdf"])
def test_a_location_outside_the_tracker_is_refused(tracker: Tracker, run_cli: RunCli, where: str) -> None:
    tracker.write("outside.pdf", "x")
    tracker.write(A, assessment("evidence:", "  - title: T", f"    location: '{where}'"))
    assert problems(run_cli, tracker) == [
        f"{A}:8:19: error evidence-missing evidence 'T': '{where}' is not a path inside the tracker nor a URL "
        "(https://...)"
    ]


def test_a_url_is_not_looked_for(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, assessment("evidence:", "  - title: T", "    location: https://example.org/no-such-page"))
    assert problems(run_cli, tracker) == []


def test_assurance_and_the_best_rating_need_current_recorded_evidence(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(A, assessment("evidence: [Described only]", "assurance: substantial").replace("green", "blue"))
    result = run_cli("check", root=tracker.root)
    assert result.stdout.splitlines() == [
        f"{A}:4:13: warning rating-without-evidence recommendation 1 is rated 'blue', the best of the scheme, but "
        "no evidence is recorded (title, location, dates)",
        f"{A}:7:16: error assurance-without-evidence recommendation 1 claims substantial assurance but no "
        "evidence is recorded (title, location, dates): record current evidence, or lower the assurance",
    ]
    assert result.exit_code == 1
    tracker.write("docs/schedule.pdf", "%PDF")
    tracker.write(A, assessment(*RECORD, "assurance: reasonable").replace("green", "blue"))
    assert [line.split(" ")[2] for line in problems(run_cli, tracker)] == [
        "rating-without-evidence",
        "evidence-stale",
        "assurance-without-evidence",
    ]
    assert "its recorded evidence has lapsed" in problems(run_cli, tracker)[0]
    tracker.write(A, assessment(*RECORD, "assurance: limited"))  # limited, green: no claim to support
    assert [line.split(" ")[2] for line in problems(run_cli, tracker)] == ["evidence-stale"]


@pytest.mark.parametrize(
    ("as_of", "stale"), [(date(2014, 3, 30), False), (date(2014, 3, 31), False), (date(2014, 4, 1), True)]
)
def test_staleness_boundaries(tracker: Tracker, as_of: date, stale: bool) -> None:
    tracker.write("docs/schedule.pdf", "%PDF")
    tracker.write(A, assessment(*RECORD, "assurance: reasonable"))
    codes = sorted(p.code for p in evidence(load_tracker(tracker.root), as_of))
    assert codes == (["assurance-without-evidence", "evidence-stale"] if stale else [])


def test_expires_before_review_is_what_lapses(tracker: Tracker) -> None:
    tracker.write("docs/schedule.pdf", "%PDF")
    tracker.write(A, assessment(*RECORD, "    expires: 2014-02-28"))
    found = list(evidence(load_tracker(tracker.root), date(2014, 3, 1)))
    assert [(p.line, p.col, p.code) for p in found] == [(12, 18, "evidence-stale")]
    assert "expired on 2014-02-28" in found[0].message


def _signed(text: str, by: str, print_: str) -> str:
    return (
        text
        + f"        signoffs:\n          - by: {by}\n            date: 2024-02-01\n            fingerprint: {print_}\n"
    )


def _action_print(tracker: Tracker) -> str:
    corpus = load_tracker(tracker.root)
    return fingerprint(next(a.model for a in corpus.actions if a.model.id == "1.2"))


def test_signoff_rules_on_actions(tracker: Tracker, run_cli: RunCli) -> None:
    now = _action_print(tracker)
    tracker.write(W, _signed(WORKPLAN, "CFO", now))  # 1.2 is led by DoQ and CFO
    assert problems(run_cli, tracker) == [
        f"{W}:19:17: error signoff-by-lead action '1.2' is signed off by CFO, its own lead: another role must "
        "approve it (or set `signoff: allow_lead: true` in francis.yaml)"
    ]
    tracker.write("francis.yaml", "default_set: test-set\nsignoff:\n  allow_lead: true\n")
    assert problems(run_cli, tracker) == []
    tracker.write(W, _signed(WORKPLAN, "CFO", now).replace("Agree the budget", "Agree the budget  # same"))
    assert problems(run_cli, tracker) == []  # a comment is not a change of meaning
    tracker.write(W, _signed(WORKPLAN, "XYZ", now).replace("Agree the budget", "Agree the whole budget"))
    assert problems(run_cli, tracker) == [
        f"{W}:19:17: error unknown-role 'org-a' has no role 'XYZ' (roles are listed in data/organisations.yaml)",
        f"{W}:21:26: warning signoff-stale action '1.2' of 'org-a' changed after XYZ signed it off on 2024-02-01: "
        "it must be approved again (francis signoff)",
    ]


def test_a_done_action_needs_a_signoff_when_required(tracker: Tracker, run_cli: RunCli) -> None:
    done = WORKPLAN.replace(
        "        due: 2024-Q2\n", "        due: 2024-Q2\n        status: done\n        completed: 2024-03-01\n"
    )
    tracker.write(W, done)
    assert problems(run_cli, tracker) == []
    tracker.write("francis.yaml", "default_set: test-set\nsignoff:\n  require_for_done: true\n")
    assert problems(run_cli, tracker) == [
        f"{W}:18:17: warning signoff-missing action '1.2' is done but no sign-off approves it as it stands "
        "(francis signoff)"
    ]
    model = Action.model_validate(
        {"id": "1.2", "title": "Agree the budget", "lead": ["DoQ", "CFO"], "due": "2024-Q2"}
        | {"status": "done", "completed": "2024-03-01"}
    )
    tracker.write(W, _signed(done, "CFO", fingerprint(model)))
    tracker.write("francis.yaml", "default_set: test-set\nsignoff:\n  require_for_done: true\n  allow_lead: true\n")
    assert problems(run_cli, tracker) == []


def test_an_assessments_signoff_follows_its_content(tracker: Tracker, run_cli: RunCli) -> None:
    text = assessment()
    model = Assessment.model_validate({"recommendation": 1, "rating": "green", "position": "P."})
    signed = (
        text + f"    signoffs:\n      - by: DoQ\n        date: 2024-02-01\n        fingerprint: {fingerprint(model)}\n"
    )
    tracker.write(A, signed.replace("position: P.", "position: 'P.'  # quoted now"))
    assert problems(run_cli, tracker) == []
    tracker.write(A, signed.replace("rating: green", "rating: amber"))
    assert [line.split(" ")[2] for line in problems(run_cli, tracker)] == ["signoff-stale"]


def test_a_symlink_leading_outside_and_a_fifo_are_not_evidence(tracker: Tracker, run_cli: RunCli) -> None:
    """A path must be the repository's own: a symlink to /etc is not, nor a FIFO (nothing to read)."""
    import os

    (tracker.root / "ev").mkdir()
    os.symlink("/etc/passwd", tracker.root / "ev" / "out")
    os.symlink("/etc", tracker.root / "ev" / "outdir")
    os.mkfifo(tracker.root / "ev" / "fifo")
    tracker.write("ev/inside.pdf", "%PDF")
    os.symlink("inside.pdf", tracker.root / "ev" / "link.pdf")  # a symlink inside the tracker is fine
    records = [f"  - title: {n}\n    location: ev/{n}" for n in ("out", "outdir/passwd", "fifo", "link.pdf")]
    tracker.write(A, assessment("evidence:", *"\n".join(records).split("\n")))
    assert problems(run_cli, tracker) == [
        f"{A}:8:19: error evidence-missing evidence 'out': 'ev/out' leads outside the tracker (through a symlink)",
        f"{A}:10:19: error evidence-missing evidence 'outdir/passwd': 'ev/outdir/passwd' leads outside the "
        "tracker (through a symlink)",
        f"{A}:12:19: error evidence-missing evidence 'fifo': 'ev/fifo' is not a file or folder",
    ]
