"""A tracker's first month: `francis init`, a push, a pull request, a broken one, a broken push, each
checked by the workflow that init wrote, its `run:` steps run as written, with bash, on a shallow
clone as GitHub's checkout makes it, in the environment GitHub gives, on git's default branch
unset (francis makes `main`), `master` and `trunk`."""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from ..conftest import RunCli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the workflow's steps are bash on Linux")

TOP = Path(__file__).resolve().parents[2]
"""The francis checkout these tests are in: what CI installs (FRANCIS_PIP) in the scenario."""

WORKFLOW = ".github/workflows/francis.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass(frozen=True)
class CiPython:
    """A virtualenv standing for the runner's python after setup-python. It sees this test run's
    packages (francis's dependencies, and pip, run by ``bin/pip``), so installing francis needs no index."""

    bin: Path
    site: Path
    wheel: Path
    """A wheel built from TOP, once: FRANCIS_PIP in the scenario."""

    def uninstall_francis(self) -> None:
        for path in [*self.site.glob("francis_cli*"), self.bin / "francis"]:
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> CiPython:
    assert (TOP / "pyproject.toml").is_file() and (TOP / "src" / "francis_cli").is_dir(), TOP
    base = tmp_path_factory.mktemp("runner")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "_test_run_packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = venv / "bin" / "pip"
    pip.write_text(f"#!{python}\nimport sys\nfrom pip._internal.cli.main import main\nsys.exit(main())\n")
    pip.chmod(0o755)
    built = subprocess.run(
        [pip, "wheel", "-q", "--no-deps", "-w", str(base / "wheels"), str(TOP)], capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    return CiPython(venv / "bin", Path(purelib), next((base / "wheels").glob("francis_cli-*.whl")))


def git(cwd: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert out.returncode == 0, f"git {' '.join(args)}: {out.stderr}"
    return out.stdout.strip()


def git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, default_branch: str | None) -> None:
    """A global git configuration the test controls: who commits, and git's default branch."""
    config = tmp_path / "gitconfig"
    text = "[user]\n\tname = Board Secretary\n\temail = secretary@example.nhs.uk\n[commit]\n\tgpgsign = false\n"
    text += "[advice]\n\tdetachedHead = false\n"
    if default_branch:
        text += f"[init]\n\tdefaultBranch = {default_branch}\n"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))


@dataclass(frozen=True)
class Event:
    """What triggered the run: a pull request from ``head`` into ``base``, or a push to ``head``."""

    name: str
    head: str
    base: str = ""

    def expressions(self) -> dict[str, str]:
        ref = "refs/pull/1/merge" if self.name == "pull_request" else f"refs/heads/{self.head}"
        return {
            "github.event_name": self.name,
            "github.base_ref": self.base,
            "github.ref": ref,
            "github.head_ref": self.head if self.name == "pull_request" else "",
            "github.ref_name": "1/merge" if self.name == "pull_request" else self.head,
        }


def substitute(text: str, event: Event) -> str:
    """``${{ ... }}`` replaced as GitHub would, for the expressions this emulation knows."""
    known = event.expressions()

    def one(match: re.Match[str]) -> str:
        if match[1] not in known:
            pytest.fail(f"the workflow uses an expression the test does not know: {match[0]}")
        return known[match[1]]

    return EXPRESSION.sub(one, text)


def condition(text: str, event: Event, failed: bool) -> bool:
    """An ``if:``; one without a status function holds only while nothing failed, as on GitHub."""
    bare = EXPRESSION.fullmatch(text.strip())
    expr = (bare[1] if bare else text).strip()
    if expr == "always()":
        return True
    if expr == "success()":
        return not failed
    compared = re.fullmatch(r"github\.(\w+) == '([^']*)'", expr)
    if compared is None or f"github.{compared[1]}" not in event.expressions():
        pytest.fail(f"the workflow uses a condition the test does not know: {text!r}")
    return not failed and event.expressions()[f"github.{compared[1]}"] == compared[2]


