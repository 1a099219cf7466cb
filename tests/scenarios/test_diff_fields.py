"""`francis diff` shows every field a board cares about: a change of lead (accountability), title or
outcome of an action, and of an assessment's evidence, is movement, never "No movement"."""

from __future__ import annotations

import json

from ..conftest import RunCli
from ..gitrepo import GitRepo

W = "data/workplan/org-a.yaml"
A = "data/assessments/org-a.yaml"


def _change_accountability(repo: GitRepo) -> None:
    new = (
        "        title: Write and publish the strategy\n"
        "        lead: CFO\n"
        "        outcome: A strategy the board owns.\n"
    )
    repo.edit(W, "        title: Write the strategy\n        lead: DoQ\n", new)
    evidence = '    evidence: ["Board minutes, March 2024"]\n'
    repo.edit(A, "    position: In place.\n", "    position: In place.\n" + evidence)
    repo.commit("New lead for the strategy", "2024-02-01T09:00:00+00:00")


def test_a_change_of_lead_title_outcome_or_evidence_is_movement(repo: GitRepo, run_cli: RunCli) -> None:
    _change_accountability(repo)
    table = run_cli("diff", "HEAD~1", "HEAD", root=repo.root)
    assert table.exit_code == 0, table.stderr
    assert "No movement" not in table.stdout
    assert "\n  Other changes\n" in table.stdout
    words = " ".join(table.stdout.split())  # lines wrap at 80 columns
    assert "1.1 Write and publish the strategy: lead: DoQ → CFO" in words
    assert "1.1 Write and publish the strategy: title: Write the strategy → Write and publish the strategy" in words
    assert "1.1 Write and publish the strategy: outcome set: A strategy the board owns." in words
    assert "2 Second: evidence set: Board minutes, March 2024" in words


def test_the_pull_request_summary_and_json_show_them_too(repo: GitRepo, run_cli: RunCli) -> None:
    _change_accountability(repo)
    markdown = run_cli("diff", "HEAD~1", "HEAD", "--format", "markdown", root=repo.root).stdout
    assert "**Other changes**" in markdown
    assert "- 1.1 Write and publish the strategy: lead: DoQ → CFO\n" in markdown
    doc = json.loads(run_cli("diff", "HEAD~1", "HEAD", "--format", "json", root=repo.root).stdout)
    edits = {(e["item"], e["field"]): (e["old"], e["new"]) for e in doc["organisations"][0]["edits"]}
    assert edits[("1.1", "lead")] == ("DoQ", "CFO")
    assert edits[("2", "evidence")] == (None, "Board minutes, March 2024")
    assert {e["place"]["path"] for e in doc["organisations"][0]["edits"]} == {W, A}


def test_an_unchanged_field_is_not_movement(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit(W, "        title: Write the strategy\n", "        # the strategy\n        title: Write the strategy\n")
    repo.commit("A comment only", "2024-02-01T09:00:00+00:00")
    assert "No movement." in run_cli("diff", "HEAD~1", "HEAD", root=repo.root).stdout
