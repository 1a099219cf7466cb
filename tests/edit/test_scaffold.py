"""``francis init``: a new tracker that checks clean, its skeleton, and never overwriting one."""

from __future__ import annotations

import subprocess
from pathlib import Path

from francis_cli.yamlio import read as yamlio

from ..conftest import REPO, RunCli

FILES = [
    ".github/workflows/francis-site.yml",
    ".github/workflows/francis.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "data/assessments/trust.yaml",
    "data/organisations.yaml",
    "data/recommendations/francis-2013.yaml",
    "data/workplan/trust.yaml",
    "francis.yaml",
]


def _files(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if (p.is_file() and ".git/" not in p.relative_to(root).as_posix() + "/") or False
    )


def test_init_creates_a_tracker_that_checks_clean(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "new"
    result = run_cli("init", str(root), "--org", "trust", "--name", "Mid Staffordshire NHS Foundation Trust")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout
        == "".join(
            f"created {f}\n"
            for f in [
                "francis.yaml",
                "data/organisations.yaml",
                "data/recommendations/francis-2013.yaml",
                "data/assessments/trust.yaml",
                "data/workplan/trust.yaml",
                ".github/workflows/francis.yml",
                ".github/workflows/francis-site.yml",
                ".pre-commit-config.yaml",
                "README.md",
                ".gitignore",
            ]
        )
        + f"initialised a git repository in {root}\n"
    )
    assert sorted(p for p in _files(root) if not p.startswith(".git/")) == FILES
    assert (root / ".git").is_dir()
    assert (root / "data/recommendations/francis-2013.yaml").read_bytes() == (
        REPO / "data/recommendations/francis-2013.yaml"
    ).read_bytes()
    check = run_cli("check", "--strict", root=root)
    assert check.exit_code == 0, check.stdout
    assert check.stderr == "0 errors, 1 warning in 5 files\n"  # only not-transcribed, from the catalogue


