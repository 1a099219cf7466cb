"""Timescales in a first month: a season without a year is the next one, words with no date are
named as such, and a due is read aloud as a reader says it."""

from __future__ import annotations

from datetime import date

import pytest

from francis_cli.sheets.timescale import describe, parse, vague


@pytest.mark.parametrize(
    ("words", "today", "due"),
    [
        ("next spring", date(2026, 7, 14), "2027-05"),
        ("Spring", date(2026, 5, 31), "2026-05"),
        ("summer", date(2026, 7, 14), "2026-08"),
        ("Summer", date(2026, 9, 1), "2027-08"),
        ("winter", date(2026, 1, 10), "2026-02"),
        ("winter", date(2026, 3, 1), "2027-02"),
        ("autumn", date(2026, 12, 1), "2027-11"),
    ],
)
def test_a_season_without_a_year_is_the_next_to_end(words: str, today: date, due: str) -> None:
    assert parse(words, today).due == due


@pytest.mark.parametrize(
    "words",
    ["ASAP", "asap", "A.S.A.P.", "as soon as possible", "soon", "Shortly", "in due course", "next week", "next month"],
)
def test_words_relative_to_an_unknown_day_give_no_due(words: str) -> None:
    assert parse(words, date(2026, 7, 14)).due is None
    assert vague(words) == words


@pytest.mark.parametrize(
    "words",
    ["Immediate", "Sept 13", "TBC", "", "ASAP, and by Sept 13 at the latest", "this may take some time", "Q3 2013/14"],
)
def test_words_that_give_a_due_or_are_plainly_unknown_are_not_vague(words: str) -> None:
    assert vague(words) is None


@pytest.mark.parametrize(
    ("due", "said"),
    [
        ("2027-05", "end of May 2027"),
        ("2013-Q4", "end of December 2013"),
        ("2014", "end of 2014"),
        ("2013-05-16", "16 May 2013"),
    ],
)
def test_a_due_as_a_reader_says_it(due: str, said: str) -> None:
    assert describe(due) == said


def test_the_end_of_the_year_says_which_year_it_means() -> None:
    found = parse("end of year", date(2026, 7, 14))
    assert (found.due, found.rule) == ("2027-03", "the end of the financial year")
    assert parse("Sept 13", date(2026, 7, 14)).rule is None
