"""Building blocks shared by the models: the strict base, ids, dates and due periods."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictInt,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .numbers import EXAMPLES, MAX_NUMBER, NUMBER_PATTERN, NumberError, RecNumber, parse_number


class Strict(BaseModel):
    """Base of every file model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


SLUG = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, Field(pattern=SLUG, min_length=1, max_length=80)]
"""Lower-case ids for sets, themes, organisations and ratings: ``barnet-ccg``."""

RoleId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.&/-]*$", max_length=40)]
"""Role abbreviations as the papers print them: ``DoQ``, ``CSU``, ``GP-leads``."""


def _text_id(value: Any) -> Any:
    """Accept ``id: 3`` as "3" but refuse ``id: 3.10``, which YAML reads as the number 3.1."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise PydanticCustomError(
            "quote_id",
            "write this id in quotes: unquoted, YAML reads it as the number {shown}",
            {"shown": repr(value)},
        )
    return value


ActionId = Annotated[
    str,
    BeforeValidator(_text_id),
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40),
]
"""Workplan section and action ids: ``"3.2"``, ``"S1"``. Quote them in YAML."""

Text = Annotated[str, Field(min_length=1)]

WholeNumber = StrictInt
"""A limit, a count of days: an int as YAML read it. pydantic's lax mode would take ``true``
as 1, ``3.0`` as 3 and ``"3"`` as 3, none of which the JSON Schema (``integer``) allows."""


def _rec_number(value: Any) -> RecNumber:
    try:
        return parse_number(value)
    except NumberError as e:
        raise PydanticCustomError("number_format", "{why}", {"why": str(e)}) from None


RecNumberField = Annotated[
    RecNumber,
    PlainValidator(_rec_number),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER},
                {"type": "string", "pattern": NUMBER_PATTERN},
            ],
            "description": f"A recommendation number: {EXAMPLES} (models/numbers.py says how they are ordered).",
        }
    ),
]
"""A recommendation's number as a file writes it: ``4`` (or ``"4"``), ``2(a)``, ``2ii``, ``IEA 1.3``."""

_PERIOD = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$", re.ASCII)  # \d: 0-9 only, as in the schema


@dataclass(frozen=True, slots=True)
class Period:
    """A due date at day, month, quarter or year precision; due at the END of the period."""

    text: str
    start: date
    end: date

    @classmethod
    def parse(cls, value: object) -> Period:
        if isinstance(value, Period):
            return value
        if isinstance(value, date):
            return cls(value.isoformat(), value, value)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise PydanticCustomError("period_type", "must be a date like 2014-12-31, 2014-12, 2014-Q4 or 2014")
        return _period_of(value)

    @classmethod
    def _of_text(cls, value: str) -> Period:
        match = _PERIOD.match(value.strip())
        if not match:
            raise PydanticCustomError(
                "period_format",
                "'{value}' is not a due date: write 2014-12-31, 2014-12, 2014-Q4 or 2014",
                {"value": value},
            )
        year, month, day, quarter = match.groups()
        y = int(year)
        try:
            if day:
                d = date(y, int(month), int(day))
                return cls(d.isoformat(), d, d)
            if month:
                m = int(month)
                return cls(f"{y:04d}-{m:02d}", date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]))
            if quarter:
                q = int(quarter)
                last = 3 * q
                return cls(f"{y:04d}-Q{q}", date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1]))
            return cls(f"{y:04d}", date(y, 1, 1), date(y, 12, 31))
        except ValueError:  # month 13, day 32, February 30, and year 0000 at any precision
            raise PydanticCustomError("period_date", "'{value}' is not a real date", {"value": value}) from None

    def __str__(self) -> str:
        return self.text


@functools.lru_cache(maxsize=4096)
def _period_of(value: str) -> Period:
    """A due date's period: one object for each text (a national tracker repeats a few hundred
    dates tens of thousands of times; a Period is frozen, so sharing it is safe)."""
    return Period._of_text(value)


DuePeriod = Annotated[
    Period,
    BeforeValidator(Period.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]))?$",
            "description": "Due at the end of this day, month (2014-12), quarter (2014-Q4) or year (2014).",
        }
    ),
]


def _strict_date(value: Any) -> Any:
    """Dates must be written ``YYYY-MM-DD``; pydantic alone would take a number of seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date_format", "must be a date written YYYY-MM-DD, got '{value}'", {"value": value})
    return value


Date = Annotated[date, BeforeValidator(_strict_date)]
