"""The overdue lists on a terminal (`render.console.overdue`): a golden snapshot, and --fail."""

from __future__ import annotations

from ...conftest import RunCli, Tracker


def test_overdue_snapshot_and_fail(dated: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("overdue", "--as-of", "2024-06-15", "--within", "30", root=dated.root)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    golden("overdue-fixture.txt", result.stdout)
    assert run_cli("overdue", "--as-of", "2024-06-15", "--fail", root=dated.root).exit_code == 1
    assert run_cli("overdue", "--as-of", "2023-01-01", "--fail", root=dated.root).exit_code == 0