def triggered(workflow: dict[str, Any], event: Event) -> bool:
    """Whether ``on:`` starts the workflow for the event: branch filters are globs of the pull
    request's base, or of the branch pushed."""
    if event.name not in workflow["on"]:
        return False
    branches = (workflow["on"][event.name] or {}).get("branches")
    target = event.base if event.name == "pull_request" else event.head
    return branches is None or any(fnmatch.fnmatchcase(target, pattern) for pattern in branches)


@dataclass
class Step:
    name: str
    code: int | None
    """None: skipped, or an action emulated."""
    stdout: str = ""
    stderr: str = ""


@dataclass
class Run:
    steps: list[Step] = field(default_factory=list)
    summary: str = ""

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)

    @property
    def failed(self) -> bool:
        return any(s.code for s in self.steps)


def github_env(workspace: Path, event: Event, runner: CiPython, summary: Path) -> dict[str, str]:
    """The environment of a step on GitHub's runner, with the runner's python first on PATH (and no
    other francis on it: the install step must provide it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRANCIS_", "GITHUB_", "VIRTUAL_ENV"))}
    path = [d for d in env.get("PATH", "").split(os.pathsep) if d and not (Path(d) / "francis").exists()]
    env["PATH"] = os.pathsep.join([str(runner.bin), *path])
    exprs = event.expressions()
    env.update(
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME=event.name,
        GITHUB_BASE_REF=event.base,
        GITHUB_HEAD_REF=exprs["github.head_ref"],
        GITHUB_REF=exprs["github.ref"],
        GITHUB_REF_NAME=exprs["github.ref_name"],
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_REPOSITORY="nhs-trust/francis-tracker",
    )
    return env


def run_workflow(workspace: Path, event: Event, runner: CiPython) -> Run:
    """Every job the event starts, step by step: ``uses:`` emulated (the clone is the checkout, the
    runner's python is set up, without francis), ``run:`` with ``bash -e -o pipefail -c`` as written."""
    runner.uninstall_francis()
    workflow = YAML(typ="safe").load((workspace / WORKFLOW).read_text(encoding="utf-8"))
    assert triggered(workflow, event), f"the workflow does not run on {event}"
    summary = workspace.parent / f"{workspace.name}-summary.md"
    summary.write_text("", encoding="utf-8")
    env = github_env(workspace, event, runner, summary)
    env.update({k: substitute(str(v), event) for k, v in (workflow.get("env") or {}).items()})
    jobs = [job for job in workflow["jobs"].values() if condition(job.get("if", "success()"), event, failed=False)]
    assert len(jobs) == 1, f"{len(jobs)} jobs run on {event.name}"
    run = Run()
    for i, step in enumerate(jobs[0]["steps"]):
        name = step.get("name") or step.get("uses") or f"step {i}"
        if not condition(step.get("if", "success()"), event, run.failed):
            run.steps.append(Step(name, None))
        elif "uses" in step:
            assert step["uses"].split("@")[0] in ("actions/checkout", "actions/setup-python"), step["uses"]
            assert "fetch-depth" not in (step.get("with") or {}), "the emulated checkout is a depth-1 clone"
            run.steps.append(Step(name, None))
        else:
            step_env = {**env, **{k: substitute(str(v), event) for k, v in (step.get("env") or {}).items()}}
            script = substitute(step["run"], event)
            out = subprocess.run(
                ["bash", "-e", "-o", "pipefail", "-c", script],
                cwd=workspace,
                env=step_env,
                capture_output=True,
                text=True,
            )
            run.steps.append(Step(name, out.returncode, out.stdout, out.stderr))
    run.summary = summary.read_text(encoding="utf-8")
    return run


def checkout(origin: Path, branch: str, into: Path) -> Path:
    """What actions/checkout makes: one commit of the branch, shallow."""
    git(origin.parent, "clone", "-q", "--depth", "1", "--branch", branch, f"file://{origin}", str(into))
    assert git(into, "rev-parse", "--is-shallow-repository") == "true"
    return into


def start_tracker(tmp_path: Path, run_cli: RunCli, runner: CiPython, branch: str) -> tuple[Path, Path]:
    """`francis init`, FRANCIS_PIP set where the workflow says, the first commit pushed to ``branch``."""
    origin, work = tmp_path / "origin.git", tmp_path / "tracker"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    started = run_cli("init", str(work), "--org", "trust", "--name", "Mid Staffordshire NHS Foundation Trust")
    assert started.exit_code == 0, started.stderr
    assert git(work, "symbolic-ref", "--short", "HEAD") == branch
    assert f"set FRANCIS_PIP in {WORKFLOW}" in started.stderr
    text = (work / WORKFLOW).read_text(encoding="utf-8")
    assert text.count('  FRANCIS_PIP: ""\n') == 1
    (work / WORKFLOW).write_text(text.replace('  FRANCIS_PIP: ""\n', f'  FRANCIS_PIP: "{runner.wheel}"\n'))
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "Tracker started")
    git(work, "remote", "add", "origin", f"file://{origin}")
    git(work, "push", "-q", "-u", "origin", branch)
    return origin, work


