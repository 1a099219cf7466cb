"""francis.yaml's model (`models.config`): its report settings are checked like any other file's keys."""

from __future__ import annotations

import pytest

from ..conftest import RunCli, Tracker


def test_report_settings_are_checked(tracker: Tracker, run_cli: RunCli) -> None:
    tracker.write("francis.yaml", "default_set: test-set\nreport:\n  meting: Board\n  purpose: decide\n")
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert (
        "francis.yaml:3:3: error unknown-key unknown key 'meting' (did you mean 'meeting'?)\n"
        "francis.yaml:4:12: error invalid-value purpose: 'decide' is not one of: decision, assurance, information\n"
    ) in result.stdout


REPORT_PROBLEMS = [
    ("agenda: '7'", "3:3: error unknown-key unknown key 'agenda' (did you mean 'agenda_item'?)"),
    (
        "agenda_item: 7.2",
        "3:16: error invalid-value agenda_item: write this in quotes: unquoted, YAML reads it as the number 7.2",
    ),
    ("attachment: true", "3:15: error invalid-value attachment: expected text, got true"),
    ("lead_director: ''", "3:18: error invalid-value lead_director: must not be empty"),
    ("date: 2024-02-30", "3:9: error invalid-date date: expected a date written YYYY-MM-DD, got '2024-02-30'"),
    (
        "assurance_level: sufficient",
        "3:20: error invalid-value assurance_level: 'sufficient' is not one of: substantial, reasonable, limited, "
        "no-assurance",
    ),
    (
        "assurance_level: limted",
        "3:20: error invalid-value assurance_level: 'limted' is not one of: substantial, reasonable, limited, "
        "no-assurance (did you mean 'limited'?)",
    ),
    (
        "cqc_key_questions: [safe, well_led]",
        "3:29: error invalid-value cqc_key_questions: 'well_led' is not one of: safe, effective, caring, responsive, "
        "well-led (did you mean 'well-led'?)",
    ),
    ("cqc_key_questions: [safe, caring, safe]", "3:22: error invalid-value cqc_key_questions: 'safe' is listed twice"),
    ("cqc_key_questions: safe", "3:22: error invalid-value cqc_key_questions: expected a list, got 'safe'"),
    (
        "strategic_risks: [{id: SR1, title: A}, {id: SR1, title: B}]",
        "3:20: error invalid-value strategic_risks: 'SR1' is listed twice",
    ),
    ("strategic_risks: [{id: SR1}]", "3:21: error missing-key missing required key 'title'"),
    (
        "committees: [{committee: Audit, comitee: x}]",
        "3:35: error unknown-key unknown key 'comitee' (did you mean 'committee'?)",
    ),
    (
        "committees: [{committee: Audit, date: April 2013}]",
        "3:41: error invalid-date date: 'April 2013' is not a date: write 2013-04-18, or 2013-04 for a month",
    ),
    ("committees: [{committee: Audit, date: 2013-13}]", "3:41: error invalid-date date: '2013-13' is not a real date"),
    ("extra_rows: [{label: FOI}]", "3:16: error missing-key missing required key 'value'"),
    (
        "extra_rows: [{label: FOI, value: x, note: y}]",
        "3:39: error unknown-key unknown key 'note'; expected one of: label, value",
    ),
]


@pytest.mark.parametrize(("setting", "problem"), REPORT_PROBLEMS, ids=[s for s, _ in REPORT_PROBLEMS])
def test_cover_sheet_settings_are_validated(tracker: Tracker, run_cli: RunCli, setting: str, problem: str) -> None:
    tracker.write("francis.yaml", f"default_set: test-set\nreport:\n  {setting}\n")
    result = run_cli("check", root=tracker.root)
    assert result.exit_code == 1
    assert [line for line in result.stdout.splitlines() if line.startswith("francis.yaml:")] == [
        f"francis.yaml:{problem}"
    ]


def test_cover_sheet_settings_read_as_written() -> None:
    """Every cover-sheet field of the fixture paper, as the model holds it: numbers given as text stay text,
    a committee's month is a month, and the lists keep their order."""
    from francis_cli.models.config import TrackerConfig
    from francis_cli.yamlio.read import parse

    from ..papers import REPORT_CONFIG

    cfg = TrackerConfig.model_validate(parse(REPORT_CONFIG).data).report
    assert (cfg.agenda_item, cfg.attachment, cfg.assurance_level) == ("7.2", "05", "reasonable")
    assert [(c.committee, str(c.date) if c.date else None, c.outcome) for c in cfg.committees] == [
        ("Quality Committee", "2024-06-11", "Endorsed for the Board"),
        ("Executive Management Team", "2024-05", None),
    ]
    assert [(r.id, r.title) for r in cfg.strategic_risks][1] == (
        "SR4",
        "The trust may not meet its regulatory standards",
    )
    assert cfg.cqc_key_questions == ["well-led", "safe"]
    assert [(r.label, r.value) for r in cfg.extra_rows] == [("Freedom of Information", "Publishable in full")]
    whole = TrackerConfig.model_validate(
        {"report": {"agenda_item": 7, "extra_rows": [{"label": "Pages", "value": 12}]}}
    )
    assert (whole.report.agenda_item, whole.report.extra_rows[0].value) == ("7", "12")
    assert TrackerConfig().report.committees == [] and TrackerConfig().report.assurance_level is None
