"""Recommendation numbers (``models.numbers``): one written form, the documented order, parents and
file names; by example and as properties over generated numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from francis_cli.models.numbers import (
    NumberError,
    RecNumber,
    counted,
    in_ranges,
    number_key,
    number_ranges,
    number_slug,
    parent_of,
    parse_number,
    sort_numbers,
)

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xiv", "xix", "xx", "xxxix"]
ROMAN_VALUE = dict(zip(ROMAN, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 19, 20, 39], strict=True))


def test_the_documented_order() -> None:
    order = ["1", "2", "2(a)", "2(b)", "2i", "2ii", "2ix", "2x", "3", "10", "IEA 1", "IEA 1.3", "IEA 1.10", "IEA 2"]
    numbers = [parse_number(x) for x in order]
    assert sort_numbers(reversed(numbers)) == numbers


@pytest.mark.parametrize(
    ("written", "number"),
    [(4, 4), ("4", 4), (" 0173 ", 173), ("2 (A)", "2(a)"), ("2II", "2ii"), ("IEA1.3", "IEA 1.3"), ("IEA  1", "IEA 1")],
)
def test_one_written_form(written: object, number: RecNumber) -> None:
    assert parse_number(written) == number


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("2((a)", "'2((a)' is not a recommendation number: write 4, 2(a), 2ii or IEA 1.3"),
        ("", "a recommendation number must not be empty: write 4, 2(a), 2ii or IEA 1.3"),
        ("2(ab)", "'2(ab)' is not a recommendation number: a part in brackets is one letter, as in 2(a)"),
        (
            "1.3",
            "'1.3' is not a recommendation number: a dotted part follows a prefix, as in IEA 1.3 (1.3 alone "
            "is an action's id)",
        ),
        (0, "the number 0 is out of range (it must be at least 1)"),
        (True, "expected a recommendation number (4, 2(a), 2ii or IEA 1.3), got true"),
        (3.0, "write this number in quotes: unquoted, YAML reads it as the decimal 3.0"),
    ],
)
def test_bad_numbers_say_why(written: object, why: str) -> None:
    with pytest.raises(NumberError) as err:
        parse_number(written)
    assert str(err.value) == why


def test_parents_slugs_and_ranges() -> None:
    assert [parent_of(n) for n in (4, "2(a)", "2ii", "IEA 1", "IEA 1.3")] == [None, 2, 2, None, "IEA 1"]
    assert [number_slug(n) for n in (4, "2(a)", "2ii", "IEA 1.3")] == ["4", "2-a", "2ii", "iea-1-3"]
    assert number_ranges([6, 3, 4, "2(a)", 11, 1]) == "1, 2(a), 3-4, 6, 11"
    assert counted([1, 2, "2i", "2ii", 3]) == [1, "2i", "2ii", 3]
    assert in_ranges("2ii", [(1, 5)]) and not in_ranges("IEA 2", [(1, 5)]) and not in_ranges(7, [(1, 5)])


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, tuple[str, int, int, int]]:
    """A number as a report might print it, and where the documentation says it stands."""
    prefix = draw(st.sampled_from(["", "IEA", "R"]))
    major = draw(st.integers(1, 300))
    kind = draw(st.sampled_from([0, 1, 2, 3] if prefix else [0, 1, 2]))
    head = f"{prefix} {major}" if prefix else str(major)
    if kind == 1:
        letter = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
        return f"{head}({letter})", (prefix, major, 1, ord(letter) - 96)
    if kind == 2:
        roman = draw(st.sampled_from(ROMAN))
        return f"{head}{roman}", (prefix, major, 2, ROMAN_VALUE[roman])
    if kind == 3:
        minor = draw(st.integers(1, 99))
        return f"{head}.{minor}", (prefix, major, 3, minor)
    return head, (prefix, major, 0, 0)


@given(st.lists(numbers(), min_size=1, max_size=30))
def test_order_is_the_documented_one(found: list[tuple[str, tuple[str, int, int, int]]]) -> None:
    by_text = {parse_number(text): place for text, place in found}
    assert sort_numbers(by_text) == sorted(by_text, key=lambda n: by_text[n])


@given(numbers())
def test_a_number_reads_back_as_itself_and_follows_its_parent(found: tuple[str, tuple[str, int, int, int]]) -> None:
    n = parse_number(found[0])
    assert parse_number(str(n)) == n
    assert parse_number(f"  {str(n).upper() if isinstance(n, int) else n}  ") == n
    parent = parent_of(n)
    if parent is None:
        assert found[1][2] == 0
    else:
        assert parent_of(parent) is None and number_key(parent) < number_key(n)
        assert number_key(n) < number_key(parse_number(f"{parent}".replace(str(found[1][1]), str(found[1][1] + 1))))


@given(st.lists(numbers(), min_size=2, max_size=30, unique_by=lambda x: x[1]))
def test_no_two_numbers_share_a_file_name(found: list[tuple[str, tuple[str, int, int, int]]]) -> None:
    slugs = [number_slug(parse_number(text)) for text, _ in found]
    assert len(set(slugs)) == len(slugs)


@given(st.text(max_size=12))
def test_any_text_is_a_number_or_says_why(text: str) -> None:
    try:
        n = parse_number(text)
    except NumberError as err:
        assert str(err)
    else:
        assert parse_number(str(n)) == n
