"""Recommendation numbers: ``4``, ``2(a)``, ``2ii``, ``IEA 1.3``: one written form, an order, a parent.

A number is a plain whole number (``4``), or a plain number with a part: a letter in brackets
(``1(a)``, the Infected Blood Inquiry's), a roman numeral from i to xxxix (``2i``, ``2ii``, Kirkup's
East Kent report's); any of them may follow a prefix of letters (``IEA 1``), and a number with a
prefix may have a dotted part (``IEA 1.3``, Ockenden's Immediate and Essential Actions). A bare
``1.3`` is not a number: it is what a workplan's action ids look like. A number with a part is a sub-item of the
number without it, its parent.

Why a plain number stays an ``int`` and any other is its text (``RecNumber = int | str``): the
Francis Report's 290 recommendations, every file written for them, every cache and every
published address keep the value YAML read, and a number with a part has exactly one text form
(``normal``), so equal numbers are equal values and a dict finds either. Order is never that of
the values (``2ii`` < ``10``): sort by ``number_key``.

Nothing here imports pydantic: a warm command sorts and groups numbers without building a model.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

RecNumber = int | str
"""A recommendation's number: an int for a plain number (``4``), else its normal text (``"2(a)"``)."""

MAX_NUMBER = 100_000
"""The highest plain number (and part of a number) a set may hold."""

REF_DIGITS = 9
"""The most digits of a number in a reference (an action's ``recommendations``, a command's
argument): a longer one is not a number francis can look up, whatever the set holds."""

_FORM = re.compile(
    r"""^\s*
    (?:(?P<prefix>[A-Z]{1,12})\s*)?
    (?P<major>[0-9]+)
    (?:\s*\(\s*(?P<letter>[^()\s]*)\s*\)
      |\s*(?P<roman>[A-Za-z]+)
      |\s*\.\s*(?P<minor>[0-9]+)
    )?
    \s*$""",
    re.VERBOSE | re.ASCII,
)
_ROMAN = re.compile(r"^(xxx|xx|x)?(ix|iv|v?i{0,3})$")
"""A roman numeral part, i to xxxix: a part lettered c, d, l or m is a letter (write it ``2(c)``)."""
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
NUMBER_PATTERN = (
    r"^\s*(([A-Z]{1,12}\s*)?[0-9]{1,6}(\s*\(\s*[A-Za-z]\s*\)|\s*[ivxIVX]{1,12})?"
    r"|[A-Z]{1,12}\s*[0-9]{1,6}\s*\.\s*[0-9]{1,6})\s*$"
)
"""The JSON Schema's pattern of a number written as text (the schema cannot check a roman numeral)."""

EXAMPLES = "4, 2(a), 2ii or IEA 1.3"

Key = tuple[str, int, int, int]
"""A number's place in order: (prefix, plain number, kind of part, part's value)."""

_LETTER, _ROMAN_PART, _DOTTED = 1, 2, 3


class NumberError(ValueError):
    """A value that is not a recommendation number; its message says why, in the user's words."""


def parse_number(value: object, *, digits: int | None = None) -> RecNumber:
    """``value`` (as YAML read it, or as typed) as a number: ``4`` and ``"4"`` give 4, ``"2 (A)"``
    gives ``"2(a)"``, ``"IEA1.3"`` gives ``"IEA 1.3"``. A plain number runs from 1 to
    ``MAX_NUMBER``, or has at most ``digits`` digits when given (a reference's looser bound).
    Raises ``NumberError``."""
    if isinstance(value, bool):
        raise NumberError(f"expected a recommendation number ({EXAMPLES}), got {'true' if value else 'false'}")
    if isinstance(value, int):
        return _plain(value, str(value) if abs(value) < 10**15 else "of more than 15 digits", digits)
    if isinstance(value, float):
        raise NumberError(
            f"write this number in quotes: unquoted, YAML reads it as the decimal {value!r}"
            if value == value and value not in (float("inf"), float("-inf"))
            else f"expected a recommendation number ({EXAMPLES}), got {value!r}"
        )
    if not isinstance(value, str):
        raise NumberError(f"expected a recommendation number ({EXAMPLES})")
    return _parse_text(value, digits)


