"""Running the checks (`checks.run`): every problem code, triggered by a real file, with its exact output line;
--strict; and `check --changed-since`, reporting what a change is answerable for."""

from __future__ import annotations

from pathlib import Path

import pytest

from francis_cli.problems import PROBLEM_CODES

from ..conftest import ASSESSMENT, CATALOGUE, ORGANISATIONS, WORKPLAN, RunCli, Tracker
from ..gitrepo import GitRepo


def lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line]


def test_valid_tracker_exits_0(tracker: Tracker, run_cli: RunCli) -> None:
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "no problems in 5 files\n"


# (file, new content, expected problem line) — content replaces the fixture's file
CASES: list[tuple[str, str, str]] = [
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("rating: green", "ratng: green"),
        "data/assessments/org-a.yaml:9:5: error unknown-key unknown key 'ratng' (did you mean 'rating'?)",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("    position: In place.\n", "    colour: blue\n"),
        "data/assessments/org-a.yaml:10:5: error unknown-key unknown key 'colour'; expected one of: "
        "recommendation, rating, position, evidence, actions, applicable, decision, decided, decided_by, reason, "
        "assurance, signoffs",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("  - recommendation: 2\n    rating: green\n", "  - recommendation: 2\n"),
        "data/assessments/org-a.yaml:8:5: error missing-key a `rating` is required "
        "(or `applicable: false` with a `reason`)",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("    rating: green\n", "    applicable: false\n"),
        "data/assessments/org-a.yaml:9:5: error missing-key `applicable: false` needs a `reason`",
    ),
    (
        "data/assessments/org-a.yaml",
        "assessed: 2024-01-15\nassessments: []\n",
        "data/assessments/org-a.yaml:1:1: error missing-key missing required key 'organisation'",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("recommendation: 2", "recommendation: two"),
        "data/assessments/org-a.yaml:8:21: error invalid-value recommendation: 'two' is not a recommendation number: "
        "write 4, 2(a), 2ii or IEA 1.3",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("organisation: org-a", "organisation: Org A"),
        "data/assessments/org-a.yaml:1:15: error invalid-value organisation: 'Org A' is not an id in lower-case "
        "letters, digits and hyphens (like barnet-ccg)",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("assessed: 2024-01-15", "assessed: 2024-02-30"),
        "data/assessments/org-a.yaml:2:11: error invalid-date assessed: expected a date written YYYY-MM-DD, "
        "got '2024-02-30'",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("due: 2024-Q2", "due: 2024-Q5"),
        "data/workplan/org-a.yaml:17:14: error invalid-date due: '2024-Q5' is not a due date: write 2014-12-31, "
        "2014-12, 2014-Q4 or 2014",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("due: 2024-03", "due: 2024-02-30"),
        "data/workplan/org-a.yaml:11:14: error invalid-date due: '2024-02-30' is not a real date",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace('id: "1.2"', "id: 1.20"),
        "data/workplan/org-a.yaml:14:13: error invalid-value id: write this id in quotes: unquoted, YAML reads it "
        "as the number 1.2",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("status: in-progress", "status: inprogress"),
        "data/workplan/org-a.yaml:12:17: error invalid-value status: 'inprogress' is not one of: not-started, "
        "in-progress, done, blocked, dropped (did you mean 'in-progress'?)",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("status: in-progress", "status: done"),
        "data/workplan/org-a.yaml:12:9: error completed-status `status: done` needs a `completed` date",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("status: in-progress", "completed: 2024-03-01"),
        "data/workplan/org-a.yaml:12:9: error completed-status `completed` is only for `status: done` "
        "(status is 'not-started')",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("recommendations: [1]", "recommendations: [x1]"),
        "data/workplan/org-a.yaml:13:27: error invalid-value recommendations: 'x1' is not a recommendation: "
        "write a number (132) or set:number (francis-2013:132)",
    ),
    # references between files
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("organisation: org-a", "organisation: org-c"),
        "data/assessments/org-a.yaml:1:15: error unknown-organisation no organisation 'org-c' in "
        "data/organisations.yaml (did you mean 'org-b'?)",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("assessed:", "set: test-sett\nassessed:"),
        "data/assessments/org-a.yaml:2:6: error unknown-set no recommendation set 'test-sett' in "
        "data/recommendations/ (did you mean 'test-set'?)",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("recommendation: 2", "recommendation: 9"),
        "data/assessments/org-a.yaml:8:21: error unknown-recommendation set 'test-set' has no recommendation 9",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("recommendation: 2", "recommendation: 1"),
        "data/assessments/org-a.yaml:8:21: error duplicate-assessment recommendation 1 is already assessed for "
        "'org-a' (in data/assessments/org-a.yaml:4)",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("rating: green", "rating: gren"),
        "data/assessments/org-a.yaml:9:13: error unknown-rating rating 'gren' is not one of: red, amber, green, "
        "blue (did you mean 'green'?)",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace('actions: ["1.1"]', 'actions: ["1.1", "1.3"]'),
        "data/assessments/org-a.yaml:7:22: error unknown-action 'org-a' has no workplan action '1.3' "
        "(did you mean '1.2'?)",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("lead: DoQ", "lead: DoQQ"),
        "data/workplan/org-a.yaml:10:15: error unknown-role 'org-a' has no role 'DoQQ' (roles are listed in "
        "data/organisations.yaml) (did you mean 'DoQ'?)",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("lead: [DoQ, CFO]", "lead: [DoQ, CEO]"),
        "data/workplan/org-a.yaml:16:21: error unknown-role 'org-a' has no role 'CEO' (roles are listed in "
        "data/organisations.yaml) (did you mean 'CFO'?)",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("recommendations: [1]", "recommendations: [1, 7]"),
        "data/workplan/org-a.yaml:13:30: error unknown-recommendation set 'test-set' has no recommendation 7",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("recommendations: [1]", 'recommendations: ["other:1"]'),
        "data/workplan/org-a.yaml:13:27: error unknown-set no recommendation set 'other' in data/recommendations/",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace('id: "1.2"', 'id: "1.1"'),
        "data/workplan/org-a.yaml:14:13: error duplicate-action action '1.1' of 'org-a' is defined twice "
        "(first in data/workplan/org-a.yaml:8)",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN + '  - id: "1"\n    title: Again\n',
        "data/workplan/org-a.yaml:18:9: error duplicate-section section '1' is listed twice in this workplan",
    ),
    (
        "data/recommendations/test-set.yaml",
        CATALOGUE.replace("theme: candour", "theme: candor"),
        "data/recommendations/test-set.yaml:18:12: error unknown-theme theme 'candor' is not among this set's "
        "themes (did you mean 'candour'?)",
    ),
    (
        "data/recommendations/test-set.yaml",
        CATALOGUE.replace("number: 3", "number: 2"),
        "data/recommendations/test-set.yaml:17:13: error duplicate-recommendation recommendation 2 is listed "
        "twice in set 'test-set'",
    ),
    (
        "data/recommendations/test-set.yaml",
        CATALOGUE.replace("id: candour", "id: standards"),
        "data/recommendations/test-set.yaml:6:5: error duplicate-theme theme 'standards' is listed twice in this set",
    ),
    (
        "data/recommendations/copy.yaml",
        CATALOGUE,
        "data/recommendations/test-set.yaml:1:6: error duplicate-set set 'test-set' is defined twice "
        "(first in data/recommendations/copy.yaml:1)",
    ),
    (
        "data/organisations.yaml",
        ORGANISATIONS + "  - id: org-a\n    name: Again\n",
        "data/organisations.yaml:9:9: error duplicate-organisation organisation 'org-a' is defined twice "
        "(first in data/organisations.yaml:2)",
    ),
    (
        "francis.yaml",
        "default_set: test-set\nratings:\n  - {id: red, label: Red}\n  - {id: red, label: Again}\n",
        "francis.yaml:4:10: error duplicate-rating rating 'red' is listed twice",
    ),
    (
        "francis.yaml",
        "default_set: nope\n",
        "francis.yaml:1:14: error unknown-set no recommendation set 'nope' in data/recommendations/",
    ),
    (
        "francis.yaml",
        "default_set: test-set\norganisation: org-z\n",
        "francis.yaml:2:15: error unknown-organisation no organisation 'org-z' in data/organisations.yaml "
        "(did you mean 'org-b'?)",
    ),
    # warnings
    (
        "data/recommendations/test-set.yaml",
        CATALOGUE.replace("    text: The second recommendation.\n", "").replace(
            "    text: The third recommendation.\n", ""
        ),
        "data/recommendations/test-set.yaml:8:1: warning not-transcribed 2 of 3 recommendations have no text yet: 2-3",
    ),
    (
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("    position: In place.\n", ""),
        "data/assessments/org-a.yaml:8:5: warning missing-position recommendation 2 has a rating but no `position` "
        "saying why",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("        due: 2024-Q2\n", ""),
        "data/workplan/org-a.yaml:14:9: warning no-due action '1.2' has no `due` date, so it can never be overdue",
    ),
    (
        "data/notes.yaml",
        "a: 1\n",
        "data/notes.yaml:0:0: warning unknown-file not read: francis reads data/organisations.yaml and YAML files "
        "under data/recommendations/, data/assessments/ and data/workplan/",
    ),
    # reading
    (
        "data/assessments/org-a.yaml",
        "organisation: org-a\nassessments:\n\t- recommendation: 1\n",
        "data/assessments/org-a.yaml:3:1: error yaml-syntax tab character: YAML indentation must use spaces",
    ),
    (
        "data/workplan/org-a.yaml",
        WORKPLAN.replace("recommendations: [1]", "recommendations: [other:1]"),
        "data/workplan/org-a.yaml:13:32: error yaml-syntax while scanning a plain scalar found unexpected ':' "
        "(put quotes round a value holding ':' inside [...] or {...})",
    ),
    (
        "data/assessments/org-a.yaml",
        "organisation: org-a\nassessments: [\n",
        "data/assessments/org-a.yaml:3:1: error yaml-syntax while parsing a flow node did not find expected node "
        "content",
    ),
    (
        "data/assessments/org-a.yaml",
        "organisation: org-a\norganisation: org-b\n",
        "data/assessments/org-a.yaml:2:1: error duplicate-key duplicate key 'organisation' (first at line 1)",
    ),
    (
        "data/assessments/org-a.yaml",
        "organisation: !!python/object/apply:os.system [ls]\n",
        "data/assessments/org-a.yaml:1:15: error yaml-tag tag !!python/object/apply:os.system is not allowed: "
        "francis files hold plain data",
    ),
    (
        "data/assessments/org-a.yaml",
        "organisation: org-a\n? [a]\n: 1\n",
        "data/assessments/org-a.yaml:2:3: error yaml-key a key must be a plain value, not a mapping or list",
    ),
    (
        "data/assessments/org-a.yaml",
        "organisation: org-a\n---\norganisation: org-b\n",
        "data/assessments/org-a.yaml:2:1: error multiple-documents a francis file holds one YAML document; "
        "found a second here",
    ),
    (
        "data/assessments/org-a.yaml",
        "",
        "data/assessments/org-a.yaml:1:1: error empty-file empty file: expected a gap assessment "
        "(`organisation:`, `assessments:`)",
    ),
    (
        "data/assessments/org-a.yaml",
        "- recommendation: 1\n",
        "data/assessments/org-a.yaml:1:1: error not-mapping expected a mapping of keys (a gap assessment "
        "(`organisation:`, `assessments:`)), got a list",
    ),
    (
        "data/assessments/org-a.yaml",
        "just words\n",
        "data/assessments/org-a.yaml:1:1: error not-mapping expected a mapping of keys (a gap assessment "
        "(`organisation:`, `assessments:`)), got a single value",
    ),
]


