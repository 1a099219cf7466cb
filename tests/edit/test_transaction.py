"""The one writer (`edit.transaction`): exact diffs, refusals, crashes, full disks and edits racing.

Nothing is lost: each edit validates the whole tracker, then writes under a lock, only if the file
is still what was read, atomically; an edit that cannot land says so and leaves the file whole."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from francis_cli.edit import actions, files, transaction
from francis_cli.errors import EditRefused
from francis_cli.tracker.corpus import Corpus, load_tracker

from ..conftest import RunCli, Tracker

EDITS = {
    "edit-action-add.diff": [
        "action",
        "add",
        "merton-ccg",
        "--section",
        "3",
        "--title",
        "Review the SI process with the CSU",
        "--lead",
        "DoQ",
        "--lead",
        "CSU",
        "--due",
        "Q3 2013/14",
        "--recommendation",
        "132",
    ],
    "edit-action-update.diff": ["action", "update", "merton-ccg", "3.7", "--status", "in-progress", "--due", "Sept 13"],
    "edit-action-note.diff": [
        "action",
        "note",
        "merton-ccg",
        "3.2",
        "Scoped with the CSU; options paper in July.",
        "--date",
        "2013-06-01",
    ],
    "edit-action-done.diff": [
        "action",
        "done",
        "merton-ccg",
        "1.5",
        "--date",
        "2013-06-28",
        "--note",
        "Children's workshop held; joint plan agreed.",
    ],
    "edit-assess-update.diff": [
        "assess",
        "barnet-ccg",
        "141",
        "--rating",
        "amber",
        "--position",
        "Quarterly meetings with CQC and Monitor agreed in June 2013; the first was held "
        "on 20 June and the next is booked for September.",
    ],
    "edit-assess-new.diff": ["assess", "barnet-ccg", "145", "--rating", "red", "--position", "Not yet considered."],
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_each_edit_changes_only_its_lines(
    name: str, bundled: Path, run_cli: RunCli, golden: Callable[[str, str], None]
) -> None:
    before = {p: p.read_bytes() for p in bundled.rglob("*.yaml")}
    dry = run_cli(*EDITS[name], "--dry-run", root=bundled)
    assert dry.exit_code == 0, dry.stderr
    golden(name, dry.stdout)
    assert {p: p.read_bytes() for p in bundled.rglob("*.yaml")} == before  # --dry-run writes nothing
    done = run_cli(*EDITS[name], root=bundled)
    assert done.exit_code == 0, done.stderr
    changed = [p for p in before if p.read_bytes() != before[p]]
    assert len(changed) == 1
    rel = changed[0].relative_to(bundled).as_posix()
    assert done.stdout == f"updated {rel}\n"
    assert files.FileChange(rel, before[changed[0]], changed[0].read_bytes()).diff() == dry.stdout
    assert run_cli("check", root=bundled).exit_code == 0


def test_invalid_edit_is_refused_and_nothing_is_touched(bundled: Path, run_cli: RunCli) -> None:
    path = bundled / "data/workplan/merton-ccg.yaml"
    raw, mtime = path.read_bytes(), path.stat().st_mtime_ns
    result = run_cli("action", "update", "merton-ccg", "3.2", "--lead", "Chiar", root=bundled)
    assert result.exit_code == 1
    assert result.stderr == (
        "francis: edit refused: it would add 1 error to the tracker; nothing written\n"
        "data/workplan/merton-ccg.yaml:167:15: error unknown-role 'merton-ccg' has no role 'Chiar' "
        "(roles are listed in data/organisations.yaml) (did you mean 'Chair'?)\n"
    )
    assert (path.read_bytes(), path.stat().st_mtime_ns) == (raw, mtime)
    assert sorted(p.name for p in path.parent.iterdir()) == ["merton-ccg.yaml"]


def test_crash_before_rename_leaves_the_old_file(
    bundled: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bundled / "data/workplan/merton-ccg.yaml"
    raw = path.read_bytes()

    real = os.replace

    def crash(src: str, dst: str) -> None:
        if str(dst).endswith("merton-ccg.yaml"):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", crash)
    result = run_cli("action", "done", "merton-ccg", "2.4", "--date", "2013-06-01", root=bundled)
    assert result.exit_code == 2  # the user's problem (a full disk), said in one line: not a bug in francis
    assert result.stderr.startswith("francis: cannot write ") and result.stderr.count("\n") == 1
    assert "No space left on device" in result.stderr
    assert path.read_bytes() == raw
    assert sorted(p.name for p in path.parent.iterdir()) == ["merton-ccg.yaml"]


def test_killed_between_write_and_rename(bundled: Path, run_cli: RunCli) -> None:
    """A process killed after writing its temp file: the old file is whole, `check` ignores the
    leftover temp file, and the dead process's lock does not block the next edit."""
    path = bundled / "data/workplan/merton-ccg.yaml"
    raw = path.read_bytes()
    script = (
        "import os, signal, sys\n"
        "real = os.replace\n"
        "os.replace = lambda a, b: os.kill(os.getpid(), signal.SIGKILL) if str(b).endswith('merton-ccg.yaml') "
        "else real(a, b)\n"
        "from francis_cli.cli import main\n"
        "sys.argv = ['francis', '--root', sys.argv[1], 'action', 'done', 'merton-ccg', '2.4',\n"
        "            '--date', '2013-06-01']\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(bundled)], capture_output=True, check=False)
    assert proc.returncode == -9
    assert path.read_bytes() == raw
    leftovers = sorted(p.name for p in path.parent.iterdir() if p.name != "merton-ccg.yaml")
    assert len(leftovers) == 2 and all(n.startswith(".merton-ccg.yaml.") for n in leftovers)  # temp file, lock
    check = run_cli("check", root=bundled)
    assert check.exit_code == 0 and ".merton-ccg.yaml" not in check.stdout + check.stderr
    again = run_cli("action", "done", "merton-ccg", "2.4", "--date", "2013-06-01", root=bundled)
    assert again.exit_code == 0, again.stderr


def test_two_concurrent_edits_one_wins(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both read the file before either writes: one writes, the other reports the conflict."""
    barrier = threading.Barrier(2)
    real_plan = transaction.plan

    def plan_then_wait(
        root: Path, changes: list[files.FileChange], corpus: Corpus | None = None
    ) -> list[files.FileChange]:
        result = real_plan(root, changes, corpus)
        barrier.wait()
        return result

    monkeypatch.setattr(transaction, "plan", plan_then_wait)
    outcomes: list[str] = []

    def note(text: str) -> None:
        corpus = load_tracker(bundled)
        change = actions.edit_action(bundled, corpus, "merton-ccg", "3.2", {}, [{"date": "2013-06-01", "note": text}])
        try:
            transaction.run(bundled, [change])
            outcomes.append("written")
        except EditRefused as err:
            outcomes.append(str(err))

    threads = [threading.Thread(target=note, args=(t,)) for t in ("first", "second")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes)[-1] == "written"
    assert sorted(outcomes)[0] == (  # the second waits for the lock, then finds the file changed
        "data/workplan/merton-ccg.yaml changed on disk since it was read; nothing written (run the command again)"
    )
    text = (bundled / "data/workplan/merton-ccg.yaml").read_text()
    assert ("note: first" in text) != ("note: second" in text)


def test_file_changed_on_disk_is_not_overwritten(bundled: Path) -> None:
    change = actions.edit_action(bundled, load_tracker(bundled), "merton-ccg", "3.2", {"status": "in-progress"})
    path = bundled / "data/workplan/merton-ccg.yaml"
    path.write_bytes(path.read_bytes() + b"# edited by hand meanwhile\n")
    with pytest.raises(EditRefused, match="changed on disk since it was read"):
        transaction.run(bundled, [change])
    assert path.read_bytes().endswith(b"# edited by hand meanwhile\n")


def test_a_held_lock_is_a_conflict(bundled: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRANCIS_LOCK_WAIT", "0")
    with transaction.lock(bundled / "data/workplan/merton-ccg.yaml"):
        result = run_cli("action", "note", "merton-ccg", "3.2", "x", "--date", "2013-06-01", root=bundled)
    assert result.exit_code == 1
    assert "is being edited by another francis process" in result.stderr
    assert not (bundled / "data/workplan/.merton-ccg.yaml.lock").exists()


# --- nothing lost: a full disk --------------------------------------------------------------------------------


def _only_the_file(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != name)


def test_enospc_while_writing_leaves_the_original_and_says_so(
    tracker: Tracker, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tracker.root / "data/workplan/org-a.yaml"
    raw = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run_cli("action", "note", "org-a", "1.1", "Drafted.", "--date", "2024-02-01", root=tracker.root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"francis: cannot write {path}: No space left on device; the file is unchanged\n"
    assert path.read_bytes() == raw
    assert _only_the_file(path.parent, "org-a.yaml") == []
    monkeypatch.undo()
    check = run_cli("check", root=tracker.root)
    assert (check.exit_code, check.stdout) == (0, "")


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs (needs root and mount; skipped elsewhere): a disk that really fills up."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def _fill(folder: Path, leave_pages: int) -> Path:
    """Fill the disk, then free ``leave_pages`` pages: the next writes run out of space part way."""
    room = folder / "room"
    room.write_bytes(b"\0" * 4096 * leave_pages)
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as err:
            assert err.errno == errno.ENOSPC
    room.unlink()
    return filler


@pytest.mark.parametrize("leave_pages", [0, 1], ids=["no-room-for-the-lock", "no-room-for-the-file"])
def test_a_really_full_disk(tiny_disk: Path, leave_pages: int, tracker: Tracker, run_cli: RunCli) -> None:
    root = tiny_disk / "tracker"
    shutil.copytree(tracker.root, root)
    path = root / "data/workplan/org-a.yaml"
    raw = path.read_bytes()
    filler = _fill(tiny_disk, leave_pages)
    result = run_cli("action", "note", "org-a", "1.1", "Drafted." * 600, "--date", "2024-02-01", root=root)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"francis: cannot write the lock file {path.with_name('.org-a.yaml.lock')}: No space left on device; "
        "nothing written\n"
        if leave_pages == 0
        else f"francis: cannot write {path}: No space left on device; the file is unchanged\n"
    )
    assert path.read_bytes() == raw
    assert _only_the_file(path.parent, "org-a.yaml") == []  # no temp file, no lock left to block the next edit
    if leave_pages == 0:
        paper = run_cli("report", "-o", str(tiny_disk / "paper.md"), root=root)
        assert (paper.exit_code, paper.stderr) == (
            2,
            f"francis: cannot write {tiny_disk / 'paper.md'}: No space left on device; the file is unchanged\n",
        )
        assert not (tiny_disk / "paper.md").exists()
    filler.unlink()
    check = run_cli("check", root=root)
    assert (check.exit_code, check.stdout) == (0, "")
    again = run_cli("action", "note", "org-a", "1.1", "Drafted.", "--date", "2024-02-01", root=root)
    assert again.exit_code == 0, again.stderr


# --- nothing lost: real processes editing at once -------------------------------------------------------------


def test_processes_editing_one_file_at_once_never_merge(tracker: Tracker, run_cli: RunCli) -> None:
    """Edits by separate processes at the same moment: each either lands whole or is refused with
    the conflict named; the file always holds exactly the notes of the edits that said so, and in
    each round at least one lands (the one that takes the lock first finds the file as it read it,
    unless another edit landed in between)."""
    import sys

    env = {**os.environ, "NO_COLOR": "1"}
    landed: list[str] = []
    for round_ in range(3):
        procs = [
            (
                note,
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "francis_cli",
                        "--root",
                        str(tracker.root),
                        "action",
                        "note",
                        "org-a",
                        "1.1",
                        note,
                        "--date",
                        "2024-02-01",
                    ],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=env,
                ),
            )
            for note in (f"round {round_} first", f"round {round_} second", f"round {round_} third")
        ]
        this_round: list[str] = []
        for note, proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode in (0, 1), err
            if proc.returncode == 0:
                assert (out, err) == ("updated data/workplan/org-a.yaml\n", "")
                this_round.append(note)
            else:
                assert out == "" and err.count("\n") == 1, err
                assert "being edited by another francis process" in err or "changed on disk since it was read" in err
        assert this_round, f"round {round_}: every edit was refused, none landed"
        landed += this_round
    text = (tracker.root / "data/workplan/org-a.yaml").read_text(encoding="utf-8")
    assert sorted(re.findall(r"round \d \w+", text)) == sorted(landed)
    for note in landed:  # each whole: its own progress entry, dated, once
        assert text.count(f"          - date: 2024-02-01\n            note: {note}\n") == 1, note
    assert _only_the_file(tracker.root / "data/workplan", "org-a.yaml") == []
    check = run_cli("check", root=tracker.root)
    assert (check.exit_code, check.stdout) == (0, "")
