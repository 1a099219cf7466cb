"""The official YAML test suite's 402 inputs, dropped all at once into a tracker's data folders.

None of them is a tracker file, so each must get at least one problem line of its own, with
exit 1 and no traceback. The corpus lives beside the project (../shared/corpora/yaml-test-suite,
which CI has); the test skips where it is absent and never copies it into the project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from francis_cli.problems import PROBLEM_CODES

from ..conftest import SHARED, Tracker

CORPUS = SHARED / "corpora" / "yaml-test-suite"


FOLDERS = ("assessments", "workplan", "recommendations")


LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) (?P<code>[a-z-]+) \S")


pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpora/yaml-test-suite is not here")


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("FRANCIS_ROOT", None)
    argv = [sys.executable, "-m", "francis_cli", "--root", str(root), "check"]
    return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=300, check=False)


def test_every_yaml_test_suite_input_gets_a_problem_line_of_its_own(tracker: Tracker) -> None:
    cases = sorted(CORPUS.glob("*.yaml"))
    assert len(cases) == 402
    dropped = []
    for i, case in enumerate(cases):
        rel = f"data/{FOLDERS[i % len(FOLDERS)]}/{case.name}"
        shutil.copyfile(case, tracker.root / rel)
        dropped.append(rel)

    first = _check(tracker.root)
    assert "Traceback" not in first.stdout + first.stderr
    assert first.returncode == 1, first.stderr
    lines = first.stdout.splitlines()
    for line in lines:
        match = LINE.match(line)
        assert match, line
        assert match["code"] in PROBLEM_CODES, line
    summary = first.stderr.splitlines()
    assert len(summary) == 1 and re.fullmatch(r"\d+ errors?(, \d+ warnings?)? in 407 files", summary[0]), summary
    by_file: dict[str, list[str]] = {}
    for line in lines:
        by_file.setdefault(line.split(":", 1)[0], []).append(line)
    silent = [rel for rel in dropped if not any(" error " in line for line in by_file.get(rel, []))]
    assert silent == [], f"{len(silent)} inputs got no error line: {silent[:10]}"
    assert set(by_file) == set(dropped), "a problem was blamed on the tracker's own valid files"

    again = _check(tracker.root)  # the same answer from the cache the first run filled
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)


def test_invalid_yaml_is_a_reading_problem_not_a_model_one(tracker: Tracker) -> None:
    """The suite's invalid inputs (ERROR-CASES.txt) get a reader's code wherever the C parser
    (libyaml) agrees they are invalid: it accepts a few that the YAML 1.2 spec rejects, and then
    they are reported by the models instead (`not-mapping`, `unknown-key`...), never silently."""
    errors = (CORPUS / "ERROR-CASES.txt").read_text(encoding="utf-8").split()
    assert len(errors) == 94
    for name in errors:
        shutil.copyfile(CORPUS / f"{name}.yaml", tracker.root / f"data/assessments/{name}.yaml")
    result = _check(tracker.root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    reader = {"yaml-syntax", "yaml-tag", "yaml-key", "yaml-alias", "duplicate-key", "multiple-documents", "encoding"}
    codes: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        match = LINE.match(line)
        assert match, line
        codes.setdefault(Path(match["path"]).stem, set()).add(match["code"])
    assert set(codes) == set(errors)
    read_as_yaml = sorted(name for name in errors if not codes[name] & reader)
    assert len(read_as_yaml) <= 12, read_as_yaml