@pytest.fixture(params=["c-parser", "pure-parser"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each problem test runs with ruamel's C parser and with its pure-Python one: the answer must
    not depend on which is installed."""
    from francis_cli.yamlio import _events

    if request.param == "pure-parser":
        events = _events._events
        monkeypatch.setattr(_events, "_events", lambda text, fast=False: events(text, False))
    elif not _events.FAST_PARSER:
        pytest.fail("ruamel.yaml.clib (the C parser) is not installed")
    return str(request.param)


@pytest.mark.parametrize(
    ("rel", "content", "expected"), CASES, ids=[c[2].split(" ")[2] + f"-{i}" for i, c in enumerate(CASES)]
)
def test_problem_line(tracker: Tracker, run_cli: RunCli, parser: str, rel: str, content: str, expected: str) -> None:
    tracker.write(rel, content)
    result = run_cli("check", root=tracker.root)
    assert expected in lines(result.stdout), result.stdout
    is_error = " error " in expected
    assert result.exit_code == (1 if is_error else 0)
    again = run_cli("check", root=tracker.root)  # now from the cache: the same lines, to the column
    assert (again.exit_code, again.stdout) == (result.exit_code, result.stdout)


def test_every_documented_code_is_exercised() -> None:
    exercised = {c[2].split(" ")[2] for c in CASES}
    # tracker/test_read.py and tracker/test_sources.py: reading files
    exercised |= {"file-unreadable", "file-too-large", "encoding", "yaml-alias", "yaml-too-deep", "symlink-outside"}
    exercised |= {"include-not-found", "catalogue-mismatch"}  # tracker/test_corpus.py: includes
    # the review rules: test_review_rules below, and checks/test_review.py
    exercised |= {"rating-improved-without-evidence", "done-without-note", "due-changed-without-reason"}
    # checks/test_assessments.py: decisions, scopes and response clocks
    exercised |= {"decision-without-reason", "decided-without-decision", "decision-conflict", "response-clock"}
    exercised |= {"outside-scope", "decision-overdue"}
    exercised |= {"missing-file"}  # checks/test_organisations.py
    # checks/test_evidence.py and checks/test_signoff_review.py: evidence, assurance and sign-off
    exercised |= {"evidence-missing", "evidence-stale", "assurance-without-evidence", "rating-without-evidence"}
    exercised |= {"signoff-stale", "signoff-by-lead", "signoff-missing", "signed-off-changed"}
    exercised |= {"completed-without-signoff"}
    exercised |= {"not-a-file", "not-a-folder"}  # tracker/test_hostile_files.py
    # sheets/test_limits.py and scenarios/test_import_hostile.py: spreadsheets over a limit
    exercised |= {"sheet-too-large", "sheet-too-many-rows", "sheet-too-many-cells", "sheet-cell-too-long"}
    exercised |= {"sheet-export-only"}  # sheets/test_export_records.py: kinds francis import refuses
    exercised |= {"self-link", "duplicate-link", "duplicate-addressee"}  # views/test_links.py: cross-links
    exercised |= {"missing-parent", "assessed-parent"}  # scenarios/test_sub_recommendations.py: parts
    # tracker/test_extract.py and scenarios/test_catalogue_extract.py: reading an inquiry's report
    exercised |= {"extract-missing", "extract-unattached", "extract-duplicate", "extract-unplaced"}
    assert exercised == set(PROBLEM_CODES)


def test_all_problems_at_once_sorted(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write(
        "data/assessments/org-a.yaml",
        ASSESSMENT.replace("rating: green", "rating: gren").replace("recommendation: 1", "recommendation: 8"),
    )
    tracker.write("data/workplan/org-a.yaml", WORKPLAN.replace("lead: DoQ", "lead: DoX"))
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "data/assessments/org-a.yaml:4:21: error unknown-recommendation set 'test-set' has no recommendation 8",
        "data/assessments/org-a.yaml:9:13: error unknown-rating rating 'gren' is not one of: red, amber, green, "
        "blue (did you mean 'green'?)",
        "data/workplan/org-a.yaml:10:15: error unknown-role 'org-a' has no role 'DoX' (roles are listed in "
        "data/organisations.yaml) (did you mean 'DoQ'?)",
    ]
    assert result.stderr == "3 errors, 0 warnings in 5 files\n"


def test_strict_turns_warnings_into_errors_but_not_transcription(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("data/workplan/org-a.yaml", WORKPLAN.replace("        due: 2024-Q2\n", ""))
    tracker.write("data/recommendations/test-set.yaml", CATALOGUE.replace("    text: The third recommendation.\n", ""))
    assert run_cli("check", root=tracker.root).exit_code == 0
    result = run_cli("check", "--strict", root=tracker.root)
    assert result.exit_code == 1
    assert (
        "data/workplan/org-a.yaml:14:9: error no-due action '1.2' has no `due` date, so it can never be "
        "overdue" in lines(result.stdout)
    )
    assert (
        "data/recommendations/test-set.yaml:8:1: warning not-transcribed 1 of 3 recommendations have no "
        "text yet: 3" in lines(result.stdout)
    )


A, W = "data/assessments/org-a.yaml", "data/workplan/org-a.yaml"


def test_only_problems_the_change_is_answerable_for(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit(W, "due: 2024-Q2\n", "")  # an old warning in a file the change leaves alone
    repo.commit("No due date for the budget yet", "2024-01-20T10:00:00+00:00")
    assert run_cli("check", root=repo.root).stdout == (
        "data/workplan/org-a.yaml:14:9: warning no-due action '1.2' has no `due` date, so it can never be overdue\n"
    )
    repo.edit(A, "rating: green", "rating: gren")
    before = repo.snapshot()
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert result.exit_code == 1
    assert result.stdout == (
        "data/assessments/org-a.yaml:9:13: error unknown-rating rating 'gren' is not one of: "
        "red, amber, green, blue (did you mean 'green'?)\n"
    )
    head = repo.git("rev-parse", "--short", "HEAD").strip()
    assert result.stderr == f"1 error, 0 warnings in 5 files; 1 file changed since HEAD ({head}, 2024-01-20)\n"
    # a change elsewhere that breaks the unchanged workplan is reported there
    repo.edit("data/organisations.yaml", "      CFO: Chief Finance Officer\n", "")
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert result.stdout.splitlines() == [
        "data/assessments/org-a.yaml:9:13: error unknown-rating rating 'gren' is not one of: red, amber, green, "
        "blue (did you mean 'green'?)",
        "data/workplan/org-a.yaml:16:21: error unknown-role 'org-a' has no role 'CFO' (roles are listed in "
        "data/organisations.yaml)",
    ]
    assert repo.snapshot()[1] == before[1]  # the index was not touched (the status differs: we edited a file)


def test_review_rules(repo: GitRepo, run_cli: RunCli) -> None:
    repo.edit(A, "rating: amber", "rating: green")
    repo.edit(W, "status: in-progress", "status: done\n        completed: 2024-02-01")
    repo.edit(W, "due: 2024-Q2", "due: 2024-Q4")
    new_file = repo.root / "data/assessments/org-b.yaml"
    new_file.write_text(
        "organisation: org-b\nassessments:\n  - recommendation: 3\n    rating: blue\n", encoding="utf-8"
    )
    expected = [
        "data/assessments/org-a.yaml:5:13: warning rating-improved-without-evidence recommendation 1 moved amber "
        "→ green for 'org-a' with the same position and no new evidence: say what changed",
        "data/assessments/org-b.yaml:3:5: warning missing-position recommendation 3 has a rating but no "
        "`position` saying why",
        "data/assessments/org-b.yaml:4:13: warning rating-without-evidence recommendation 3 is rated 'blue', the "
        "best of the scheme, but no evidence is recorded (title, location, dates)",
        "data/workplan/org-a.yaml:12:17: warning done-without-note action '1.1' of 'org-a' is marked done with no "
        "new progress note saying what was delivered",
        "data/workplan/org-a.yaml:18:14: error due-changed-without-reason action '1.2' of 'org-a' is now due "
        "2024-Q4, 184 days later than 2024-Q2, with no reason: add to its `due_changes` an entry with `date`, "
        "`was: 2024-Q2` and `reason`, or put `due` back to 2024-Q2 and run francis action update org-a 1.2 "
        "--due 2024-Q4 --reason WHY",
    ]
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert (result.exit_code, result.stdout.splitlines()) == (1, expected)
    assert result.stderr.startswith("1 error, 4 warnings in 6 files; 3 files changed since HEAD (")
    strict = run_cli("check", "--changed-since", "HEAD", "--strict", root=repo.root)
    assert strict.exit_code == 1
    assert strict.stdout.splitlines() == [line.replace(": warning ", ": error ", 1) for line in expected]
    # a changed position and a note on the done action answer two questions; the budget's slip is still unexplained
    repo.edit(A, "position: Partly in place.", "position: In place since the January audit.")
    repo.edit(
        W,
        "completed: 2024-02-01",
        "completed: 2024-02-01\n        progress:\n          - date: 2024-02-01\n"
        "            note: Approved; budget waits for NHS England's allocation.",
    )
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert result.stdout.splitlines() == [*expected[1:3], expected[4].replace(":18:14:", ":21:14:")]


def test_a_new_tracker_has_every_file_changed(tmp_path: Path, run_cli: RunCli) -> None:
    r = GitRepo(tmp_path / "t")
    r.write("README.md", "soon a tracker\n")
    r.commit("Start", "2024-01-01T10:00:00+00:00")
    r.base()
    r.edit(A, "rating: green", "rating: gren")
    result = run_cli("check", "--changed-since", "HEAD~1", root=r.root)
    assert result.exit_code == 1
    assert result.stderr.endswith("; 5 files changed since HEAD~1 (no tracker yet)\n")


def test_a_due_change_needs_its_reason_in_the_pull_request(repo: GitRepo, run_cli: RunCli) -> None:
    before = (repo.root / W).read_bytes()
    moved = run_cli("action", "update", "org-a", "1.2", "--due", "2024-Q4", "--date", "2024-02-01", root=repo.root)
    assert moved.exit_code == 0
    assert "warning: due moved from 2024-Q2 with no --reason" in moved.stderr
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert result.exit_code == 1
    assert [line.split(" ")[2] for line in result.stdout.splitlines()] == ["due-changed-without-reason"]
    (repo.root / W).write_bytes(before)
    reasoned = run_cli(
        "action",
        "update",
        "org-a",
        "1.2",
        "--due",
        "2024-Q4",
        "--reason",
        "Waits for the allocation.",
        "--date",
        "2024-02-01",
        root=repo.root,
    )
    assert (reasoned.exit_code, reasoned.stderr) == (0, "")
    assert run_cli("check", "--changed-since", "HEAD", root=repo.root).stdout == ""
    repo.commit("Budget re-dated, with its reason", "2024-02-01T10:00:00+00:00")
    again = run_cli("action", "update", "org-a", "1.2", "--due", "2025-Q1", "--date", "2024-03-01", root=repo.root)
    assert again.exit_code == 0  # the old reason does not answer the new move
    result = run_cli("check", "--changed-since", "HEAD", root=repo.root)
    assert "is now due 2025-Q1, 90 days later than 2024-Q4, with no reason" in result.stdout