def test_the_skeleton_lists_every_recommendation_and_assess_fills_it_in(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "new"
    assert run_cli("init", str(root), "--org", "trust", "--name", "Trust").exit_code == 0
    path = root / "data/assessments/trust.yaml"
    text = path.read_text()
    assert text.count("  # - recommendation: ") == 290
    assert (
        "assessments: []\n  # - recommendation: 1  # Accountability for implementation of responses\n"
        "  #   rating:\n  #   position:\n  # - recommendation: 2  # Adopting" in text
    )
    result = run_cli("assess", "trust", "2", "--rating", "amber", "--position", "Values agreed.", root=root)
    assert result.exit_code == 0
    assert run_cli("assess", "trust", "1", "--rating", "green", "--position", "Published.", root=root).exit_code == 0
    text = path.read_text()
    assert (
        "assessments:\n  - recommendation: 1\n    rating: green\n    position: Published.\n"
        "  - recommendation: 2\n    rating: amber\n    position: Values agreed.\n"
        "  # - recommendation: 3  # not yet transcribed\n"
    ) in text
    assert text.count("  # - recommendation: ") == 288
    assert yamlio.parse(text).data["assessments"][1] == {
        "recommendation": 2,
        "rating": "amber",
        "position": "Values agreed.",
    }


def test_blank_and_inside_an_existing_repository(tmp_path: Path, run_cli: RunCli) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    root = tmp_path / "trackers" / "one"
    result = run_cli("init", str(root), "--org", "trust", "--name", "Trust", "--blank")
    assert result.exit_code == 0
    assert "initialised a git repository" not in result.stdout and not (root / ".git").exists()
    assert (root / "data/assessments/trust.yaml").read_text().endswith("set: francis-2013\nassessments: []\n")


def test_refuses_to_overwrite_a_tracker(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "new"
    assert run_cli("init", str(root), "--org", "trust", "--name", "Trust").exit_code == 0
    (root / "francis.yaml").write_text("default_set: francis-2013\n# mine\n")
    result = run_cli("init", str(root), "--org", "other", "--name", "Other")
    assert (result.exit_code, result.stderr) == (2, f"francis: {root} is already a francis tracker: nothing written\n")
    assert (root / "francis.yaml").read_text().endswith("# mine\n")


def test_bad_org_id_and_unknown_set(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("init", str(tmp_path / "a"), "--org", "Mid Staffs", "--name", "x")
    assert result.exit_code == 2 and "--org: 'Mid Staffs' is not an id" in result.stderr
    result = run_cli("init", str(tmp_path / "b"), "--org", "a", "--name", "x", "--set", "nope")
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: no bundled recommendation set 'nope' (bundled: francis-2013)\n",
    )
    assert not (tmp_path / "b").exists()


def test_ci_and_pre_commit_files(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "new"
    assert run_cli("init", str(root), "--org", "trust", "--name", "Trust").exit_code == 0
    workflow = yamlio.parse((root / ".github/workflows/francis.yml").read_text()).data
    steps = workflow["jobs"]["pull-request"]["steps"]
    assert steps[0]["uses"] == "actions/checkout@v4"
    runs = [s.get("run") for s in steps]  # a pull request is compared with its real base, fetched
    assert 'francis check --format github --changed-since "origin/$GITHUB_BASE_REF"' in runs
    assert 'francis diff "origin/$GITHUB_BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    assert any("git fetch" in (r or "") and "$GITHUB_BASE_REF" in (r or "") for r in runs)
    push = [s.get("run") for s in workflow["jobs"]["push"]["steps"]]  # a push checks the whole tracker
    assert "francis check --format github" in push
    assert workflow["on"]["push"]["branches"] == ["main"]
    hooks = yamlio.parse((root / ".pre-commit-config.yaml").read_text()).data["repos"][0]["hooks"]
    assert [h["id"] for h in hooks] == ["francis-check"]
    ours = yamlio.parse((REPO / ".pre-commit-hooks.yaml").read_text()).data[0]
    assert (hooks[0]["entry"], hooks[0]["files"]) == (ours["entry"], ours["files"])


def test_the_cover_sheet_example_is_valid_once_uncommented(tmp_path: Path, run_cli: RunCli) -> None:
    """The commented `report:` block francis.yaml starts with reads as settings when a board
    secretary removes the comment marks, and the paper then carries its rows."""
    root = tmp_path / "new"
    assert run_cli("init", str(root), "--org", "trust", "--name", "A Trust").exit_code == 0
    settings = root / "francis.yaml"
    text = settings.read_text(encoding="utf-8")
    block = text[text.index("# report:") :]
    settings.write_text(text.replace(block, block.replace("# ", "", 1).replace("\n#   ", "\n  ")), encoding="utf-8")
    assert "\nreport:\n  meeting: Trust Board (public)\n" in settings.read_text(encoding="utf-8")
    check = run_cli("check", root=root)
    assert check.exit_code == 0, check.stdout
    paper = run_cli("report", "--as-of", "2026-12-01", root=root)
    assert paper.exit_code == 0, paper.stderr
    for row in (
        "| Agenda item | 7.2 |",
        "| Level of assurance | Reasonable assurance",
        "| CQC key questions | Safe, Well-led |",
    ):
        assert row in paper.stdout


def test_the_frontend_installed_for_the_site_is_not_left_untracked(tmp_path: Path, run_cli: RunCli) -> None:
    """The site guide installs nhsuk-frontend with npm in the tracker: package.json is the tracker's
    to commit, node_modules/ is not."""
    root = tmp_path / "t"
    assert run_cli("init", str(root), "--org", "trust", "--name", "Trust").exit_code == 0
    (root / "node_modules" / "nhsuk-frontend" / "dist").mkdir(parents=True)
    (root / "node_modules" / "nhsuk-frontend" / "dist" / "x.css").write_text("a{}", encoding="utf-8")
    (root / "package.json").write_text("{}", encoding="utf-8")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert "package.json" in status and "node_modules" not in status
