"""Sign-off in `check --changed-since REV` (`checks.review.signoffs`), on scripted git histories:
a change to approved content without a new sign-off is an error, with one it is not; a formatting
change voids nothing; an action completed without the sign-off francis.yaml requires is an error;
deleting signed-off content is a change of it, moving it is not."""

from __future__ import annotations

from ..conftest import RunCli
from ..gitrepo import GitRepo

A, W = "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"
FEB, MAR = "2024-02-01T10:00:00+00:00", "2024-03-01T10:00:00+00:00"


def changed(run_cli: RunCli, repo: GitRepo, rev: str = "HEAD") -> tuple[int, list[str]]:
    result = run_cli("check", "--changed-since", rev, root=repo.root)
    return result.exit_code, [line for line in result.stdout.splitlines() if "no-due" not in line]


def signed(repo: GitRepo, run_cli: RunCli) -> None:
    """Recommendation 2's assessment and action 1.1, each signed off by a role other than its lead."""
    assert run_cli("signoff", "org-a", "2", "--by", "CFO", "--date", "2024-02-01", root=repo.root).exit_code == 0
    assert run_cli("signoff", "org-a", "1.1", "--by", "CFO", "--date", "2024-02-01", root=repo.root).exit_code == 0
    repo.commit("Signed off by the CFO", FEB)


def test_a_change_to_signed_off_content_needs_a_new_signoff(repo: GitRepo, run_cli: RunCli) -> None:
    signed(repo, run_cli)
    base = repo.git("rev-parse", "HEAD").strip()
    repo.edit(A, "position: In place.", "position: In place since January.")
    repo.edit(W, "title: Write the strategy", "title: Write the quality strategy")
    code, lines = changed(run_cli, repo)
    assert code == 1
    assert lines == [
        f"{A}:8:5: error signed-off-changed recommendation 2 of 'org-a' was signed off, and this change alters it "
        "with no new sign-off: have it approved again (francis signoff)",
        f"{A}:14:22: warning signoff-stale recommendation 2 of 'org-a' changed after CFO signed it off on "
        "2024-02-01: it must be approved again (francis signoff)",
        f"{W}:8:9: error signed-off-changed action '1.1' of 'org-a' was signed off, and this change alters it with "
        "no new sign-off: have it approved again (francis signoff)",
        f"{W}:17:26: warning signoff-stale action '1.1' of 'org-a' changed after CFO signed it off on 2024-02-01: "
        "it must be approved again (francis signoff)",
    ]
    repo.commit("Reworded without approval", MAR)
    assert changed(run_cli, repo, base)[0] == 1  # the pull request's whole range: still refused
    assert run_cli("signoff", "org-a", "2", "--by", "DoQ", "--date", "2024-03-02", root=repo.root).exit_code == 0
    assert run_cli("signoff", "org-a", "1.1", "--by", "CFO", "--date", "2024-03-02", root=repo.root).exit_code == 0
    assert changed(run_cli, repo, base) == (0, [])  # approved again: the range is clean


def test_removing_the_signoff_does_not_hide_the_change(repo: GitRepo, run_cli: RunCli) -> None:
    signed(repo, run_cli)
    text = (repo.root / A).read_text(encoding="utf-8")
    head, _, _ = text.partition("    signoffs:\n")
    (repo.root / A).write_text(head.replace("rating: green", "rating: blue"), encoding="utf-8")
    code, lines = changed(run_cli, repo)
    assert code == 1
    assert [line.split(" ")[2] for line in lines] == [
        "signed-off-changed",
        "rating-improved-without-evidence",
        "rating-without-evidence",
    ]


def test_reformatting_signed_off_content_voids_nothing(repo: GitRepo, run_cli: RunCli) -> None:
    signed(repo, run_cli)
    repo.edit(
        A, "    rating: green\n    position: In place.\n", "    position: 'In place.'  # agreed\n    rating: green\n"
    )
    repo.edit(W, "        recommendations: [1]\n", "        recommendations:\n          - 1\n")
    assert changed(run_cli, repo) == (0, [])


