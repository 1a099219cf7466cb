"""`francis history`: the audit trail of an assessment or an action, on real scripted repositories."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from francis_cli.tracker import read
from francis_cli.tracker.corpus import load_tracker
from francis_cli.tracker.git import Repo
from francis_cli.views import history as history_view

from ..conftest import RunCli
from ..gitrepo import ORG_B, GitRepo, february

W = "data/workplan/org-a.yaml"
W2 = "data/workplan/2024/org-a.yaml"
B = "data/assessments/org-b.yaml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every file parsed from here on (positions aside), in order."""
    seen: list[str] = []
    real = read.parse

    def counted(text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(read, "parse", counted)
    return seen


@pytest.fixture
def trees(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The commits whose files are listed from here on: those a history reads."""
    seen: set[str] = set()
    real = Repo.tree

    def listed(self: Repo, sha: str) -> Any:
        seen.add(sha)
        return real(self, sha)

    monkeypatch.setattr(Repo, "tree", listed)
    return seen


def _history(root: Path, ref: str) -> history_view.History:
    with Repo(root) as repo:
        return history_view.history(load_tracker(root), repo, ref)


def slipping(repo: GitRepo) -> None:
    """Action 1.2 slips three times (once in a renamed file, once on main while a branch changes its
    title), the branch is merged, then the date is brought back a quarter."""
    repo.edit(
        W,
        "due: 2024-Q2",
        "due: 2024-Q3\n        progress:\n          - date: 2024-02-01\n"
        "            note: Budget round delayed by NHS England.",
    )
    repo.commit("Budget slips to Q3", "2024-02-01T09:00:00+00:00", who="bob")
    (repo.root / "data/workplan/2024").mkdir()
    (repo.root / W).rename(repo.root / W2)
    repo.edit(W2, "due: 2024-Q3", "due: 2024-Q4")
    repo.commit("File workplans by year; budget to Q4", "2024-03-01T09:00:00+00:00")
    repo.git("checkout", "-q", "-b", "side")
    repo.edit(W2, "title: Agree the budget", "title: Agree the 2024/25 budget")
    repo.commit("Name the budget's year", "2024-03-10T09:00:00+00:00", who="bob")
    repo.git("checkout", "-q", "main")
    repo.edit(W2, "due: 2024-Q4", "due: 2025-Q1\n        status: in-progress")
    repo.commit("Budget to 2025", "2024-03-12T09:00:00+00:00")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side", when="2024-03-15T09:00:00+00:00")
    repo.edit(W2, "due: 2025-Q1", "due: 2024-12")
    repo.commit("Budget back to December", "2024-04-01T09:00:00+00:00", who="bob")


def test_action_history_with_slippage(repo: GitRepo, run_cli: RunCli, golden: Callable[[str, str], None]) -> None:
    slipping(repo)
    before = repo.snapshot()
    result = run_cli("history", "1.2", root=repo.root)
    assert (result.exit_code, result.stderr) == (0, "")
    golden("history-action.txt", result.stdout)
    golden("history-action.json", run_cli("history", "org-a:1.2", "--format", "json", root=repo.root).stdout)
    assert repo.snapshot() == before
    h = _history(repo.root, "1.2")
    item = h.items[0]
    assert (item.slipped, item.original_due, item.current_due) == (3, "2024-Q2", "2024-12")
    assert [r.subject for r in item.revisions] == [
        "Gap assessment and workplan agreed",
        "Budget slips to Q3",
        "File workplans by year; budget to Q4",
        "Name the budget's year",
        "Budget to 2025",
        "Budget back to December",
    ]  # the merge changed nothing itself
    assert h.commits == 7 and not h.shallow


def test_recommendation_history_per_organisation(
    repo: GitRepo, run_cli: RunCli, golden: Callable[[str, str], None]
) -> None:
    february(repo)
    repo.edit(
        "data/assessments/org-a.yaml",
        "rating: amber\n    position: In place.",
        "rating: green\n    position: In place.",
    )
    result = run_cli("history", "2", root=repo.root)
    assert (result.exit_code, result.stderr) == (0, "")
    golden("history-recommendation.txt", result.stdout)
    only_b = run_cli("history", "test-set:2", "--org", "org-b", root=repo.root).stdout
    assert only_b.splitlines()[0] == "org-b: recommendation test-set:2 Second"


def test_merge_that_resolves_a_conflict_is_recorded(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "side")
    repo.edit(W, "due: 2024-03", "due: 2024-04")
    repo.commit("Side: April", "2024-02-01T09:00:00+00:00", who="bob")
    repo.git("checkout", "-q", "main")
    repo.edit(W, "due: 2024-03", "due: 2024-05")
    repo.commit("Main: May", "2024-02-02T09:00:00+00:00")
    repo.git("merge", "-q", "side", when="2024-02-03T09:00:00+00:00", check=False)  # a conflict
    repo.edit(
        W, "<<<<<<< HEAD\n        due: 2024-05\n=======\n        due: 2024-04\n>>>>>>> side\n", "        due: 2024-06\n"
    )
    repo.commit("Merge side: June it is", "2024-02-03T09:00:00+00:00")
    item = _history(repo.root, "org-a:1.1").items[0]
    assert [(r.subject, [(c.field, c.old, c.new, c.days) for c in r.changes]) for r in item.revisions[1:]] == [
        ("Side: April", [("due", "2024-03", "2024-04", 30)]),
        ("Main: May", [("due", "2024-03", "2024-05", 61)]),
        ("Merge side: June it is", [("due", "2024-05", "2024-06", 30)]),
    ]
    assert (item.slipped, item.original_due, item.current_due) == (3, "2024-03", "2024-06")


def test_unknown_reference(repo: GitRepo, run_cli: RunCli) -> None:
    result = run_cli("history", "9.9", root=repo.root)
    assert (result.exit_code, result.stderr) == (
        2,
        "francis: '9.9' is neither a recommendation number nor an action id in the work tree "
        "(for an action that is gone, write ORG:ID)\n",
    )
    result = run_cli("history", "3", root=repo.root)
    assert result.stderr == "francis: no assessment of recommendation test-set:3 in the tracker's history\n"


def test_a_second_history_parses_nothing(repo: GitRepo, parses: list[str]) -> None:
    february(repo)
    repo.edit(W, "due: 2024-Q3", "due: 2024-Q4")
    repo.commit("Budget to Q4", "2024-03-01T09:00:00+00:00")
    first = _history(repo.root, "org-a:1.2")
    assert parses, "the first run parses the workplan as it was at each commit"
    parses.clear()
    second = _history(repo.root, "org-a:1.2")
    assert parses == []
    assert second == first
    assert [(c.field, c.old, c.new) for r in second.items[0].revisions for c in r.changes if c.field == "due"] == [
        ("due", None, "2024-Q2"),
        ("due", "2024-Q2", "2024-Q3"),
        ("due", "2024-Q3", "2024-Q4"),
    ]


def test_history_reads_only_the_commits_that_touched_the_organisation_s_files(
    repo: GitRepo, parses: list[str], trees: set[str]
) -> None:
    for i, when in enumerate(("2024-02-01", "2024-02-02", "2024-02-03")):
        repo.write(B, ORG_B.replace("Nothing yet.", f"Draft {i}."))
        repo.commit(f"Organisation B, draft {i}", f"{when}T09:00:00+00:00", who="bob")
    repo.edit(W, "due: 2024-Q2", "due: 2024-Q3")
    repo.commit("Budget slips", "2024-03-01T09:00:00+00:00")
    parses.clear()
    h = _history(repo.root, "org-a:1.2")
    assert [r.subject for r in h.items[0].revisions] == ["Gap assessment and workplan agreed", "Budget slips"]
    read_subjects = {repo.git("log", "-1", "--format=%s", sha).strip() for sha in trees}
    assert read_subjects == {"Gap assessment and workplan agreed", "Budget slips", "Organisation B, draft 2"}
    # (the last of B's drafts only as the slip's parent)
    assert not any("Draft 0" in text or "Draft 1" in text for text in parses)  # B's older files, never read
    assert h.commits == 5  # what touched the tracker, as before: all of them


def test_history_follows_an_item_moved_to_another_file(repo: GitRepo) -> None:
    repo.edit(W, "due: 2024-Q2", "due: 2024-Q3")
    repo.commit("Budget slips", "2024-02-01T09:00:00+00:00")
    text = (repo.root / W).read_text(encoding="utf-8")
    kept, moved = text.split('      - id: "1.2"\n')
    repo.write(W, kept)
    repo.write(
        "data/workplan/org-a-finance.yaml",
        "organisation: org-a\ntitle: Finance\nactions:\n"
        + '  - id: "1.2"\n'
        + moved.replace("        ", "    ").replace("2024-Q3", "2024-Q4"),
    )
    repo.commit("Finance actions in a file of their own; budget to Q4", "2024-03-01T09:00:00+00:00")
    repo.write(B, ORG_B)
    repo.commit("Organisation B", "2024-03-02T09:00:00+00:00")
    item = _history(repo.root, "org-a:1.2").items[0]
    assert [(r.subject, r.kind) for r in item.revisions] == [
        ("Gap assessment and workplan agreed", "added"),
        ("Budget slips", "changed"),
        ("Finance actions in a file of their own; budget to Q4", "changed"),
    ]
    assert (item.slipped, item.original_due, item.current_due) == (2, "2024-Q2", "2024-Q4")


def test_history_of_an_action_in_a_deleted_file(repo: GitRepo, trees: set[str]) -> None:
    old = "data/workplan/org-a-2023.yaml"
    repo.write(old, 'organisation: org-a\nactions:\n  - id: "9.1"\n    title: Close the old plan\n    due: 2023-12\n')
    repo.commit("Last year's plan", "2024-02-01T09:00:00+00:00")
    for i in range(2):
        repo.write(B, ORG_B.replace("Nothing yet.", f"Draft {i}."))
        repo.commit(f"Organisation B, draft {i}", f"2024-02-0{i + 2}T09:00:00+00:00", who="bob")
    repo.edit(old, "due: 2023-12", "due: 2024-01")
    repo.commit("Old plan slips", "2024-02-04T09:00:00+00:00")
    (repo.root / old).unlink()
    repo.commit("Old plan closed", "2024-02-05T09:00:00+00:00")
    h = _history(repo.root, "org-a:9.1")
    assert [(r.subject, r.kind) for r in h.items[0].revisions] == [
        ("Last year's plan", "added"),
        ("Old plan slips", "changed"),
        ("Old plan closed", "removed"),
    ]
    read_subjects = {repo.git("log", "-1", "--format=%s", sha).strip() for sha in trees}
    assert "Organisation B, draft 0" not in read_subjects and "Old plan closed" in read_subjects


def test_history_shows_a_due_change_with_its_reason_and_a_decision(repo: GitRepo, run_cli: RunCli) -> None:
    args = ["--due", "2024-Q4", "--reason", "Waits for the allocation.", "--date", "2024-02-01"]
    moved = run_cli("action", "update", "org-a", "1.2", *args, root=repo.root)
    assert moved.exit_code == 0, moved.stderr
    repo.commit("Budget re-dated", "2024-02-01T10:00:00+00:00")
    out = run_cli("history", "org-a:1.2", root=repo.root).stdout
    assert "due: 2024-Q2 → 2024-Q4 (184 days later)" in out
    assert "due reason: 2024-02-01: was 2024-Q2. Waits for the allocation." in out
    decided = run_cli("assess", "org-a", "2", "--decision", "accepted", "--decided-by", "Board", root=repo.root)
    assert decided.exit_code == 0, decided.stderr
    repo.commit("Decided", "2024-02-02T10:00:00+00:00")
    out = run_cli("history", "2", "--org", "org-a", root=repo.root).stdout
    assert "decision: accepted" in out and "decided_by: Board" in out


RECORD = """    position: In place.
    evidence:
      - title: Quality schedule
        location: francis.yaml
        owner: DoQ
        review: 2099-09-30
"""


def test_diff_and_history_show_assurance_evidence_dates_and_a_sign_off_voided(repo: GitRepo, run_cli: RunCli) -> None:
    a = "data/assessments/org-a.yaml"
    repo.edit(a, "    position: In place.\n", RECORD)
    assert run_cli("assess", "org-a", "2", "--assurance", "reasonable", root=repo.root).exit_code == 0
    signed = run_cli("signoff", "org-a", "2", "--by", "DoQ", "--date", "2024-02-01", root=repo.root)
    assert signed.exit_code == 0, signed.stderr
    repo.commit("Evidenced, assured and signed off", "2024-02-01T10:00:00+00:00")
    repo.edit(a, "review: 2099-09-30", "review: 2100-03-31")
    repo.edit(a, "position: In place.", "position: In place, audited.")
    repo.commit("Review put back; position reworded", "2024-03-01T10:00:00+00:00")

    data = json.loads(run_cli("diff", "HEAD~2", "HEAD~1", "--format", "json", root=repo.root).stdout)
    edits = {e["field"]: (e["old"], e["new"]) for e in data["organisations"][0]["edits"]}
    assert edits["assurance"] == (None, "reasonable")
    assert edits["evidence"] == (None, "Quality schedule (francis.yaml)")
    assert edits["evidence dates"] == (None, "Quality schedule: review by 2099-09-30")
    assert edits["sign-off"] == (None, "by DoQ on 2024-02-01")
    later = json.loads(run_cli("diff", "HEAD~1", "HEAD", "--format", "json", root=repo.root).stdout)
    edits = {e["field"]: (e["old"], e["new"]) for e in later["organisations"][0]["edits"]}
    assert edits == {
        "evidence dates": ("Quality schedule: review by 2099-09-30", "Quality schedule: review by 2100-03-31"),
        "sign-off": ("by DoQ on 2024-02-01", "by DoQ on 2024-02-01, void: changed since"),
    }
    plain = run_cli("diff", "HEAD~1", "HEAD", "--format", "markdown", root=repo.root).stdout
    assert "sign-off: by DoQ on 2024-02-01 → by DoQ on 2024-02-01, void: changed since" in " ".join(plain.split())
    table = " ".join(run_cli("diff", "HEAD~1", "HEAD", root=repo.root).stdout.split())
    assert "2 Second: evidence dates: Quality schedule: review by 2099-09-30 → Quality schedule: review by" in table

    out = " ".join(run_cli("history", "2", "--org", "org-a", root=repo.root).stdout.split())
    assert "assurance: reasonable" in out and "sign-off: by DoQ on 2024-02-01" in out
    assert "evidence dates: Quality schedule: review by 2099-09-30 → Quality schedule: review by 2100-03-31" in out
    assert "sign-off: by DoQ on 2024-02-01 → by DoQ on 2024-02-01, void: changed since" in out


def test_a_second_recommendation_history_validates_no_assessment_file(
    repo: GitRepo, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The work tree's assessments are read through the cache by their bytes, not loaded whole;
    the trail is what the whole work tree's gives, uncommitted change and all."""
    from francis_cli.models.assessment import AssessmentFile
    from francis_cli.render.data import json_history

    february(repo)
    repo.edit(B, "Nothing yet.", "Uncommitted draft.")
    validated: list[Any] = []
    real = AssessmentFile.model_validate.__func__  # type: ignore[attr-defined]

    def counted(cls: type[AssessmentFile], data: Any, *args: Any, **kwargs: Any) -> Any:
        validated.append(data)
        return real(cls, data, *args, **kwargs)

    monkeypatch.setattr(AssessmentFile, "model_validate", classmethod(counted))
    first = run_cli("history", "2", "-f", "json", root=repo.root)
    assert (first.exit_code, first.stderr) == (0, "")
    assert validated, "the first run validates the assessment files (the work tree's and each commit's)"
    validated.clear()
    second = run_cli("history", "2", "-f", "json", root=repo.root)
    assert (second.stdout, validated) == (first.stdout, [])
    whole = _history(repo.root, "2")  # the view on the work tree loaded whole
    assert second.stdout == json_history(whole)
    assert any(r.commit is None for item in whole.items for r in item.revisions), "the uncommitted change is shown"


def test_a_history_shows_what_an_included_tracker_holds_in_the_work_tree(repo: GitRepo, run_cli: RunCli) -> None:
    """A member tracker's assessment is the work tree's, as a whole load finds it."""
    from ..conftest import CATALOGUE

    repo.edit("francis.yaml", "default_set: test-set", "default_set: test-set\ninclude: [members/c]")
    repo.commit("Include member C", "2024-02-01T09:00:00+00:00")
    member = repo.root / "members" / "c" / "data"
    (member / "assessments").mkdir(parents=True)
    (member / "recommendations").mkdir()
    (member / "recommendations" / "test-set.yaml").write_text(CATALOGUE, encoding="utf-8")
    (member / "organisations.yaml").write_text("organisations:\n  - id: org-c\n    name: C\n", encoding="utf-8")
    (member / "assessments" / "org-c.yaml").write_text(
        "organisation: org-c\nassessments:\n  - {recommendation: 2, rating: red, position: Not yet.}\n",
        encoding="utf-8",
    )
    result = run_cli("history", "2", "-f", "json", root=repo.root)
    assert (result.exit_code, result.stderr) == (0, "")
    from francis_cli.render.data import json_history

    assert result.stdout == json_history(_history(repo.root, "2"))
    assert "org-c" in [item["organisation"] for item in json.loads(result.stdout)["items"]]
