"""`remind` (`views.remind`): one digest per organisation and lead, built on `overdue`; the bundled
tracker's digests as golden files, and `calendar`'s view of the due dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import icalendar

from francis_cli.render.remind import digest_files, digest_markdown
from francis_cli.tracker.corpus import load_tracker
from francis_cli.views.overdue import overdue
from francis_cli.views.remind import due_calendar, reminders

from ..conftest import REPO, RunCli, Tracker

UNLED = """\
      - id: "1.3"
        title: Nobody's job
        due: 2024-02
"""


def _digests(tracker: Tracker, as_of: date, within: int) -> dict[str | None, dict[str, list[tuple[str, int]]]]:
    found = reminders(load_tracker(tracker.root), as_of=as_of, within=within)
    return {d.lead: {s.key: [(i.id, i.days) for i in s.items] for s in d.sections} for d in found.digests}


def test_one_digest_per_lead_with_something_to_report(tracker: Tracker) -> None:
    # 1.1 (DoQ) is due 2024-03: 15 days overdue on 15 April; 1.2 (DoQ and CFO) is due 2024-Q2, 76 days on
    assert _digests(tracker, date(2024, 4, 15), 14) == {"DoQ": {"overdue": [("1.1", 15)], "due-soon": []}}
    assert _digests(tracker, date(2024, 4, 15), 76) == {
        "DoQ": {"overdue": [("1.1", 15)], "due-soon": [("1.2", 76)]},
        "CFO": {"overdue": [], "due-soon": [("1.2", 76)]},
    }
    assert _digests(tracker, date(2024, 4, 15), 75) == {"DoQ": {"overdue": [("1.1", 15)], "due-soon": []}}


def test_a_shared_action_names_the_other_leads_and_unled_actions_come_last(tracker: Tracker) -> None:
    tracker.write("data/workplan/org-a.yaml", (tracker.root / "data/workplan/org-a.yaml").read_text() + UNLED)
    found = reminders(load_tracker(tracker.root), as_of=date(2024, 6, 30), within=0)
    assert [d.lead for d in found.digests] == ["DoQ", "CFO", None]
    doq, cfo, unled = found.digests
    assert doq.sections[1].items[0].others == [("CFO", "Chief Finance Officer")]
    assert cfo.sections[1].items[0].others == [("DoQ", "Director of Quality")]
    assert (cfo.lead_title, unled.lead_title) == ("Chief Finance Officer", None)
    assert [(i.id, i.days) for i in unled.sections[0].items] == [("1.3", 122)]
    assert doq.sections[1].items[0].days == 0
    assert "due 30 June 2024, due today" not in digest_markdown(found, doq)  # a quarter says its end
    assert "due Q2 2024 (by 30 June 2024), due today" in digest_markdown(found, doq)
    assert list(digest_files(found)) == [
        "org-a/DoQ.md",
        "org-a/DoQ.eml",
        "org-a/CFO.md",
        "org-a/CFO.eml",
        "org-a/_no-lead.md",
        "org-a/_no-lead.eml",
    ]


def test_every_overdue_action_is_in_each_of_its_leads_digests() -> None:
    corpus = load_tracker(REPO)
    as_of = date(2013, 10, 1)
    expected = {
        (lead, a.id) for a in overdue(corpus, as_of=as_of).overdue for lead in [r for r, _ in a.leads] or [None]
    }
    found = reminders(corpus, as_of=as_of, within=14)
    assert {
        (d.lead, i.id) for d in found.digests for s in d.sections if s.key == "overdue" for i in s.items
    } == expected
    assert found.until == date(2013, 10, 15)


def test_a_horizon_past_the_calendar_is_its_last_day(tracker: Tracker) -> None:
    found = reminders(load_tracker(tracker.root), as_of=date(2024, 4, 15), within=10**9)
    assert found.until == date.max
    assert [i.id for i in found.digests[0].sections[1].items] == ["1.2"]


def test_bundled_digests_on_20_august_2013(run_cli: RunCli, golden: Callable[[str, str], None]) -> None:
    result = run_cli("remind", "--as-of", "2013-08-20", root=REPO)
    assert result.exit_code == 0, result.stderr
    golden("remind-bundled.md", result.stdout)


def test_bundled_digests_for_thirty_days(run_cli: RunCli, golden: Callable[[str, str], None]) -> None:
    result = run_cli("remind", "--as-of", "2013-10-01", "--within", "30", "--org", "merton-ccg", root=REPO)
    assert result.exit_code == 0, result.stderr
    golden("remind-bundled-30.md", result.stdout)


def test_nothing_to_remind_of_prints_nothing_and_says_so(run_cli: RunCli, tracker: Tracker) -> None:
    result = run_cli("remind", "--as-of", "2024-01-01", root=tracker.root)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "nothing is overdue and nothing falls due in the next 14 days\n"


def test_the_calendar_has_every_open_action_with_a_due_date_on_its_last_day(tracker: Tracker) -> None:
    tracker.write(
        "data/workplan/org-a.yaml",
        (tracker.root / "data/workplan/org-a.yaml").read_text()
        + UNLED.replace("1.3", "1.4")
        + '      - {id: "1.5", title: Closed, lead: CFO, due: 2024-01, status: dropped}\n'
        + '      - {id: "1.6", title: Undated, lead: CFO}\n',
    )
    cal = due_calendar(load_tracker(tracker.root))
    assert [(e.id, e.due, e.day, e.recommendations) for e in cal.events] == [
        ("1.1", "2024-03", date(2024, 3, 31), ["1"]),
        ("1.2", "2024-Q2", date(2024, 6, 30), []),
        ("1.4", "2024-02", date(2024, 2, 29), []),
    ]
    assert [e.id for e in due_calendar(load_tracker(tracker.root), leads=["CFO"]).events] == ["1.2"]
    assert due_calendar(load_tracker(tracker.root), orgs=["org-b"]).events == []
    assert due_calendar(load_tracker(tracker.root), orgs=["org-a"], leads=["CFO"]).name == (
        "Workplan due dates — org-a — CFO"
    )


RECORDS = """\
    evidence:
      - title: Quality schedule
        location: francis.yaml
        owner: CFO
        review: 2024-04-20
      - title: Board minutes
        location: https://example.org/minutes
        expires: 2024-04-10
