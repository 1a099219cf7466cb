"""The fuzzy-timescale parser: the words of real NHS action plans, and properties over any text."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from francis_cli.models.common import Period
from francis_cli.sheets.timescale import MONTHS, parse

PLAN = date(2013, 5, 16)  # the Merton workplan's date

MERTON = [  # every timeline of the bundled Merton workplan, with the due its header's rules give
    ("April 13 to CQC to May 13 to Governing Body Final sign off date June 13", "2013-06"),
    ("April 14", "2014-04"),
    ("Workshop planned for June 13", "2013-06"),
    ("Workshop planned for June 13 for children\nIntegration work with adult services commenced", "2013-06"),
    ("Paper written for MCQC in April, and May 13", None),  # progress made, not a deadline
    ("Summer 2013", "2013-08"),
    ("Evaluate Sept 13", "2013-09"),
    ("May 13", "2013-05"),
    ("Summer 13", "2013-08"),
    ("First meeting took place May 13", None),  # progress made
    ("Initial meeting May 13, to agreed plans.", None),  # a first meeting only
    ("December 14", "2014-12"),
    ("Review all agendas by December 13", "2013-12"),
    ("Immediate", "2013-05-16"),
    ("Early work commenced, developments through the year.", "2014-03"),
    ("Agreed to present to HWB in September", "2013-09"),
    ("First version available July 13", "2013-07"),
    (
        "Significant progress should be made by September 13, acknowledged this will be a 'work in progress' "
        "and will take some time to perfect",
        "2013-09",
    ),
]

OTHERS = [
    ("Q3 2013/14", "2013-Q4"),
    ("Q4 2013/14", "2014-Q1"),
    ("Q1 13/14", "2013-Q2"),
    ("2013/14 Q2", "2013-Q3"),
    ("2013/14", "2014-03"),
    ("2013-14", "2014-03"),
    ("end of March", "2014-03"),
    ("TBC", None),
    ("", None),
    ("As above.", None),
    ("31/03/2014", "2014-03-31"),
    ("31st March 2014", "2014-03-31"),
    ("2014-Q2", "2014-Q2"),
    ("2014-12", "2014-12"),
    ("2014", "2014"),
    ("Winter 2013/14", "2014-02"),
    ("Autumn 2013", "2013-11"),
    ("Q2 2014", "2014-Q2"),
    ("this may take some time", None),
    ("Sept. '13", "2013-09"),
]


@pytest.mark.parametrize(("words", "due"), MERTON + OTHERS)
def test_words_give_the_due(words: str, due: str | None) -> None:
    assert parse(words, PLAN) == (parse(words, PLAN).__class__(due, words.strip()))


def test_the_bundled_workplan_dues_follow_from_its_timelines() -> None:
    from francis_cli.yamlio import read as yamlio

    from ..conftest import REPO

    data = yamlio.parse((REPO / "data/workplan/merton-ccg.yaml").read_text(encoding="utf-8")).data
    pairs = [
        (a["timeline"], a.get("due"))
        for s in data["sections"]
        for a in s["actions"]
        if "timeline" in a and a["timeline"] != "As above."
    ]
    assert pairs and all(parse(t, PLAN).due == d for t, d in pairs)


def test_relative_words_need_a_reference() -> None:
    assert parse("Immediate").due is None
    assert parse("in September").due is None
    assert parse("Summer").due is None


years = st.one_of(
    st.integers(1950, 2099).map(lambda y: (str(y), y)), st.integers(0, 99).map(lambda y: (f"{y:02d}", 2000 + y))
)


@given(st.sampled_from(sorted(MONTHS)), years, st.sampled_from([str.lower, str.title, str.upper]))
def test_any_month_and_year_gives_that_month(name: str, year: tuple[str, int], case: object) -> None:
    text = f"{case(name)} {year[0]}"  # type: ignore[operator]
    due = parse(text).due
    assert due == f"{year[1]:04d}-{MONTHS[name]:02d}"
    assert Period.parse(due).end == date(year[1], MONTHS[name], calendar.monthrange(year[1], MONTHS[name])[1])


@given(st.integers(1, 4), st.integers(1990, 2090), st.booleans())
def test_financial_quarters(q: int, start: int, short: bool) -> None:
    fy = f"{start}/{str(start + 1)[-2:]}" if short else f"{start}/{start + 1}"
    end = Period.parse(parse(f"Q{q} {fy}").due).end
    first_month = 4 + 3 * (q - 1)  # Q1 = April to June
    year = start + (first_month > 12)
    last = (first_month - 1 + 2) % 12 + 1
    assert end == date(year, last, calendar.monthrange(year, last)[1])


@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_never_raises_and_any_due_is_a_francis_period(text: str, reference: date | None) -> None:
    result = parse(text, reference)
    assert result.text == text.strip()
    if result.due is not None:
        Period.parse(result.due)
