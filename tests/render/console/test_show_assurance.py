"""`francis show` prints an item's evidence (a stale record marked, a description said to be only
described), its assurance and its sign-offs (a lapsed one marked), as of --as-of."""

from __future__ import annotations

from francis_cli.models.assessment import Assessment, fingerprint

from ...conftest import RunCli, Tracker

A = "data/assessments/org-a.yaml"
ENTRY = {"recommendation": 2, "rating": "green", "position": "In place."}
EVIDENCE = """\
    evidence:
      - Board minutes, May
      - title: Quality schedule
        location: docs/schedule.pdf
        produced: 2013-04-01
        owner: DoQ
        review: 2014-03-31
    assurance: limited
"""


def _write(tracker: Tracker, signoffs: str) -> None:
    tracker.write("docs/schedule.pdf", "%PDF")
    text = (tracker.root / A).read_text(encoding="utf-8")
    tracker.write(A, text.replace("    position: In place.\n", "    position: In place.\n" + EVIDENCE + signoffs))


def test_show_prints_evidence_assurance_and_signoffs(tracker: Tracker, run_cli: RunCli) -> None:
    model = Assessment.model_validate(
        {
            **ENTRY,
            "assurance": "limited",
            "evidence": [
                "Board minutes, May",
                {"title": "Quality schedule", "location": "docs/schedule.pdf", "produced": "2013-04-01"}
                | {"owner": "DoQ", "review": "2014-03-31"},
            ],
        }
    )
    print_ = fingerprint(model)
    _write(tracker, f"    signoffs:\n      - by: CFO\n        date: 2013-06-01\n        fingerprint: {print_}\n")
    on_time = run_cli("show", "2", "--as-of", "2014-03-31", root=tracker.root)
    assert on_time.exit_code == 0, on_time.stderr
    said = " ".join(on_time.stdout.split())  # as read, whatever the terminal's width wrapped
    assert (
        "Evidence (2) • Board minutes, May (described, not recorded) • Quality schedule — docs/schedule.pdf, "
        "produced 2013-04-01, owner DoQ, review 2014-03-31 Assurance: limited assurance Signed off (1) "
        f"• CFO, 2013-06-01 ({print_[7:19]}) Actions"
    ) in said
    late = " ".join(run_cli("show", "2", "--as-of", "2014-04-01", root=tracker.root).stdout.split())
    assert "review 2014-03-31 — STALE Assurance" in late and "STALE" not in said


def test_show_marks_a_signoff_the_content_has_outgrown(tracker: Tracker, run_cli: RunCli) -> None:
    old = fingerprint(Assessment.model_validate(ENTRY))
    _write(tracker, f"    signoffs:\n      - by: CFO\n        date: 2013-06-01\n        fingerprint: {old}\n")
    out = " ".join(run_cli("show", "2", "--as-of", "2014-03-01", root=tracker.root).stdout.split())
    assert f"• CFO, 2013-06-01 ({old[7:19]}) — content changed since: approve again" in out