def break_rating(work: Path) -> None:
    path = work / "data/assessments/trust.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("rating: amber", "rating: ambr", 1), encoding="utf-8")


BROKEN = re.compile(
    r"^::error file=data/assessments/trust\.yaml,line=\d+,col=13,title=unknown-rating::rating 'ambr'", re.MULTILINE
)


@pytest.mark.parametrize(("default_branch", "branch"), [(None, "main"), ("master", "master"), ("trunk", "trunk")])
def test_the_first_pull_requests_and_pushes(
    default_branch: str | None,
    branch: str,
    tmp_path: Path,
    run_cli: RunCli,
    runner: CiPython,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    git_config(tmp_path, monkeypatch, default_branch)
    origin, work = start_tracker(tmp_path, run_cli, runner, branch)
    git(work, "checkout", "-q", "-b", "gap-assessment")
    assessed = run_cli("assess", "trust", "1", "--rating", "amber", "--position", "Board lead named.", root=work)
    assert assessed.exit_code == 0, assessed.stderr
    sheet = tmp_path / "action-log.csv"  # the trust's spreadsheet, as its action logs are kept
    sheet.write_text(
        "Ref,Action,Lead,Timescale,Status\n1,Name a board lead for the response,DoN,Sept 2026,"
        "In progress\n2,Publish the response,DoN,March 2027,Not started\n",
        encoding="utf-8",
    )
    imported = run_cli("import", "actions", str(sheet), "--org", "trust", "--date", "2026-06-01", root=work)
    assert imported.exit_code == 0, imported.stderr
    noted = run_cli("action", "note", "trust", "1", "Board lead named.", "--date", "2026-06-02", root=work)
    assert noted.exit_code == 0, noted.stderr
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "First assessment and the action log")
    git(work, "push", "-q", "origin", "gap-assessment")

    good = run_workflow(
        checkout(origin, "gap-assessment", tmp_path / "pr1"), Event("pull_request", "gap-assessment", branch), runner
    )
    assert not good.failed, [(s.name, s.code, s.stderr) for s in good.steps]
    assert good.step("Check what the pull request changes").stdout == ""
    assert good.summary.startswith(f"## Movement from origin/{branch} (")
    assert "- 1 Accountability for implementation of responses: amber" in good.summary
    assert "- 1 Name a board lead for the response: new action (in-progress)" in good.summary
    assert "- 2 Publish the response: new action (not-started)" in good.summary

    git(work, "checkout", "-q", "-b", "typo")
    break_rating(work)
    git(work, "commit", "-q", "-am", "A typo")
    git(work, "push", "-q", "origin", "typo")
    bad = run_workflow(checkout(origin, "typo", tmp_path / "pr2"), Event("pull_request", "typo", branch), runner)
    check = bad.step("Check what the pull request changes")
    assert check.code == 1 and BROKEN.search(check.stdout), check
    assert "1 error, 0 warnings in 5 files; 3 files changed since origin/" in check.stderr  # assessment, plan, roles
    assert "ambr" in bad.summary  # the summary still runs

    git(work, "checkout", "-q", branch)
    git(work, "merge", "-q", "--ff-only", "typo")
    git(work, "push", "-q", "origin", branch)
    pushed = run_workflow(checkout(origin, branch, tmp_path / "push"), Event("push", branch), runner)
    whole = pushed.step("Check the whole tracker")
    assert whole.code == 1 and BROKEN.search(whole.stdout), whole
    assert not triggered(YAML(typ="safe").load((work / WORKFLOW).read_text()), Event("push", "typo"))


