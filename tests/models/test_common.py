"""Due periods (`models.common.Period`): properties over every day, month, quarter and year (hypothesis)."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from francis_cli.models.common import Period

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- due periods ------------------------------------------------------------------------------


@given(st.dates())
@FAST
def test_a_day_is_a_one_day_period(d: date) -> None:
    p = Period.parse(d.isoformat())
    assert p.start == p.end == d
    assert str(p) == d.isoformat()


@given(st.dates())
@FAST
@example(date(2012, 2, 1))
@example(date(1900, 2, 1))
@example(date(2000, 2, 1))
def test_a_month_is_the_whole_month(d: date) -> None:
    p = Period.parse(f"{d.year:04d}-{d.month:02d}")
    assert p.start == date(d.year, d.month, 1)
    assert p.end.year == d.year and p.end.month == d.month
    assert p.end.day == calendar.monthrange(d.year, d.month)[1]
    if d.month == 2:
        assert p.end.day == (29 if calendar.isleap(d.year) else 28)
    assert p.start <= d <= p.end


@given(st.integers(1, 9999), st.integers(1, 4))
@FAST
def test_a_quarter_is_its_three_months(year: int, q: int) -> None:
    p = Period.parse(f"{year:04d}-Q{q}")
    first, last = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}[q]
    assert p.start == date(year, first, 1)
    assert p.end == date(year, last, 31 if last in (3, 12) else 30)


@given(st.integers(1, 9999))
@FAST
def test_a_year_is_the_whole_year(year: int) -> None:
    for written in (f"{year:04d}", year) if year >= 1000 else (f"{year:04d}",):
        p = Period.parse(written)
        assert (p.start, p.end) == (date(year, 1, 1), date(year, 12, 31))


periods = st.one_of(
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}"),
    st.tuples(st.integers(1, 9999), st.integers(1, 4)).map(lambda t: f"{t[0]:04d}-Q{t[1]}"),
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
)


@given(periods)
@FAST
def test_str_of_a_period_parses_back_to_it(text: str) -> None:
    p = Period.parse(text)
    assert str(p) == text
    again = Period.parse(str(p))
    assert again == p
    assert Period.parse(p) is p


invalid_periods = st.one_of(
    st.tuples(st.integers(1, 9999), st.sampled_from(["00", "13", "14", "20", "99"])).map(
        lambda t: f"{t[0]:04d}-{t[1]}"
    ),
    st.tuples(st.integers(1, 9999), st.sampled_from(["0", "5", "9"])).map(lambda t: f"{t[0]:04d}-Q{t[1]}"),
    st.tuples(st.integers(1, 9999), st.integers(1, 12), st.integers(32, 99)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
    ),
    st.tuples(st.integers(1, 9999), st.integers(1, 12)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-00"),
    st.integers(1, 9999).map(lambda y: f"{y:04d}-02-30"),
    st.integers(1, 9999).filter(lambda y: not calendar.isleap(y)).map(lambda y: f"{y:04d}-02-29"),
    st.sampled_from(
        [
            "0000",
            "0000-01",
            "0000-Q1",
            "0000-01-01",
            "",
            " ",
            "2014-",
            "2014-1",
            "14-12",
            "20141",
            "2014/12",
            "2014-12-1",
            "2014-q4",
            "2014-Q",
            "December 2014",
            "2014-12-31T00:00",
            "\u0662\u0660\u0661\u0664",
            "\uff12\uff10\uff11\uff14-\uff11\uff12",
            "2014-12\n\n",
            "2014\x00",
        ]
    ),
    st.text(),
)


@given(invalid_periods)
@FAST
def test_invalid_periods_raise_only_the_pydantic_error(text: str) -> None:
    try:
        p = Period.parse(text)
    except PydanticCustomError as err:
        assert err.type.startswith("period_")
        assert str(err)
        return
    # st.text() may hit a valid period by chance; then it must be exactly one
    assert re.fullmatch(r"[0-9]{4}(-([0-9]{2}(-[0-9]{2})?|Q[1-4]))?", text.strip()), (text, p)
    assert Period.parse(str(p)) == p


@pytest.mark.parametrize("value", [None, 3.5, True, [2014], {"due": 2014}, b"2014"])
def test_a_due_period_of_the_wrong_type_is_a_pydantic_error(value: object) -> None:
    with pytest.raises(PydanticCustomError) as info:
        Period.parse(value)
    assert info.value.type == "period_type"