@functools.lru_cache(maxsize=8192)
def _parse_text(text: str, digits: int | None) -> RecNumber:
    shown = text.strip() if len(text) <= 40 else text.strip()[:37] + "..."
    if not shown:
        raise NumberError(f"a recommendation number must not be empty: write {EXAMPLES}")
    match = _FORM.match(text) if len(text) <= 200 else None
    if match is None:
        raise NumberError(f"{shown!r} is not a recommendation number: write {EXAMPLES}")
    prefix, major, letter, roman, minor = match.group("prefix", "major", "letter", "roman", "minor")
    n = _plain(int(major) if len(major) <= 12 else MAX_NUMBER * 10**9, major, digits if not prefix else None)
    head = f"{prefix} {n}" if prefix else str(n)
    if letter is not None:
        if not re.fullmatch(r"[A-Za-z]", letter, re.ASCII):
            raise NumberError(f"{shown!r} is not a recommendation number: a part in brackets is one letter, as in 2(a)")
        return f"{head}({letter.lower()})"
    if roman is not None:
        part = roman.lower()
        if not _ROMAN.match(part):
            raise NumberError(
                f"{shown!r} is not a recommendation number: {roman!r} is not a roman numeral; "
                f"write a lettered part in brackets, as in {n}({part if len(part) == 1 else 'a'})"
            )
        return f"{head}{part}"
    if minor is not None:
        if not prefix:
            raise NumberError(
                f"{shown!r} is not a recommendation number: a dotted part follows a prefix, as in IEA {n}.{minor}"
                f" ({shown} alone is an action's id)"
            )
        m = int(minor) if len(minor) <= 12 else MAX_NUMBER + 1
        if not 1 <= m <= MAX_NUMBER:
            raise NumberError(f"{shown!r} is not a recommendation number: its part must run from 1 to {MAX_NUMBER}")
        return f"{head}.{m}"
    return head if prefix else n


def _plain(n: int, written: str, digits: int | None) -> int:
    if digits is not None:
        if n < 1 or len(written.lstrip("0")) > digits:
            raise NumberError(
                f"{written!r} is not a recommendation number: a whole number from 1, of at most {digits} digits"
            )
        return n
    if not 1 <= n <= MAX_NUMBER:
        bound = "at least 1" if n < 1 else f"at most {MAX_NUMBER}"
        raise NumberError(f"the number {written} is out of range (it must be {bound})")
    return n


def typed_number(text: str) -> RecNumber | None:
    """A number as a person types it (``132``, ``2(a)``), or None: a plain one has ASCII digits only,
    at most ``REF_DIGITS`` of them (``²`` or a 5,000-digit string is not a number to look up)."""
    try:
        return parse_number(text, digits=REF_DIGITS)
    except NumberError:
        return None


@functools.lru_cache(maxsize=8192)
def _parts(number: str) -> tuple[str, int, int, int, str | None]:
    """(prefix, plain number, kind of part, part's value, the parent's text) of a text number."""
    match = _FORM.match(number)
    assert match is not None, number
    prefix, major, letter, roman, minor = match.group("prefix", "major", "letter", "roman", "minor")
    prefix, n = prefix or "", int(major)
    parent = f"{prefix} {n}" if prefix else None
    if letter is not None:
        return prefix, n, _LETTER, ord(letter) - ord("a") + 1, parent or str(n)
    if roman is not None:
        return prefix, n, _ROMAN_PART, _roman_value(roman), parent or str(n)
    if minor is not None:
        return prefix, n, _DOTTED, int(minor), parent or str(n)
    return prefix, n, 0, 0, None