def test_without_francis_pip_the_install_step_says_what_to_set(
    tmp_path: Path, run_cli: RunCli, runner: CiPython, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_config(tmp_path, monkeypatch, None)
    assert run_cli("init", str(tmp_path / "t"), "--org", "trust", "--name", "Trust").exit_code == 0
    run = run_workflow(tmp_path / "t", Event("push", "main"), runner)
    install = run.step("Install francis")
    assert install.code == 1
    assert install.stdout.startswith(f"::error title=francis is not installed::set FRANCIS_PIP in {WORKFLOW} ")
    assert run.step("Check the whole tracker").code is None


def test_a_vendored_copy_of_francis_is_installed(
    tmp_path: Path, run_cli: RunCli, runner: CiPython, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_config(tmp_path, monkeypatch, None)
    work = tmp_path / "t"
    assert run_cli("init", str(work), "--org", "trust", "--name", "Trust").exit_code == 0
    (work / "francis").mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(TOP / name, work / "francis" / name)
    for name in ("src", "templates", "data"):
        shutil.copytree(TOP / name, work / "francis" / name, ignore=shutil.ignore_patterns("__pycache__"))
    run = run_workflow(work, Event("push", "main"), runner)
    assert [(s.name, s.code) for s in run.steps if s.code is not None] == [
        ("Install francis", 0),
        ("Check the whole tracker", 0),
    ], run.steps


class _Installed:
    """A francis distribution as pip records one installed from a git repository (PEP 610)."""

    def __init__(self, url: str) -> None:
        self.record = {"url": url, "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef" * 2 + "01234567"}}

    def read_text(self, name: str) -> str | None:
        import json

        return json.dumps(self.record) if name == "direct_url.json" else None


@pytest.mark.parametrize(
    ("url", "pinned"),
    [
        ("https://github.com/nhs-example/francis", True),
        ("ssh://git@github.com/nhs-example/francis.git", True),
        ("https://x-access-token:secret@github.com/nhs-example/francis", False),
        ("file:///home/me/francis", False),
    ],
)
def test_a_francis_installed_from_git_is_what_ci_installs(
    url: str, pinned: bool, tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: _Installed(url))
    result = run_cli("init", str(tmp_path / "t"), "--org", "trust", "--name", "Trust")
    assert result.exit_code == 0
    spec = f"git+{url}@{'0123456789abcdef' * 2}01234567" if pinned else ""
    workflow = YAML(typ="safe").load((tmp_path / "t" / WORKFLOW).read_text(encoding="utf-8"))
    assert workflow["env"] == {"FRANCIS_PIP": spec}
    hook = YAML(typ="safe").load((tmp_path / "t/.pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    if pinned:
        assert (hook["language"], hook["additional_dependencies"]) == ("python", [spec])
        assert "FRANCIS_PIP" not in result.stderr
    else:
        assert hook["language"] == "system" and "additional_dependencies" not in hook
        assert "secret" not in (tmp_path / "t" / WORKFLOW).read_text() and "set FRANCIS_PIP" in result.stderr
