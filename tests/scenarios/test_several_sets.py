"""Several inquiries in one tracker, with real francis processes on a copy of the bundled tracker: a
second catalogue made with ``catalogue new``/``add``, an assessment against it (``assess --set``),
an action citing both sets; then ``status`` (the row per set), ``status --set`` and JSON, the same
bytes cold, warm (from the snapshot, importing no model) and cold again after the cache is gone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .test_snapshot import modules_of

AS_OF = ("--as-of", "2014-06-01")
RUNS = [
    ("status", *AS_OF),
    ("status", "--set", "kirkup-2022", *AS_OF),
    ("status", *AS_OF, "--format", "json"),
    ("status", *AS_OF, "--format", "csv"),
    ("status", "--by", "lead", "--set", "kirkup-2022", *AS_OF),
]


def _francis(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FRANCIS_ROOT", "FRANCIS_AS_OF")}
    env |= {"NO_COLOR": "1", "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "francis_cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def _ok(root: Path, *args: str) -> str:
    done = _francis(root, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _second_set(root: Path, tmp_path: Path) -> None:
    meta = ["--title", "Reading the signals", "--published", "2022-10-19", "--source", "https://example.org/k.pdf"]
    _ok(root, "catalogue", "new", "kirkup-2022", *meta, "--count", "3")
    text = tmp_path / "r.txt"
    for n in ("1", "2"):
        text.write_text(f"Trusts should listen to families ({n}).\n", encoding="utf-8")
        _ok(root, "catalogue", "add", "kirkup-2022", n, "--text-file", str(text), "--page", n)


def test_a_second_set_nobody_uses_changes_nothing(bundled: Path, tmp_path: Path) -> None:
    before = _ok(bundled, "status", *AS_OF)
    _second_set(bundled, tmp_path)
    assert _ok(bundled, "status", *AS_OF) == before
    assert "sets" not in json.loads(_ok(bundled, "status", *AS_OF, "-f", "json"))


def test_status_of_several_sets_cold_warm_and_cold_again(bundled: Path, tmp_path: Path, _own_cache: Path) -> None:
    before = _ok(bundled, "status", *AS_OF)
    _second_set(bundled, tmp_path)
    _ok(bundled, "assess", "barnet-ccg", "2", "--set", "kirkup-2022", "--rating", "red")
    both = ["--recommendation", "francis-2013:1", "--recommendation", "kirkup-2022:2"]
    added = ["action", "add", "merton-ccg", "--section", "1", "--title", "Listen to families", "--lead", "DoQ"]
    _ok(bundled, *added, "--due", "2014-03", *both, "--date", "2013-07-01")

    def cold(args: tuple[str, ...]) -> str:
        shutil.rmtree(_own_cache, ignore_errors=True)
        return _ok(bundled, *args)

    first = [cold(args) for args in RUNS]
    warm = [_ok(bundled, *args) for args in RUNS]
    assert first == warm == [cold(args) for args in RUNS]
    modules = modules_of(bundled, tmp_path / "warm.json", *RUNS[0])
    assert [m for m in modules if m.startswith(("pydantic", "ruamel", "francis_cli.tracker.corpus"))] == []

    text, of_kirkup, doc = first[0], first[1], json.loads(first[2])
    summary = text[text.index("Every recommendation set, as of 2014-06-01") :]
    rows = [line.split() for line in summary.splitlines() if line.startswith((" francis-2013", " kirkup-2022"))]
    #          Set            Total Assessed Red Amber Green Blue N/A Actions Overdue
    assert rows == [
        ["francis-2013", "290", "22", "2", "16", "3", "0", "1", "22", "17"],
        ["kirkup-2022", "3", "1", "1", "0", "0", "0", "0", "1", "1"],
    ]
    assert "kirkup-2022: Reading the signals." in " ".join(summary.split())
    assert text.startswith(before[: before.index("NHS Merton")])  # Barnet's table: as it was
    assert "NHS Merton Clinical Commissioning Group — kirkup-2022, as of 2014-06-01" in of_kirkup
    assert "Every recommendation set" not in of_kirkup
    merton = of_kirkup[of_kirkup.index("NHS Merton") :]
    assert "Workplan: 1 action — 1 not started; 1 overdue" in merton
    assert [(s["set"], s["assessed"], s["actions"]) for s in doc["sets"]] == [
        ("francis-2013", 22, 22),
        ("kirkup-2022", 1, 1),
    ]
    assert doc["set"] == "francis-2013" and json.loads(_ok(bundled, *RUNS[1], "-f", "json"))["set"] == "kirkup-2022"


def test_an_unknown_set_is_refused_in_one_line(bundled: Path, tmp_path: Path) -> None:
    _second_set(bundled, tmp_path)
    done = _francis(bundled, "status", "--set", "kirkup")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "francis: --set: 'kirkup' is not a recommendation set of this tracker (known: francis-2013, kirkup-2022)\n"
    )
