"""A recommendation set (catalogue): ``data/recommendations/<set>.yaml``."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import Field

from .common import Date, Slug, Strict, Text, WholeNumber
from .vocab import GovernmentResponse


class Theme(Strict):
    id: Slug
    title: Text
    source: Text | None = Field(
        default=None,
        description="Where the heading and its numbers come from: the report's own table, or a grouping "
        "another body made (a professional body's response, an organisation's paper).",
    )


class Recommendation(Strict):
    """One numbered recommendation. Without ``text`` it is "not yet transcribed"."""

    number: WholeNumber = Field(ge=1, le=100_000)
    theme: Slug | None = None
    title: Text | None = None
    text: Text | None = None
    government_response: GovernmentResponse | None = None
    source: Text | None = None


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
