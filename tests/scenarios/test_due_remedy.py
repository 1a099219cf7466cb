"""The remedy `check --changed-since` gives for a due date moved by hand works as it says."""

from __future__ import annotations

import re

from ..conftest import RunCli
from ..gitrepo import GitRepo

W = "data/workplan/org-a.yaml"


def test_putting_the_date_back_and_redating_with_a_reason_passes_the_review(repo: GitRepo, run_cli: RunCli) -> None:
    repo.git("checkout", "-q", "-b", "slip")
    repo.edit(W, "due: 2024-Q2", "due: 2024-Q4")  # by hand, with no reason
    failed = run_cli("check", "--changed-since", "main", root=repo.root)
    assert failed.exit_code == 1 and "due-changed-without-reason" in failed.stdout
    command = re.search(r"run (francis action update \S+ \S+ --due \S+) --reason WHY", failed.stdout)
    back = re.search(r"put `due` back to (\S+)", failed.stdout)
    assert command is not None and back is not None
    repo.edit(W, "due: 2024-Q4", f"due: {back.group(1)}")
    words = command.group(1).split()[1:]
    edited = run_cli(*words, "--reason", "The budget round moved", "--date", "2024-02-01", root=repo.root)
    assert edited.exit_code == 0, edited.stderr
    passed = run_cli("check", "--changed-since", "main", root=repo.root)
    assert "due-changed-without-reason" not in passed.stdout, passed.stdout
    assert passed.exit_code == 0, passed.stdout
    text = (repo.root / W).read_text(encoding="utf-8")
    assert "due: 2024-Q4" in text and "reason: The budget round moved" in text and "was: 2024-Q2" in text