"""


def _with_evidence(tracker: Tracker) -> Tracker:
    text = (tracker.root / "data/assessments/org-a.yaml").read_text(encoding="utf-8")
    tracker.write(
        "data/assessments/org-a.yaml", text.replace("    position: In place.\n", "    position: In place.\n" + RECORDS)
    )
    return tracker


def _evidence_days(tracker: Tracker, as_of: date, within: int) -> dict[str | None, list[tuple[str, int]]]:
    found = reminders(load_tracker(tracker.root), as_of=as_of, within=within)
    return {
        d.lead: [(e.title, e.days) for s in d.sections if s.key == "evidence" for e in s.items] for d in found.digests
    }


def test_evidence_lapsing_goes_to_its_owner_and_unowned_evidence_to_the_no_lead_digest(tracker: Tracker) -> None:
    _with_evidence(tracker)
    # on 15 April: Board minutes (no owner) lapsed on the 10th, 5 days stale; Quality schedule (CFO) lapses in 5
    assert _evidence_days(tracker, date(2024, 4, 15), 4) == {"DoQ": [], None: [("Board minutes", 5)]}
    assert _evidence_days(tracker, date(2024, 4, 15), 5) == {
        "DoQ": [],
        "CFO": [("Quality schedule", -5)],
        None: [("Board minutes", 5)],
    }
    found = reminders(load_tracker(tracker.root), as_of=date(2024, 4, 15), within=5)
    doq, cfo, unowned = found.digests
    assert [s.key for s in doq.sections] == ["overdue", "due-soon"]  # no evidence: no section
    assert [s.key for s in cfo.sections] == ["overdue", "due-soon", "evidence"]
    text = digest_markdown(found, cfo)
    assert "As of 15 April 2024: 0 overdue, 0 falling due by 20 April 2024, 1 evidence record to review.\n" in text
    assert "## Evidence that lapses by 20 April 2024, or has lapsed: 1\n" in text
    assert (
        "- **Quality schedule** (francis.yaml), evidence for recommendation 2: lapses 20 April 2024, 5 days left. "
        "(data/assessments/org-a.yaml:12)\n"
    ) in text
    unowned_text = digest_markdown(found, unowned)
    assert unowned_text.startswith("# Reminders for evidence with no owner, Organisation A\n")
    assert "1 evidence record to review (1 lapsed)" in unowned_text
    assert "lapsed 10 April 2024, stale for 5 days." in unowned_text
    assert list(digest_files(found))[-2:] == ["org-a/_no-lead.md", "org-a/_no-lead.eml"]


def test_evidence_is_current_on_its_day_and_stale_the_day_after(tracker: Tracker) -> None:
    _with_evidence(tracker)
    on_the_day = reminders(load_tracker(tracker.root), as_of=date(2024, 4, 20), within=0)
    cfo = next(d for d in on_the_day.digests if d.lead == "CFO")
    assert "lapses 20 April 2024, today." in digest_markdown(on_the_day, cfo) and cfo.stale() == 0
    assert _evidence_days(tracker, date(2024, 4, 21), 0)["CFO"] == [("Quality schedule", 1)]
    day_after = reminders(load_tracker(tracker.root), as_of=date(2024, 4, 21), within=0)
    cfo = next(d for d in day_after.digests if d.lead == "CFO")
    assert "lapsed 20 April 2024, stale for 1 day." in digest_markdown(day_after, cfo) and cfo.stale() == 1


def test_the_calendar_has_each_evidence_day_with_uids_that_survive_reordering(tracker: Tracker) -> None:
    from francis_cli.render.calendar import evidence_uid

    _with_evidence(tracker)
    path = "data/assessments/org-a.yaml"
    cal = due_calendar(load_tracker(tracker.root))
    assert [(e.title, e.which, e.day, e.owner, e.ref, e.line) for e in cal.evidence] == [
        ("Quality schedule", "review", date(2024, 4, 20), ("CFO", "Chief Finance Officer"), "test-set:2", 15),
        ("Board minutes", "expires", date(2024, 4, 10), None, "test-set:2", 18),
    ]
    uids = {evidence_uid(e) for e in cal.evidence}
    assert all(u.startswith("evidence.org-a.test-set:2.") and u.endswith("@francis") for u in uids)
    assert len(uids) == 2
    assert [e.title for e in due_calendar(load_tracker(tracker.root), leads=["CFO"]).evidence] == ["Quality schedule"]
    assert due_calendar(load_tracker(tracker.root), leads=["DoQ"]).evidence == []

    text = (tracker.root / path).read_text(encoding="utf-8")
    first, second = text.index("      - title: Quality schedule"), text.index("      - title: Board minutes")
    swapped = text[:first] + text[second:] + text[first:second]
    tracker.write(path, swapped.replace("Board minutes", "Board  MINUTES"))  # spaces and case aside
    again = due_calendar(load_tracker(tracker.root)).evidence
    assert [e.title for e in again] == ["Board  MINUTES", "Quality schedule"]
    assert {evidence_uid(e) for e in again} == uids

    tracker.write(path, swapped.replace("Board minutes", "Quality schedule"))  # two of one title: told apart
    twins = due_calendar(load_tracker(tracker.root)).evidence
    assert len({evidence_uid(e) for e in twins}) == 2 and twins[1].key == twins[0].key + "-2"


def test_calendar_command_counts_the_evidence_days(run_cli: RunCli, tracker: Tracker, tmp_path: Path) -> None:
    _with_evidence(tracker)
    out = tmp_path / "due.ics"
    result = run_cli("calendar", "--as-of", "2024-04-01", "-o", str(out), root=tracker.root)
    assert (result.exit_code, result.stderr) == (0, f"wrote 2 due dates and 2 evidence dates to {out}\n")
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    assert summaries[2:] == ["Review evidence: Quality schedule", "Evidence expires: Board minutes"]
