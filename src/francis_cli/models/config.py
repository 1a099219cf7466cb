"""The optional tracker settings file: ``francis.yaml`` at the tracker root."""

from __future__ import annotations

from pydantic import Field

from .common import Date, Slug, Strict, Text, WholeNumber
from .vocab import Purpose, QuietWarning


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
    """Bounds on what one file may ask of the reader. francis.yaml can come from an untrusted pull
    request too, so each bound has a ceiling of its own: raising a limit cannot switch it off."""

    max_file_bytes: WholeNumber = Field(default=16 * 1024 * 1024, ge=1024, le=256 * 1024 * 1024)
    max_depth: WholeNumber = Field(default=64, ge=4, le=500)
    max_alias_nodes: WholeNumber = Field(default=10_000, ge=0, le=1_000_000)


class ReportConfig(Strict):
    """The board paper's cover sheet (``francis report``); options override these, defaults fill the rest."""

    meeting: Text | None = Field(default=None, description="The meeting, e.g. 'Trust Board (public session)'.")
    date: Date | None = Field(default=None, description="The meeting's date. Default: the report's --as-of.")
    title: Text | None = None
    report_of: Text | None = Field(default=None, description="The director presenting it, e.g. 'Chief Nurse'.")
    author: Text | None = None
    contact: Text | None = None
    purpose: Purpose = "assurance"
    summary: Text | None = Field(default=None, description="The paper's summary. Default: computed from the data.")
    recommendation: Text | None = Field(default=None, description="'The Board is asked to note...'")
    period: Text | None = Field(default=None, description="The period covered, e.g. 'April 2013 to March 2014'.")


class TrackerConfig(Strict):
    default_set: Slug = "francis-2013"
    organisation: Slug | None = None
    ratings: list[RatingLevel] = Field(default=list(DEFAULT_RATINGS), min_length=1)
    """The rating scheme, worst first."""
    limits: LimitsConfig = LimitsConfig()
    report: ReportConfig = ReportConfig()
    silence: list[QuietWarning] = Field(
        default_factory=list,
        description="Warnings not to report, for a tracker that knowingly lives with them: not-transcribed "
        "(an incomplete catalogue), missing-position, no-due.",
    )
    include: list[Text] = Field(
        default_factory=list,
        description=(
            "Folders inside this tracker (typically git submodules, one per organisation) whose data joins "
            "this tracker's, read-only: the roll-up of an ICS or a national team."
        ),
    )