def test_an_action_completed_without_the_required_signoff(repo: GitRepo, run_cli: RunCli) -> None:
    repo.write("francis.yaml", "default_set: test-set\nsignoff:\n  require_for_done: true\n")
    repo.commit("Completed actions need a sign-off", FEB)
    done = "--date", "2024-03-01", "--note", "Strategy approved."
    assert run_cli("action", "done", "org-a", "1.1", *done, root=repo.root).exit_code == 0
    code, lines = changed(run_cli, repo)
    assert code == 1
    assert lines == [
        f"{W}:12:17: error completed-without-signoff action '1.1' of 'org-a' is completed by this change with no "
        "sign-off of it (francis signoff); francis.yaml's `signoff: require_for_done` asks for one",
        f"{W}:12:17: warning signoff-missing action '1.1' is done but no sign-off approves it as it stands "
        "(francis signoff)",
    ]
    assert run_cli("signoff", "org-a", "1.1", "--by", "CFO", "--date", "2024-03-01", root=repo.root).exit_code == 0
    assert changed(run_cli, repo) == (0, [])


def cut(repo: GitRepo, rel: str, start: str, end: str | None) -> None:
    """Delete the lines from ``start`` up to ``end`` (not included; None: to the end of the file)."""
    text = (repo.root / rel).read_text(encoding="utf-8")
    head, _, rest = text.partition(start)
    tail = "" if end is None else end + rest.partition(end)[2]
    (repo.root / rel).write_text(head + tail, encoding="utf-8")


def test_deleting_signed_off_content_is_a_change_of_it(repo: GitRepo, run_cli: RunCli) -> None:
    signed(repo, run_cli)
    base = repo.git("rev-parse", "HEAD").strip()
    cut(repo, A, "  - recommendation: 2\n", None)
    cut(repo, W, '      - id: "1.1"\n', '      - id: "1.2"\n')
    repo.edit(A, '    actions: ["1.1"]\n', "")
    code, lines = changed(run_cli, repo)
    assert code == 1
    assert lines == [
        f"{A}:3:1: error signed-off-changed recommendation 2 of 'org-a' was signed off, and this change deletes it: "
        "keep it (`applicable: false` with a `reason`, if it no longer applies) and have the change approved "
        "(francis signoff)",
        f"{W}:7:5: error signed-off-changed action '1.1' of 'org-a' was signed off, and this change deletes it: "
        "keep it (`status: dropped`, with a progress note saying why) and have the change approved (francis "
        "signoff)",
    ]
    repo.commit("Deleted what was approved", MAR)
    assert changed(run_cli, repo, base) == (1, lines)  # the pull request's whole range


def test_deleting_the_file_of_signed_off_content_is_reported_where_it_stood(repo: GitRepo, run_cli: RunCli) -> None:
    signed(repo, run_cli)
    (repo.root / W).unlink()
    repo.edit(A, '    actions: ["1.1"]\n', "")
    code, lines = changed(run_cli, repo)
    assert (code, [line.split(" ", 3)[:3] for line in lines]) == (1, [[f"{W}:8:9:", "error", "signed-off-changed"]])


def test_deleting_unsigned_content_or_moving_signed_off_content_is_no_signoff_matter(
    repo: GitRepo, run_cli: RunCli
) -> None:
    signed(repo, run_cli)
    assessment = (repo.root / A).read_text(encoding="utf-8").partition("  - recommendation: 2\n")[2]
    action = (repo.root / W).read_text(encoding="utf-8").partition('      - id: "1.1"\n')[2].partition("      - id")[0]
    repo.write(A, "organisation: org-a\nassessments: []\n")  # 1, never signed off, deleted; 2 moved
    repo.write(
        "data/assessments/org-a-2.yaml", f"organisation: org-a\nassessments:\n  - recommendation: 2\n{assessment}"
    )
    cut(repo, W, '      - id: "1.1"\n', '      - id: "1.2"\n')
    moved = "".join(line[4:] + "\n" for line in action.splitlines())
    repo.write("data/workplan/org-a-2.yaml", f'organisation: org-a\nactions:\n  - id: "1.1"\n{moved}')
    assert changed(run_cli, repo) == (0, [])
