"""Eight francis processes editing at once, round after round: every edit that said it was done is in
the files afterwards, whole and once, whether they edit one file or eight; one that gives up says so
on one line. Real processes (``python -m francis_cli``), real lock files, nothing mocked.

The count that matters is of lost updates: edits that exited 0 and are not in the files. It must be 0.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from francis_cli.edit import transaction
from francis_cli.yamlio.read import parse

from ..conftest import CATALOGUE, CONFIG, RunCli, Tracker

EDITORS = 8
ROUNDS = 3
ORGS = [f"org-{n}" for n in range(EDITORS)]
WORKPLAN = """\
organisation: {org}
title: Workplan
sections:
  - id: "1"
    title: Strategy
    actions:
      - id: "1.1"
        title: Write the strategy
        due: 2024-03
        status: in-progress
      - id: "1.2"
        title: Agree the budget
        due: 2024-Q2
"""


@pytest.fixture
def eight(tmp_path: Path) -> Tracker:
    """A tracker of eight organisations, each with its own workplan file."""
    t = Tracker(tmp_path / "tracker")
    t.write("francis.yaml", CONFIG)
    t.write("data/recommendations/test-set.yaml", CATALOGUE)
    t.write("data/organisations.yaml", "organisations:\n" + "".join(f"  - id: {o}\n    name: {o}\n" for o in ORGS))
    for org in ORGS:
        t.write(f"data/workplan/{org}.yaml", WORKPLAN.format(org=org))
    return t


def _argv(kind: str, org: str, marker: str) -> list[str]:
    """One edit that leaves ``marker`` in the workplan: a note, a new action's title, a closing note."""
    if kind == "note":
        return ["action", "note", org, "1.1", marker, "--date", "2024-02-01"]
    if kind == "add":
        return ["action", "add", org, "--section", "1", "--title", marker, "--due", "2099-12"]
    return ["action", "done", org, "1.2", "--date", "2024-02-01", "--note", marker]


def _markers(root: Path) -> list[str]:
    """Every note and action title in the workplans, as the YAML reader reads them."""
    found: list[str] = []
    for path in sorted((root / "data/workplan").glob("*.yaml")):
        data = parse(path.read_text(encoding="utf-8")).data
        for section in data["sections"]:
            for action in section["actions"]:
                found.append(action["title"])
                found += [p["note"] for p in action.get("progress", [])]
    return found


def _rounds(
    root: Path, org_of: list[str], wait: str, rounds: int, stale_lock: bool = False
) -> tuple[list[str], list[str]]:
    """Run ``rounds`` rounds of ``EDITORS`` processes at once; the markers of the edits that exited
    0 and the stderr of those that did not (each checked to be one line)."""
    env = {**os.environ, "NO_COLOR": "1", "FRANCIS_LOCK_WAIT": wait}
    env.pop("FRANCIS_ROOT", None)
    landed: list[str] = []
    refused: list[str] = []
    for round_ in range(rounds):
        if stale_lock:  # a killed edit's lock, which every editor of the round finds at once
            dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
            (root / "data/workplan/.org-0.yaml.lock").write_text(f"{int(dead.stdout)} {socket.gethostname()}\n")
        procs = []
        for editor, org in enumerate(org_of):
            marker = f"round {round_} editor {editor} of {org}"
            kind = ("note", "add", "done")[(editor + round_) % 3]
            argv = [sys.executable, "-m", "francis_cli", "--root", str(root), *_argv(kind, org, marker)]
            procs.append((marker, subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)))
        for marker, proc in procs:
            out, err = (b.decode("utf-8") for b in proc.communicate(timeout=300))
            assert proc.returncode in (0, 1), err
            assert "Traceback" not in err and "internal error" not in err, err
            if proc.returncode == 0:
                assert out.startswith("updated data/workplan/"), (out, err)
                landed.append(marker)
            else:
                assert out == "" and err.count("\n") == 1 and err.startswith("francis: "), err
                refused.append(err)
    return landed, refused


def _lost(root: Path, landed: list[str]) -> list[str]:
    """The edits reported done that are not in the files exactly once (the lost updates)."""
    found = _markers(root)
    assert not [m for m in found if m.startswith("round ") and m not in landed], "an edit refused was written"
    return [m for m in landed if found.count(m) != 1]


@pytest.mark.parametrize("files", ["one file", "eight files"])
def test_eight_editors_lose_nothing_and_all_land_given_time(eight: Tracker, files: str) -> None:
    """With time to wait, every edit lands: each one that finds the file changed by another is made
    again from what that one wrote, instead of being refused. Each round starts with a killed
    edit's lock on org-0's file, which the editors of that file find at once: two that broke it
    both must not go on to write (each breaks it under a second lock, and judges it again there)."""
    org_of = ["org-0"] * EDITORS if files == "one file" else ORGS
    landed, refused = _rounds(eight.root, org_of, wait="120", rounds=ROUNDS, stale_lock=True)
    assert _lost(eight.root, landed) == []
    assert (refused, len(landed)) == ([], EDITORS * ROUNDS)
    assert not list((eight.root / "data/workplan").glob(".*")), "a lock or temp file was left behind"


