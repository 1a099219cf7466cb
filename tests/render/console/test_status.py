"""The status tables on a terminal (`render.console.status`): 80 columns, no colour codes, a golden snapshot."""

from __future__ import annotations

from ...conftest import RunCli, Tracker


def test_status_table_snapshot(dated: Tracker, run_cli: RunCli, golden) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("status", "--as-of", "2024-06-15", root=dated.root)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[" not in result.stdout
    golden("status-fixture.txt", result.stdout)
