"""`francis remind` and `francis calendar` end to end: digests written as Markdown and messages read
back by Python's email package; the feed from a real git repository, stable across runs and edits."""

from __future__ import annotations

import email
import email.policy
import os
import stat
import subprocess
import sys
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest

from ..conftest import RunCli, Tracker
from ..gitrepo import GitRepo

W = "data/workplan/org-a.yaml"


def _events(data: bytes | str) -> dict[str, tuple[object, str]]:
    """UID → (DTSTART, SUMMARY), read by the icalendar library."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    cal = icalendar.Calendar.from_ical(raw)
    return {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"])) for e in cal.walk("VEVENT")}


def _stamps(data: bytes) -> set[str]:
    return {line for line in data.decode().split("\r\n") if line.startswith("DTSTAMP")}


def test_the_feed_keeps_its_uids_and_bytes_and_a_moved_due_date_replaces_its_event(
    repo: GitRepo, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "due.ics"
    assert run_cli("calendar", "-o", str(out), root=repo.root).exit_code == 0
    first = out.read_bytes()
    assert _events(first) == {
        "action.org-a.1.1@francis": (date(2024, 3, 31), "Due: 1.1 Write the strategy"),
        "action.org-a.1.2@francis": (date(2024, 6, 30), "Due: 1.2 Agree the budget"),
    }
    assert _stamps(first) == {"DTSTAMP:20240115T100000Z"}  # the last commit's time, not the clock
    before = os.stat(out)
    result = run_cli("calendar", "-o", str(out), root=repo.root)
    assert result.stderr == f"wrote 2 due dates to {out}\n"
    after = os.stat(out)
    assert (out.read_bytes(), after.st_ino, after.st_mtime_ns) == (first, before.st_ino, before.st_mtime_ns)

    repo.edit("data/assessments/org-a.yaml", "Partly in place.", "Partly in place; audit booked.")
    repo.commit("An unrelated edit", "2024-02-01T09:30:00+01:00")
    run_cli("calendar", "-o", str(out), root=repo.root)
    assert _events(out.read_bytes()) == _events(first)
    assert _stamps(out.read_bytes()) == {"DTSTAMP:20240201T083000Z"}

    repo.edit(W, "due: 2024-03", "due: 2024-05")
    repo.commit("1.1 moved to May", "2024-03-01T12:00:00+00:00")
    run_cli("calendar", "-o", str(out), root=repo.root)
    moved = _events(out.read_bytes())
    assert list(moved) == list(_events(first))
    assert moved["action.org-a.1.1@francis"][0] == date(2024, 5, 31)


def test_lead_filter_stdout_and_as_of(repo: GitRepo, run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("calendar", "--lead", "CFO", "-o", "-", "--as-of", "2024-04-01", root=repo.root)
    assert result.exit_code == 0, result.stderr
    assert list(_events(result.stdout)) == ["action.org-a.1.2@francis"]
    assert "DTSTAMP:20240401T000000Z" in result.stdout
    assert "X-WR-CALNAME:Workplan due dates — CFO" in result.stdout

    out = tmp_path / "due.ics"
    run_cli("calendar", "-o", str(out), root=repo.root)
    printed = subprocess.run(
        [sys.executable, "-m", "francis_cli", "--root", str(repo.root), "calendar"], capture_output=True, check=True
    )
    assert printed.stdout == out.read_bytes() and printed.stdout.startswith(b"BEGIN:VCALENDAR\r\n")


def test_the_feed_to_a_device_streams_into_it(repo: GitRepo, run_cli: RunCli) -> None:
    assert run_cli("calendar", "-o", os.devnull, root=repo.root).exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_tracker_outside_git_needs_as_of_for_its_feed(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("calendar", root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "francis: the tracker has no git commit to date the feed by: give --as-of DATE\n"
    assert run_cli("calendar", "--as-of", "2024-01-01", root=tracker.root).exit_code == 0


def _message(path: Path) -> EmailMessage:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_digests_are_written_as_markdown_and_messages(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "reminders"
    result = run_cli("remind", "--as-of", "2024-04-15", "--within", "76", "-o", str(out), root=tracker.root)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"wrote 4 of 4 files in {out} (0 removed)\n"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".francis-remind",
        "org-a/CFO.eml",
        "org-a/CFO.md",
        "org-a/DoQ.eml",
        "org-a/DoQ.md",
    ]
    markdown = (out / "org-a/DoQ.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Reminders for DoQ (Director of Quality), Organisation A\n\n")
    assert "- **1.1** Write the strategy: due March 2024 (by 31 March 2024), 15 days overdue; in progress." in markdown
    msg = _message(out / "org-a/DoQ.eml")
    assert msg["Subject"] == (
        "Workplan reminder: 1 overdue, 1 falling due by 30 June 2024 — DoQ (Director of Quality), Organisation A"
    )
    assert msg["Date"] == "Mon, 15 Apr 2024 09:00:00 +0000"
    assert (msg["To"], msg["From"], msg["X-Unsent"]) == (None, None, "1")
    assert msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8"
    assert msg.get_content().replace("\r\n", "\n") == markdown  # a message's lines end CRLF
    raw = (out / "org-a/DoQ.eml").read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"") and max(len(line) for line in raw.split(b"\r\n")) <= 998
    assert "also led by DoQ (Director of Quality)" in _message(out / "org-a/CFO.eml").get_content()


def test_a_second_run_rewrites_nothing_and_a_digest_no_longer_made_goes(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "reminders"
    args = ("remind", "--as-of", "2024-04-15", "--within", "76", "-o", str(out))
    run_cli(*args, root=tracker.root)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = {p: os.stat(p).st_mtime_ns for p in out.rglob("*.*")}
    assert run_cli(*args, root=tracker.root).stderr == f"wrote 0 of 4 files in {out} (0 removed)\n"
    assert {p: os.stat(p).st_mtime_ns for p in out.rglob("*.*")} == before
    result = run_cli("remind", "--as-of", "2024-04-15", "-o", str(out), root=tracker.root)
    assert result.stderr == f"wrote 2 of 2 files in {out} (2 removed)\n"  # DoQ's changed, CFO's went
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == [
        ".francis-remind",
        "DoQ.eml",
        "DoQ.md",
        "notes.txt",
    ]


def test_a_role_with_a_slash_is_one_file(tracker: Tracker, run_cli: RunCli, tmp_path: Path) -> None:
    orgs = (tracker.root / "data/organisations.yaml").read_text()
    tracker.write("data/organisations.yaml", orgs.replace("CFO: Chief", "Q/S: Quality and Safety\n      CFO: Chief"))
    text = (tracker.root / W).read_text().replace("lead: [DoQ, CFO]", "lead: [Q/S]")
    tracker.write(W, text)
    out = tmp_path / "reminders"
    assert run_cli("remind", "--as-of", "2024-06-30", "-o", str(out), root=tracker.root).exit_code == 0
    assert sorted(p.name for p in (out / "org-a").iterdir()) == ["DoQ.eml", "DoQ.md", "Q%2FS.eml", "Q%2FS.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["remind", "--within", "-1"], "francis: --within: -1 is below 0; give 0 or more; see 'francis remind -h'"),
        (["remind", "--within", "soon"], "francis: --within: 'soon' is not a whole number; see 'francis remind -h'"),
        (["remind", "-o", os.devnull], f"francis: -o {os.devnull}: not a folder; the digests are written in a folder"),
        (["remind", "--org", "org-c"], "francis: no organisation 'org-c' (did you mean 'org-b', 'org-a'?)"),
        (["remind", "--as-of", "15/04/2024"], "francis: --as-of: '15/04/2024' is not a date written YYYY-MM-DD"),
        (["calendar", "--org", "nobody", "--as-of", "2024-01-01"], "francis: no organisation 'nobody'"),
        (["calendar", "-o", "data/workplan/org-a.yaml", "--as-of", "2024-01-01"], "francis: refused:"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    tracker: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tracker.root)
    before = (tracker.root / W).read_bytes()
    result = run_cli(*args, root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert (tracker.root / W).read_bytes() == before


def test_a_file_or_the_tracker_itself_is_no_folder_for_digests(
    tracker: Tracker, run_cli: RunCli, tmp_path: Path
) -> None:
    plain = tmp_path / "digest.md"
    plain.write_text("keep", encoding="utf-8")
    result = run_cli("remind", "-o", str(plain), root=tracker.root)
    assert (result.exit_code, result.stderr) == (
        2,
        f"francis: -o {plain}: not a folder; the digests are written in a folder\n",
    )
    assert plain.read_text(encoding="utf-8") == "keep"
    result = run_cli("remind", "-o", str(tracker.root), root=tracker.root)
    assert result.exit_code == 2 and "the tracker's own folder" in result.stderr
