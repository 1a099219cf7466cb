"""A recommendation set (catalogue): ``data/recommendations/<set>.yaml``."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .common import SLUG, Date, RecNumberField, Slug, Strict, Text, WholeNumber
from .numbers import NUMBER_PATTERN, NumberError, RecNumber, parse_number
from .vocab import GovernmentResponse


class Theme(Strict):
    id: Slug
    title: Text
    source: Text | None = Field(
        default=None,
        description="Where the heading and its numbers come from: the report's own table, or a grouping "
        "another body made (a professional body's response, an organisation's paper).",
    )


LINK = re.compile(rf"^({SLUG[1:-1]}):({NUMBER_PATTERN[1:-1]})$")
"""A link to a recommendation of any set: ``set:number``, e.g. ``francis-2013:173``, ``kirkup-2022:2i``."""

LINK_DIGITS = 6
"""The most digits of a plain number in a link (a number the set lacks is `check`'s to report)."""


def _link(value: str) -> str:
    set_id, sep, number = value.partition(":")
    try:
        if not sep or not re.fullmatch(SLUG, set_id):
            raise NumberError("")
        parse_number(number, digits=LINK_DIGITS)
    except NumberError:
        raise PydanticCustomError(
            "link_format",
            "'{value}' is not a link to a recommendation: write set:number, e.g. francis-2013:173",
            {"value": value},
        ) from None
    return value


def split_link(link: str) -> tuple[str, RecNumber]:
    """``"francis-2013:173"`` → ("francis-2013", 173); ``"kirkup-2022:2 I"`` → ("kirkup-2022", "2i")."""
    set_id, _, number = link.partition(":")
    return set_id, parse_number(number, digits=LINK_DIGITS)


Link = Annotated[str, AfterValidator(_link), Field(json_schema_extra={"pattern": LINK.pattern})]


class Recommendation(Strict):
    """One numbered recommendation, or a part of one (``2(a)`` of 2: ``models.numbers``). Without
    ``text`` it is "not yet transcribed"."""

    number: RecNumberField
    theme: Slug | None = None
    title: Text | None = None
    text: Text | None = None
    government_response: GovernmentResponse | None = None
    source: Text | None = None
    addressees: list[Slug] = Field(
        default_factory=list,
        description="Who it is addressed to, as ids: all-trusts, nhs-england, department-of-health ... One id "
        "names one body throughout the tracker (`status --addressee ID` filters by it).",
    )
    repeats: list[Link] = Field(
        default_factory=list,
        description="Earlier recommendations it repeats, as set:number (francis-2013:173, kirkup-2022:2i).",
    )
    related: list[Link] = Field(
        default_factory=list,
        description="Recommendations it is related to, as set:number (kirkup-2022:2, kirkup-2022:2i).",
    )


class RecommendationSet(Strict):
    set: Slug
    title: Text
    published: Date | None = None
    licence: Text | None = None
    source: Text | None = None
    response_days: WholeNumber | None = Field(
        default=None,
        ge=1,
        le=3650,
        description="Days organisations have to decide on the recommendations, counted from `published`.",
    )
    respond_by: Date | None = Field(
        default=None, description="The day by which organisations must decide on the recommendations."
    )
    themes: list[Theme] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)

    def response_due(self) -> date | None:
        """The last day to decide: ``respond_by``, else ``published`` plus ``response_days``; None
        without a clock (or when the two are both given, or the days lack a start: `check` says so)."""
        if self.respond_by is not None:
            return self.respond_by if self.response_days is None else None
        if self.response_days is None or self.published is None:
            return None
        try:
            return self.published + timedelta(days=self.response_days)
        except OverflowError:  # published in year 9999: the clock runs past the calendar
            return date.max
