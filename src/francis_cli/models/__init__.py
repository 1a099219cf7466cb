"""Strict pydantic models of every file kind a tracker holds."""

from .assessment import Assessment, AssessmentFile
from .common import Period
from .config import DEFAULT_RATINGS, RatingLevel, TrackerConfig
from .organisation import Organisation, OrganisationsFile
from .recommendation import Recommendation, RecommendationSet, Theme
from .workplan import CLOSED, Action, ProgressNote, Section, Workplan

__all__ = [
    "CLOSED", "DEFAULT_RATINGS", "Action", "Assessment", "AssessmentFile", "Organisation",
    "OrganisationsFile", "Period", "ProgressNote", "RatingLevel", "Recommendation",
    "RecommendationSet", "Section", "Theme", "TrackerConfig", "Workplan",
]  # fmt: skip
