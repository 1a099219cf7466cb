"""The site workflow that `francis init` writes: a tag pushed to a bare origin, the tag checked out
as actions/checkout does (the whole history), the build job's `run:` steps run as written with
bash, francis installed from FRANCIS_PIP and nhsuk-frontend by npm at its pinned version. The
Pages actions cannot run here: what upload-pages-artifact would upload is checked instead.

npm is told to use its cache only (``npm_config_offline``): the pinned package is there once
``npm cache add nhsuk-frontend@PINNED`` has run (``.ci/run`` does; ``npm ci`` alone caches the
tarball but not the registry's record an install by name needs), and the test makes no request
to a registry."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from francis_cli.render.site_assets import PINNED

from ..conftest import REPO, RunCli
from .test_first_pull_request import CiPython, Event, Step, git, git_config, github_env, runner

__all__ = ["runner"]  # the module-scoped fixture: the runner's python, with a wheel of francis

WORKFLOW = ".github/workflows/francis-site.yml"
TAG = "board-2026-11"


def _missing() -> str | None:
    if sys.platform == "win32":
        return "the workflow's steps are bash on Linux"
    if shutil.which("npm") is None:
        return "npm not installed (apt-get install npm)"
    if not (REPO / "tests/browser/node_modules/nhsuk-frontend").is_dir():
        return f"nhsuk-frontend {PINNED} is not in npm's cache (npm ci --prefix tests/browser)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


def _workflow(root: Path) -> dict[str, Any]:
    doc: dict[str, Any] = YAML(typ="safe").load((root / WORKFLOW).read_text(encoding="utf-8"))
    return doc


def _run_build(workspace: Path, runner: CiPython, tmp: Path) -> tuple[list[Step], Path]:
    """The build job on a tag push: ``run:`` steps as written, with GITHUB_ENV carried between them as
    on GitHub; ``uses:`` emulated. Returns the steps and the folder upload-pages-artifact is given."""
    runner.uninstall_francis()
    workflow = _workflow(workspace)
    env = github_env(workspace, Event("push", TAG), runner, tmp / "summary.md")
    env.update(
        GITHUB_REF=f"refs/tags/{TAG}",
        GITHUB_REF_NAME=TAG,
        GITHUB_REF_TYPE="tag",
        GITHUB_ENV=str(tmp / "github-env"),
        RUNNER_TEMP=str(tmp / "runner-temp"),
        npm_config_offline="true",
        npm_config_cache=subprocess.run(
            ["npm", "config", "get", "cache"], capture_output=True, text=True
        ).stdout.strip(),
    )
    (tmp / "runner-temp").mkdir()
    env.update({k: str(v) for k, v in workflow["env"].items()})
    steps, artifact = [], None
    for step in workflow["jobs"]["build"]["steps"]:
        if "uses" in step:
            action = step["uses"].split("@")[0]
            assert action in ("actions/checkout", "actions/setup-python", "actions/upload-pages-artifact"), action
            if action == "actions/checkout":
                assert step["with"]["fetch-depth"] == 0  # the emulated checkout is a full clone
            if action == "actions/upload-pages-artifact":
                artifact = workspace / step["with"]["path"]
            continue
        (tmp / "github-env").write_text("", encoding="utf-8")
        out = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=workspace, env=env, capture_output=True, text=True
        )
        steps.append(Step(step["name"], out.returncode, out.stdout, out.stderr))
        assert out.returncode == 0, (step["name"], out.stdout, out.stderr)
        for line in (tmp / "github-env").read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            env[key] = value
    assert artifact is not None, "no actions/upload-pages-artifact step"
    return steps, artifact


def _start(tmp_path: Path, run_cli: RunCli, runner: CiPython) -> Path:
    """A tracker started by `francis init`, assessed, tagged and pushed with its tag; then a later
    commit pushed, which the tag's site must not show."""
    origin, work = tmp_path / "origin.git", tmp_path / "tracker"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    assert run_cli("init", str(work), "--org", "trust", "--name", "Trust").exit_code == 0
    text = (work / WORKFLOW).read_text(encoding="utf-8")
    assert text.count('  FRANCIS_PIP: ""\n') == 1
    (work / WORKFLOW).write_text(text.replace('  FRANCIS_PIP: ""\n', f'  FRANCIS_PIP: "{runner.wheel}"\n'))
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "Tracker started")
    assessed = run_cli("assess", "trust", "1", "--rating", "amber", "--position", "Board lead named.", root=work)
    assert assessed.exit_code == 0, assessed.stderr
    git(work, "commit", "-q", "-am", "First assessment")
    git(work, "tag", TAG)
    git(work, "remote", "add", "origin", f"file://{origin}")
    git(work, "push", "-q", "origin", "main", TAG)
    later = run_cli("assess", "trust", "1", "--rating", "green", "--position", "Audited in December.", root=work)
    assert later.exit_code == 0, later.stderr
    git(work, "commit", "-q", "-am", "After the board")
    git(work, "push", "-q", "origin", "main")
    return origin


def test_a_pushed_tag_builds_the_site_that_pages_would_publish(
    tmp_path: Path, run_cli: RunCli, runner: CiPython, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_config(tmp_path, monkeypatch, None)
    origin = _start(tmp_path, run_cli, runner)
    workspace = tmp_path / "workspace"  # actions/checkout with fetch-depth 0, at the tag pushed
    git(tmp_path, "clone", "-q", f"file://{origin}", str(workspace))
    git(workspace, "checkout", "-q", f"refs/tags/{TAG}")
    steps, artifact = _run_build(workspace, runner, tmp_path)
    assert [s.name for s in steps] == ["Install francis", "Install the NHS.UK frontend", "Build the site from the tag"]
    installed = tmp_path / "runner-temp/nhsuk/node_modules/nhsuk-frontend/package.json"
    assert json.loads(installed.read_text())["version"] == PINNED
    assert artifact == workspace / "_site" and (artifact / "index.html").is_file()
    for rel in ("recommendations/1.html", "data/tracker.json", "data/tracker.schema.json", "data/tracker.sqlite"):
        assert (artifact / rel).is_file(), rel
    assert (artifact / "assets/nhsuk/nhsuk-frontend.min.css").stat().st_size > 10_000  # the real stylesheet
    assert TAG in (artifact / "index.html").read_text(encoding="utf-8")
    page = (artifact / "recommendations/1.html").read_text(encoding="utf-8")
    assert "Board lead named." in page and "Audited in December." not in page
    assert json.loads((artifact / "data/tracker.json").read_text())["revision"] == TAG


def test_the_workflow_runs_on_tags_and_deploys_with_the_pages_actions(tmp_path: Path, run_cli: RunCli) -> None:
    assert run_cli("init", str(tmp_path / "t"), "--org", "trust", "--name", "Trust").exit_code == 0
    workflow = _workflow(tmp_path / "t")
    assert list(workflow["on"]) == ["push"] and workflow["on"]["push"] == {"tags": ["**"]}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v4"]
    package = json.loads((REPO / "tests/browser/package.json").read_text(encoding="utf-8"))
    assert workflow["env"]["NHSUK_FRONTEND"] == package["dependencies"]["nhsuk-frontend"] == PINNED
    check = YAML(typ="safe").load((tmp_path / "t/.github/workflows/francis.yml").read_text(encoding="utf-8"))
    install = next(s["run"] for s in workflow["jobs"]["build"]["steps"] if s.get("name") == "Install francis")
    ours = next(s["run"] for s in check["jobs"]["push"]["steps"] if s.get("name") == "Install francis")
    assert install == ours.replace("francis.yml", "francis-site.yml")  # francis installed as the checks do
