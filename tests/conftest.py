"""Shared fixtures: a CLI runner and a builder of small trackers in tmp_path."""

from __future__ import annotations

import os
import shutil
import socket
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from typer.testing import CliRunner

from francis_cli.cli import app

from . import papers
from .boundaries import boundary_workplan

# CI runs the property tests on a fixed seed so that a run is reproducible; locally they explore.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

CATALOGUE = """\
set: test-set
title: A test recommendation set
themes:
  - id: standards
    title: Standards
  - id: candour
    title: Candour
recommendations:
  - number: 1
    theme: standards
    title: First
    text: The first recommendation.
  - number: 2
    theme: standards
    title: Second
    text: The second recommendation.
  - number: 3
    theme: candour
    title: Third
    text: The third recommendation.
"""

ORGANISATIONS = """\
organisations:
  - id: org-a
    name: Organisation A
    roles:
      DoQ: Director of Quality
      CFO: Chief Finance Officer
  - id: org-b
    name: Organisation B
"""

ASSESSMENT = """\
organisation: org-a
assessed: 2024-01-15
assessments:
  - recommendation: 1
    rating: amber
    position: Partly in place.
    actions: ["1.1"]
  - recommendation: 2
    rating: green
    position: In place.
"""

WORKPLAN = """\
organisation: org-a
title: Workplan
agreed: 2024-01-15
sections:
  - id: "1"
    title: Strategy
    actions:
      - id: "1.1"
        title: Write the strategy
        lead: DoQ
        due: 2024-03
        status: in-progress
        recommendations: [1]
      - id: "1.2"
        title: Agree the budget
        lead: [DoQ, CFO]
        due: 2024-Q2
"""

CONFIG = "default_set: test-set\n"


@dataclass
class Tracker:
    root: Path

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8", newline="")
        return path


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty cache folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("FRANCIS_NO_CACHE", raising=False)
    return folder


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git settings, for francis's git as for the tests'."""
    from .gitrepo import isolate_git

    isolate_git(monkeypatch)


@pytest.fixture
def repo(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A git repository holding the small tracker below, committed once (see tests/gitrepo.py)."""
    from .gitrepo import base_repo

    return base_repo(tmp_path)


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    """A small valid tracker: one set, two organisations, one assessment, one workplan."""
    t = Tracker(tmp_path / "tracker")
    t.write("francis.yaml", CONFIG)
    t.write("data/recommendations/test-set.yaml", CATALOGUE)
    t.write("data/organisations.yaml", ORGANISATIONS)
    t.write("data/assessments/org-a.yaml", ASSESSMENT)
    t.write("data/workplan/org-a.yaml", WORKPLAN)
    return t


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of this repository's tracker, edited at a fixed date."""
    root = tmp_path / "bundled"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "francis.yaml", root / "francis.yaml")
    return root


@pytest.fixture
def dated(tracker: Tracker) -> Tracker:
    """The small tracker with one action per due-period boundary (tests/boundaries.py), seen on 2024-06-15."""
    tracker.write("data/workplan/org-a.yaml", boundary_workplan())
    tracker.write(
        "data/assessments/org-a.yaml",
        "organisation: org-a\nassessed: 2023-11-01\nassessments:\n"
        "  - {recommendation: 1, rating: amber, position: Partly.}\n"
        "  - {recommendation: 2, rating: green, position: Done.}\n"
        "  - {recommendation: 3, applicable: false, reason: National.}\n",
    )
    return tracker


@pytest.fixture
def paper(tracker: Tracker) -> Tracker:
    """The small tracker with a report section in francis.yaml, a fuller workplan and assessment (tests/papers.py)."""
    tracker.write("francis.yaml", papers.REPORT_CONFIG)
    tracker.write("data/workplan/org-a.yaml", papers.WORKPLAN)
    tracker.write("data/assessments/org-a.yaml", papers.ASSESSMENT)
    return tracker


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Socket creation and name lookups raise, and are recorded: a library that swallows the
    error (WeasyPrint logs a failed fetch and goes on) still leaves its attempt in the list."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args))
        raise OSError(f"francis tried to use the network: {args!r}")

    class Refused(socket.socket):  # a class, so that modules subclassing socket.socket (ssl) still import
        def __init__(self, *args: object, **kwargs: object) -> None:
            refuse(*args)

    monkeypatch.setattr(socket, "socket", Refused)
    for name in ("create_connection", "getaddrinfo", "socketpair", "fromfd"):
        monkeypatch.setattr(socket, name, refuse)
    return attempts


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; with --update-golden (or FRANCIS_UPDATE_GOLDEN=1), rewrite it."""
    import os

    update = request.config.getoption("--update-golden") or os.environ.get("FRANCIS_UPDATE_GOLDEN") == "1"

    def check(name: str, text: str) -> None:
        path = Path(__file__).parent / "golden" / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        assert path.exists(), f"no golden file {name}: run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8"), f"output differs from golden/{name}"

    return check


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


RunCli = Callable[..., Result]


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run francis in-process; ``root`` becomes ``--root``. Returns exit code, stdout, stderr."""
    monkeypatch.delenv("FRANCIS_ROOT", raising=False)
    monkeypatch.delenv("FRANCIS_AS_OF", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")

    def run(*args: str, root: Path | None = None) -> Result:
        argv = (["--root", str(root)] if root is not None else []) + list(args)
        result = CliRunner().invoke(app, argv, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run
