"""A recommendation set (catalogue): ``data/recommendations/<set>.yaml``."""

from __future__ import annotations

from pydantic import Field

from .common import Date, Slug, Strict, Text, WholeNumber
from .vocab import GovernmentResponse


class Theme(Strict):
    id: Slug
    title: Text


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
    themes: list[Theme] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
