"""After `init`, actions without sections are numbered 1, 2, …: `francis show 2` still means
recommendation 2, and says how to see action 2."""

from __future__ import annotations

from pathlib import Path

from ..conftest import RunCli


def test_show_a_number_that_is_also_an_action(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "trust"
    assert run_cli("init", str(root), "--org", "st-elsewhere", "--name", "St Elsewhere").exit_code == 0
    added = run_cli(
        "action", "add", "st-elsewhere", "--title", "Board to agree the response", "--due", "2027-03", root=root
    )
    assert added.exit_code == 0, added.stderr
    shown = run_cli("show", "1", root=root)
    assert shown.exit_code == 0
    assert shown.stdout.startswith("francis-2013:1")
    assert "1 is read as recommendation francis-2013:1; for the action, francis show st-elsewhere:1" in " ".join(
        shown.stdout.split()
    )
    assert "Board to agree the response" in run_cli("show", "st-elsewhere:1", root=root).stdout
    assert "for the action" not in run_cli("show", "2", root=root).stdout
