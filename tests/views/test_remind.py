"""`remind` (`views.remind`): one digest per organisation and lead, built on `overdue`; the bundled
tracker's digests as golden files, and `calendar`'s view of the due dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

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
