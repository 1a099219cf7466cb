"""Evidence recorded from the command line, in a real git repository: the record goes in with a
minimal diff that keeps the file's comments, `check` is clean, `show` lists it, it lets the
organisation claim reasonable assurance, and once its expiry passes `overdue` lists it.

`check` and edits judge staleness as of today, so the dates are relative to today."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from ..conftest import RunCli
from ..gitrepo import GitRepo

A = "data/assessments/org-a.yaml"
TODAY = date.today()


def _stale_evidence(run_cli: RunCli, repo: GitRepo, *args: str) -> list[tuple[str, str, int]]:
    result = run_cli("overdue", "--format", "json", *args, root=repo.root)
    assert result.exit_code == 0, result.stderr
    return [(e["ref"], e["title"], e["days"]) for e in json.loads(result.stdout)["evidence_stale"]]


def test_evidence_added_then_assured_then_lapsed(
    repo: GitRepo, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.edit(A, "  - recommendation: 2\n", "  # agreed at the January board\n  - recommendation: 2\n")
    repo.write("docs/audit-2024.pdf", "%PDF-1.7\n")
    repo.commit("The audit report", "2024-02-01T09:00:00+00:00")
    committed = (repo.root / A).read_text(encoding="utf-8")

    refused = run_cli("assess", "org-a", "2", "--assurance", "reasonable", root=repo.root)
    assert refused.exit_code == 1
    assert "error assurance-without-evidence recommendation 2 claims reasonable assurance" in refused.stderr
    assert (repo.root / A).read_text(encoding="utf-8") == committed

    produced, expires = TODAY - timedelta(days=30), TODAY + timedelta(days=10)
    added = run_cli(
        "evidence",
        "add",
        "org-a",
        "2",
        "--title",
        "Audit report",
        "--location",
        "docs/audit-2024.pdf",
        "--produced",
        produced.isoformat(),
        "--owner",
        "CFO",
        "--expires",
        expires.isoformat(),
        root=repo.root,
    )
    assert (added.exit_code, added.stderr) == (0, "")
    assert added.stdout == f"added evidence 'Audit report' to org-a 2 in {A}\n"

    check = run_cli("check", root=repo.root)
    assert (check.exit_code, check.stdout) == (0, "")
    assert repo.git("status", "--porcelain") == f" M {A}\n"
    diff = repo.git("diff", "--unified=0", "--", A).splitlines()
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "+    evidence:",
        "+      - title: Audit report",
        "+        location: docs/audit-2024.pdf",
        f"+        produced: {produced.isoformat()}",
        "+        owner: CFO",
        f"+        expires: {expires.isoformat()}",
    ]
    assert "  # agreed at the January board\n" in (repo.root / A).read_text(encoding="utf-8")

    shown = run_cli("show", "2", root=repo.root)
    assert shown.exit_code == 0
    assert "Audit report — docs/audit-2024.pdf" in shown.stdout

    assured = run_cli("assess", "org-a", "2", "--assurance", "reasonable", root=repo.root)
    assert (assured.exit_code, assured.stdout) == (0, f"updated {A}\n")
    assert run_cli("check", root=repo.root).stdout == ""
    repo.commit("Audit report recorded; reasonable assurance", "2024-02-02T09:00:00+00:00")

    assert _stale_evidence(run_cli, repo, "--as-of", expires.isoformat()) == []  # on its expiry day: current
    monkeypatch.setenv("FRANCIS_AS_OF", (expires + timedelta(days=1)).isoformat())
    assert _stale_evidence(run_cli, repo) == [("2", "Audit report", 1)]
