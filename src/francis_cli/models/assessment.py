"""A gap assessment of one organisation against one set: ``data/assessments/**/*.yaml``."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .common import ActionId, Date, Slug, Strict, Text, WholeNumber


class Assessment(Strict):
    recommendation: WholeNumber = Field(ge=1)
    rating: Slug | None = None
    position: Text | None = None
    evidence: list[Text] = Field(default_factory=list)
    actions: list[ActionId] = Field(default_factory=list)
    applicable: bool = True
    reason: Text | None = None

    @model_validator(mode="after")
    def _applicability(self) -> Self:
        if not self.applicable and self.reason is None:
            raise PydanticCustomError("reason_required", "`applicable: false` needs a `reason`")
        if self.applicable and self.rating is None:
            raise PydanticCustomError(
                "rating_required", "a `rating` is required (or `applicable: false` with a `reason`)"
            )
        return self


class AssessmentFile(Strict):
    organisation: Slug
    set: Slug | None = None
    assessed: Date | None = None
    assessments: list[Assessment] = Field(default_factory=list)
