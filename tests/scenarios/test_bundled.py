"""The bundled tracker: real data that must stay valid, complete and faithful to its sources."""

from __future__ import annotations

import pytest

from francis_cli.checks.run import run_checks
from francis_cli.tracker.corpus import load_tracker

from ..conftest import REPO, RunCli


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load_tracker(REPO)


def test_bundled_data_has_no_errors(corpus) -> None:  # type: ignore[no-untyped-def]
    problems = run_checks(corpus)
    assert [p.format() for p in problems if p.severity == "error"] == []
    assert {p.code for p in problems} == {"not-transcribed", "no-due"}


def test_catalogue_has_all_290_numbers_in_order(corpus) -> None:  # type: ignore[no-untyped-def]
    rs = corpus.set("francis-2013").model
    assert [r.number for r in rs.recommendations] == list(range(1, 291))
    with_text = [r for r in rs.recommendations if r.text]
    assert len(with_text) == 216
    assert all(r.source for r in with_text)
    assert {r.number for r in rs.recommendations if r.theme == "commissioning-for-standards"} == set(range(123, 145))
    assert all(rs.recommendations[n - 1].text for n in range(123, 145))


def test_barnet_assesses_every_commissioning_standard(corpus) -> None:  # type: ignore[no-untyped-def]
    barnet = [a for a in corpus.assessments if a.organisation == "barnet-ccg"]
    assert [a.model.recommendation for a in barnet] == list(range(123, 145))
    assert all(a.model.position for a in barnet)
    assert barnet[0].model.position.startswith("The CCG has put a structure in place to actively engage with GPs")


def test_merton_workplan_has_21_actions_in_4_sections(corpus) -> None:  # type: ignore[no-untyped-def]
    merton = [a for a in corpus.actions if a.organisation == "merton-ccg"]
    assert len(merton) == 21
    assert [s.title for s in merton[0].workplan.sections] == [
        "Strategy",
        "Capability and culture",
        "Processes and structure",
        "Measurement for quality",
    ]
    by_id = {a.model.id: a.model for a in merton}
    assert by_id["2.2"].timeline == "Summer 2013" and str(by_id["2.2"].due) == "2013-08"
    assert by_id["3.4"].timeline == "Immediate" and str(by_id["3.4"].due) == "2013-05-16"
    assert by_id["4.3"].timeline == "As above." and by_id["4.3"].due == by_id["4.2"].due


def test_bundled_check_command(run_cli: RunCli) -> None:
    result = run_cli("check", root=REPO)
    assert result.exit_code == 0
    assert result.stderr == "0 errors, 2 warnings in 5 files\n"
