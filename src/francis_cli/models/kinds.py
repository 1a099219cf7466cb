"""Which model validates which kind of file."""

from __future__ import annotations

from pydantic import BaseModel

from .assessment import AssessmentFile
from .config import TrackerConfig
from .organisation import OrganisationsFile
from .recommendation import RecommendationSet
from .vocab import FileKind
from .workplan import Workplan

MODELS: dict[FileKind, type[BaseModel]] = {
    "config": TrackerConfig,
    "organisations": OrganisationsFile,
    "recommendations": RecommendationSet,
    "assessments": AssessmentFile,
    "workplan": Workplan,
}
