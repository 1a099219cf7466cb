"""Addressees, end to end with real francis processes in a real git repository: recorded with
``catalogue add --addressee`` (a diff of those lines only), listed as missing by ``catalogue show``,
and ``status --addressee`` counting only what is addressed to the organisation, warm from the
snapshot (no models, no YAML parser) as cold; an unknown addressee refused in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ..cli.test_startup import PROBE
from ..gitrepo import GitRepo

SET = "data/recommendations/test-set.yaml"


def francis(root: Path, *args: str, probe: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FRANCIS_ROOT", "FRANCIS_AS_OF", "FORCE_COLOR")}
    env |= {"NO_COLOR": "1", "COLUMNS": "80", "FRANCIS_AS_OF": "2024-06-15"}
    head = ["-c", PROBE] if probe else ["-m", "francis_cli"]
    argv = [sys.executable, *head, "--root", str(root), *args]
    return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env, check=False)


def addressed(repo: GitRepo, tmp_path: Path) -> None:
    """Recommendations 1 and 3 addressed to all trusts, 1 to NHS England too; 2 to nobody yet."""
    for number, text, who in (
        ("1", "The first recommendation.", ["all-trusts", "nhs-england"]),
        ("3", "The third recommendation.", ["all-trusts"]),
    ):
        (tmp_path / "r.txt").write_text(text + "\n", encoding="utf-8")
        options = [x for a in who for x in ("--addressee", a)]
        done = francis(
            repo.root, "catalogue", "add", "test-set", number, "--text-file", str(tmp_path / "r.txt"), *options
        )
        assert done.returncode == 0, done.stderr


def test_addressees_recorded_shown_and_filtered(repo: GitRepo, tmp_path: Path) -> None:
    before = francis(repo.root, "catalogue", "show", "test-set").stdout
    assert "No addressee 3 1–3" in " ".join(before.split())
    addressed(repo, tmp_path)
    diff = repo.git("diff", "-U0", "--", SET)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["+    addressees: [all-trusts, nhs-england]", "+    addressees: [all-trusts]"]
    repo.commit("Addressees of 1 and 3", "2024-02-01T10:00:00+00:00")
    shown = francis(repo.root, "catalogue", "show", "test-set", "--format", "json")
    assert json.loads(shown.stdout)["missing"]["addressees"] == [2]
    assert francis(repo.root, "check").returncode in (0, 1)  # a load: it keeps the snapshot

    doc = json.loads(francis(repo.root, "status", "--org", "org-a", "--addressee", "all-trusts", "-f", "json").stdout)
    (table,) = doc["tables"]
    assert [(r["key"], r["counts"]["total"]) for r in table["rows"]] == [("standards", 1), ("candour", 1)]
    assert table["total"]["counts"]["amber"] == 1 and table["total"]["counts"]["green"] == 0  # 2 is not addressed
    assert table["notes"][0] == "Only the recommendations addressed to all-trusts: 2 of 3."
    nhs = json.loads(
        francis(repo.root, "status", "--by", "organisation", "--addressee", "nhs-england", "-f", "json").stdout
    )
    assert nhs["tables"][0]["total"]["counts"]["total"] == 2  # recommendation 1, for each of the two organisations


def test_a_warm_filtered_status_is_the_same_and_builds_no_model(repo: GitRepo, tmp_path: Path) -> None:
    addressed(repo, tmp_path)
    args = ("status", "--addressee", "all-trusts")
    cold = francis(repo.root, *args)
    warm = francis(repo.root, *args, probe=True)
    assert warm.stdout == cold.stdout and "addressed to all-trusts: 2 of 3" in " ".join(cold.stdout.split())
    loaded = set(json.loads(warm.stderr.strip().splitlines()[-1]))
    assert {m.split(".")[0] for m in loaded} & {"rich", "pydantic", "ruamel"} == set()


def test_an_unknown_addressee_is_refused_with_the_known_ones(repo: GitRepo, tmp_path: Path) -> None:
    none_yet = francis(repo.root, "status", "--addressee", "all-trusts")
    assert (none_yet.returncode, none_yet.stdout) == (2, "")
    assert (
        none_yet.stderr
        == "francis: --addressee: 'all-trusts' is not an addressee of set 'test-set' (it records none yet)\n"
    )
    addressed(repo, tmp_path)
    typo = francis(repo.root, "status", "--addressee", "all-trust")
    assert (typo.returncode, typo.stdout) == (2, "")
    assert typo.stderr.startswith(
        "francis: --addressee: 'all-trust' is not an addressee of set 'test-set' (did you mean "
    )
    assert "'all-trusts'" in typo.stderr and len(typo.stderr.splitlines()) == 1
    far = francis(repo.root, "status", "--addressee", "cqc")
    assert far.stderr == (
        "francis: --addressee: 'cqc' is not an addressee of set 'test-set' (known: all-trusts, nhs-england)\n"
    )


def test_an_addressee_that_is_not_an_id_is_refused_and_nothing_written(repo: GitRepo, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("The first recommendation.\n", encoding="utf-8")
    args = ("catalogue", "add", "test-set", "1", "--text-file", str(tmp_path / "r.txt"), "--addressee", "All trusts")
    refused = francis(repo.root, *args)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        "francis: --addressee: 'All trusts' is not an addressee id (lower-case letters, digits and hyphens, "
        "e.g. all-trusts)\n"
    )
    assert repo.git("status", "--porcelain") == ""
