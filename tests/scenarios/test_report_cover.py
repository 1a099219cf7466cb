"""`francis report` and its cover sheet from the command line: a francis.yaml with errors writes no paper,
and the board secretary's options (agenda item, attachment, meeting, date, title) override the settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import RunCli, Tracker
from ..papers import AS_OF

REFUSED = (
    "francis: francis.yaml has {n}, and a board paper is never made from settings with errors: nothing was written\n"
)


def _broken(paper: Tracker) -> tuple[int, str]:
    """The fixture's francis.yaml with an unknown key and a date that does not exist: (line of the key, text)."""
    config = (paper.root / "francis.yaml").read_text(encoding="utf-8")
    config = config.replace("  lead_director:", "  lead_directr:").replace("date: 2024-06-27", "date: 2024-06-31")
    paper.write("francis.yaml", config)
    return config.splitlines().index("  lead_directr: Director of Nursing and Quality") + 1, config


def test_settings_errors_refuse_the_paper_in_a_real_process(paper: Tracker) -> None:
    line, _ = _broken(paper)
    out = paper.root / "paper.md"
    out.write_text("the paper the board saw last month\n", encoding="utf-8")
    before = os.stat(out)
    env = {**os.environ, "FRANCIS_ROOT": str(paper.root), "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "francis_cli", "report", "--as-of", AS_OF, "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == REFUSED.format(n="2 errors") + (
        "francis.yaml:4:9: error invalid-date date: expected a date written YYYY-MM-DD, got '2024-06-31'\n"
        f"francis.yaml:{line}:3: error unknown-key unknown key 'lead_directr' (did you mean 'lead_director'?)\n"
    )
    after = os.stat(out)
    assert out.read_text(encoding="utf-8") == "the paper the board saw last month\n"
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_refused_paper_writes_no_file(paper: Tracker, run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    _broken(paper)
    out = tmp_path / f"paper.{fmt}"
    result = run_cli("report", "--as-of", AS_OF, "-f", fmt, "-o", str(out), "--agenda-item", "7.2", root=paper.root)
    assert result.exit_code == 1 and result.stderr.startswith(REFUSED.format(n="2 errors"))
    assert not out.exists() and list(tmp_path.iterdir()) == [paper.root]


def test_an_assurance_level_off_the_scale_is_refused(paper: Tracker, run_cli: RunCli) -> None:
    config = (paper.root / "francis.yaml").read_text(encoding="utf-8")
    paper.write("francis.yaml", config.replace("assurance_level: reasonable", "assurance_level: full"))
    line = config.splitlines().index("  assurance_level: reasonable") + 1
    result = run_cli("report", "--as-of", AS_OF, root=paper.root)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == REFUSED.format(n="1 error") + (
        f"francis.yaml:{line}:20: error invalid-value assurance_level: 'full' is not one of: substantial, "
        "reasonable, limited, no-assurance\n"
    )


def test_a_data_file_error_still_gives_the_paper(paper: Tracker, run_cli: RunCli) -> None:
    """Today's behaviour for everything but the settings: the paper, with a note of what was left out."""
    paper.write("data/workplan/org-a.yaml", "organisation: org-a\nactions:\n  - {id: '9', title: X, stauts: done}\n")
    result = run_cli("report", "--as-of", AS_OF, root=paper.root)
    assert result.exit_code == 0
    assert result.stderr.startswith("francis: the tracker has 1 error (`francis check` lists them)")
    assert "| Agenda item | 7.2 |" in result.stdout


def test_command_line_overrides_the_cover(paper: Tracker, run_cli: RunCli) -> None:
    args = ["--agenda-item", "4.1", "--attachment", "12", "--meeting", "Extraordinary Board", "--date", "2024-07-04"]
    result = run_cli("report", "--as-of", AS_OF, *args, "--title", "Francis: the July update", root=paper.root)
    assert result.exit_code == 0, result.stderr
    cover = result.stdout.split("\n## ")[0]
    for row in (
        "| Meeting | Extraordinary Board |",
        "| Date | 4 July 2024 |",
        "| Agenda item | 4.1 |",
        "| Attachment | 12 |",
        "| Title | Francis: the July update |",
        "| Lead director | Director of Nursing and Quality |",
    ):
        assert row in cover
    assert cover.startswith("# Francis: the July update\n")
    html = run_cli("report", "--as-of", AS_OF, "-f", "html", *args, root=paper.root)
    assert '<tr><th scope="row">Agenda item</th><td>4.1</td></tr>' in html.stdout
    assert '<tr><th scope="row">Attachment</th><td>12</td></tr>' in html.stdout


def test_command_line_adds_rows_francis_yaml_leaves_out(tracker: Tracker, run_cli: RunCli) -> None:
    plain = run_cli("report", "--as-of", AS_OF, root=tracker.root)
    assert plain.exit_code == 0 and "| Agenda item |" not in plain.stdout and "| Attachment |" not in plain.stdout
    given = run_cli("report", "--as-of", AS_OF, "--agenda-item", "7 | 2", root=tracker.root)
    assert "| Agenda item | 7 \\| 2 |" in given.stdout and "| Attachment |" not in given.stdout