def test_editors_that_do_not_wait_are_refused_with_a_line_and_lose_nothing(eight: Tracker) -> None:
    landed, refused = _rounds(eight.root, ["org-0"] * EDITORS, wait="0", rounds=2)
    assert _lost(eight.root, landed) == []
    assert len(landed) >= 2  # the first to take the lock in each round lands
    for err in refused:
        assert "org-0.yaml" in err, err
        assert "being edited by another francis process" in err or "changed on disk since it was read" in err, err


# --- the wait for a lock: how long, and what a refusal after it says ------------------------------------------


def test_an_edit_waits_for_the_lock_and_then_lands(
    eight: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRANCIS_LOCK_WAIT", "60")
    path = eight.root / "data/workplan/org-3.yaml"
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with transaction.lock(path):
            taken.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(30)
    threading.Timer(0.3, release.set).start()
    result = run_cli("action", "note", "org-3", "1.1", "After the wait.", "--date", "2024-02-01", root=eight.root)
    holder.join()
    assert (result.exit_code, result.stdout) == (0, "updated data/workplan/org-3.yaml\n"), result.stderr
    assert "After the wait." in _markers(eight.root)


def test_after_the_wait_the_refusal_names_the_file_and_the_holder(
    eight: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRANCIS_LOCK_WAIT", "0.2")
    lock = eight.root / "data/workplan/.org-3.yaml.lock"
    lock.write_text(f"{os.getpid()} {socket.gethostname()}\n")  # a live process of this host holds it
    before = (eight.root / "data/workplan/org-3.yaml").read_bytes()
    result = run_cli("action", "note", "org-3", "1.1", "Blocked.", "--date", "2024-02-01", root=eight.root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"francis: data/workplan/org-3.yaml is being edited by another francis process (process {os.getpid()} "
        f"on host {socket.gethostname()}); gave up after 0.2 s ($FRANCIS_LOCK_WAIT): try again, or delete "
        f"{lock} if no edit is running\n"
    )
    assert (eight.root / "data/workplan/org-3.yaml").read_bytes() == before
    assert lock.exists()  # another's lock is not removed


@pytest.mark.parametrize("value", ["soon", "-1", "601", "nan", "inf", "1e9", "5s", "\udcff"])
def test_a_lock_wait_that_is_not_seconds_is_a_usage_error(
    eight: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("FRANCIS_LOCK_WAIT", value)
    before = (eight.root / "data/workplan/org-3.yaml").read_bytes()
    result = run_cli("action", "note", "org-3", "1.1", "x", "--date", "2024-02-01", root=eight.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"francis: $FRANCIS_LOCK_WAIT: {os.fsencode(value)!r} is not a number of seconds from 0 to 600\n"
    )
    assert (eight.root / "data/workplan/org-3.yaml").read_bytes() == before


@pytest.mark.parametrize(("value", "seconds"), [(None, 5.0), ("", 5.0), (" 0 ", 0.0), ("2.5", 2.5), ("600", 600.0)])
def test_the_lock_wait_setting(monkeypatch: pytest.MonkeyPatch, value: str | None, seconds: float) -> None:
    if value is None:
        monkeypatch.delenv("FRANCIS_LOCK_WAIT", raising=False)
    else:
        monkeypatch.setenv("FRANCIS_LOCK_WAIT", value)
    assert transaction.lock_wait() == seconds


def test_a_lock_wait_of_bytes_that_are_not_utf8_is_a_usage_error(eight: Tracker) -> None:
    env = {**os.environb, b"FRANCIS_LOCK_WAIT": b"\xff5", b"NO_COLOR": b"1"}
    argv = [sys.executable, "-m", "francis_cli", "--root", str(eight.root), "action", "note", "org-1", "1.1", "x"]
    result = subprocess.run(argv, capture_output=True, env=env, check=False)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == b"francis: $FRANCIS_LOCK_WAIT: b'\\xff5' is not a number of seconds from 0 to 600\n"


def test_a_data_file_that_is_a_symlink_is_locked_where_it_really_is(
    eight: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit through the link and one of the file itself (from another tracker, say) take one lock."""
    monkeypatch.setenv("FRANCIS_LOCK_WAIT", "0")
    real = eight.root / "shared" / "org-5.yaml"
    real.parent.mkdir()
    link = eight.root / "data/workplan/org-5.yaml"
    link.rename(real)
    link.symlink_to(Path("../../shared/org-5.yaml"))
    with transaction.lock(real):
        result = run_cli("action", "note", "org-5", "1.1", "Via the link.", "--date", "2024-02-01", root=eight.root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("francis: data/workplan/org-5.yaml is being edited by another francis process")
    assert f"delete {real.with_name('.org-5.yaml.lock')} if" in result.stderr
    result = run_cli("action", "note", "org-5", "1.1", "Via the link.", "--date", "2024-02-01", root=eight.root)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and "Via the link." in real.read_text(encoding="utf-8")