def _roman_value(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def number_key(number: RecNumber) -> Key:
    """Where ``number`` stands in order: by prefix (none first), plain number, then its part: none
    first, then letters (a, b …), roman numerals by value (i, ii … ix, x), dotted numbers by value.
    So 1 < 2 < 2(a) < 2(b) < 2i < 2ii < 3 < 10, and IEA 1 < IEA 1.3 < IEA 2."""
    if isinstance(number, int):
        return ("", number, 0, 0)
    return _parts(number)[:4]


def sort_numbers(numbers: Iterable[RecNumber]) -> list[RecNumber]:
    """``numbers`` in the documented order, each once."""
    return sorted(set(numbers), key=number_key)


def parent_of(number: RecNumber) -> RecNumber | None:
    """The number ``number`` is a part of (``2(a)`` → 2, ``IEA 1.3`` → ``IEA 1``), None for a
    top-level number (``4``, ``IEA 1``)."""
    if isinstance(number, int):
        return None
    parent = _parts(number)[4]
    return int(parent) if parent is not None and parent.isdigit() else parent


def top_of(number: RecNumber) -> RecNumber:
    """The top-level number ``number`` belongs to: its parent, or itself."""
    parent = parent_of(number)
    return number if parent is None else parent


def plain_of(number: RecNumber) -> int | None:
    """The plain number ``number`` is or is a part of (``2ii`` → 2), None with a prefix (``IEA 1``):
    what a ``scope`` of plain numbers and ranges covers."""
    if isinstance(number, int):
        return number
    prefix, n = _parts(number)[:2]
    return None if prefix else n


def number_slug(number: RecNumber) -> str:
    """A file name's form of ``number``: ``4`` stays ``4`` (published addresses do not change),
    ``2(a)`` → ``2-a``, ``2ii`` → ``2ii``, ``IEA 1.3`` → ``iea-1-3``. Two numbers never share one."""
    if isinstance(number, int):
        return str(number)
    return re.sub(r"[^a-z0-9]+", "-", number.lower()).strip("-")


def number_ranges(numbers: Iterable[RecNumber]) -> str:
    """``3-4, 6, 11``: numbers as a problem line or a list prints them, in order; consecutive plain
    numbers make a range, a number with a part stands alone (``1, 2(a), 2(b), 3``)."""
    runs: list[list[RecNumber]] = []
    for n in sort_numbers(numbers):
        last = runs[-1][1] if runs else None
        if isinstance(n, int) and isinstance(last, int) and n == last + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def in_ranges(number: RecNumber, ranges: Iterable[tuple[int, int]]) -> bool:
    """Whether ``number`` is within one of ``ranges`` of plain numbers (a ``scope``'s): a part of a
    number is when its plain number is (``2ii`` is in 1-5), a prefixed number (``IEA 1``) never."""
    plain = plain_of(number)
    return plain is not None and any(lo <= plain <= hi for lo, hi in ranges)


def parts_of(numbers: Iterable[RecNumber]) -> dict[RecNumber, list[RecNumber]]:
    """Each parent among ``numbers``' parts → its parts, in order (parents in order too); empty
    for numbers without parts."""
    numbers = list(numbers)
    if not any(isinstance(n, str) for n in numbers):  # plain numbers have no parts: the common case
        return {}
    out: dict[RecNumber, list[RecNumber]] = {}
    for n in sorted(set(numbers), key=number_key):
        parent = parent_of(n)
        if parent is not None:
            out.setdefault(parent, []).append(n)
    return out


def counted(numbers: Sequence[RecNumber], parts: dict[RecNumber, list[RecNumber]] | None = None) -> list[RecNumber]:
    """``numbers`` less each that has parts among them: what a count of a set counts. Why: a
    recommendation with parts is answered part by part, so each part counts once and the parent,
    whose parts stand for it, not at all (``views.parts``)."""
    parts = parts_of(numbers) if parts is None else parts
    return [n for n in numbers if n not in parts] if parts else list(numbers)
