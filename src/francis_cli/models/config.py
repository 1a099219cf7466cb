"""The optional tracker settings file: ``francis.yaml`` at the tracker root."""

from __future__ import annotations

from pydantic import Field

from .common import Slug, Strict, Text


class RatingLevel(Strict):
    id: Slug
    label: Text
    colour: str = Field(default="#768692", pattern=r"^#[0-9a-fA-F]{6}$")


DEFAULT_RATINGS: tuple[RatingLevel, ...] = (
    RatingLevel(id="red", label="Not met", colour="#d5281b"),
    RatingLevel(id="amber", label="Partially met", colour="#ffb81c"),
    RatingLevel(id="green", label="Met", colour="#007f3b"),
    RatingLevel(id="blue", label="Met, assured and embedded", colour="#005eb8"),
)


class LimitsConfig(Strict):
    max_file_bytes: int = Field(default=16 * 1024 * 1024, ge=1024)
    max_depth: int = Field(default=64, ge=4, le=10_000)
    max_alias_nodes: int = Field(default=10_000, ge=0)


class TrackerConfig(Strict):
    default_set: Slug = "francis-2013"
    organisation: Slug | None = None
    ratings: list[RatingLevel] = Field(default=list(DEFAULT_RATINGS), min_length=1)
    """The rating scheme, worst first."""
    limits: LimitsConfig = LimitsConfig()
