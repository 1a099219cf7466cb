"""The optional tracker settings file: ``francis.yaml`` at the tracker root."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from .common import Date, Period, Slug, Strict, Text, WholeNumber
from .vocab import AssuranceLevel, CqcKeyQuestion, Purpose, QuietWarning


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
    # A spreadsheet given to `francis import` (sheets.limits.SheetLimits mirrors these). Left out of
    # model_dump(), which builds the YAML reader's limits: they bound the import, not the reader.
    max_sheet_bytes: WholeNumber = Field(default=32 * 1024 * 1024, ge=1024, le=256 * 1024 * 1024, exclude=True)
    max_sheet_rows: WholeNumber = Field(default=10_000, ge=10, le=100_000, exclude=True)
    max_sheet_cells: WholeNumber = Field(default=1_000_000, ge=100, le=10_000_000, exclude=True)
    max_cell_chars: WholeNumber = Field(default=100_000, ge=100, le=1_000_000, exclude=True)


def _number_as_text(value: Any) -> Any:
    """``agenda_item: 7`` is the text "7"; ``7.2`` is refused, since YAML reads 7.10 as the number 7.1."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        raise PydanticCustomError(
            "quote_text",
            "write this in quotes: unquoted, YAML reads it as the number {shown}",
            {"shown": repr(value)},
        )
    return value


Label = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1)]
"""Text that is often a number (an agenda item, an attachment, a risk's reference): ``"7.2"``, ``"05"``."""


def _meeting_when(value: Any) -> Period:
    """When a committee met: a day, or the month (``2013-04``) a cover sheet often gives instead."""
    try:
        return Period.parse(value)
    except PydanticCustomError as err:
        if err.type != "period_format":
            raise
        raise PydanticCustomError(
            "period_format", "'{value}' is not a date: write 2013-04-18, or 2013-04 for a month", {"value": value}
        ) from None


When = Annotated[
    Period,
    BeforeValidator(_meeting_when),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]))?$",
            "description": "A day (2013-04-18), month (2013-04), quarter (2013-Q2) or year (2013).",
        }
    ),
]


def _once_each(items: list[Any]) -> list[Any]:
    """A list that names each thing once (a risk by its id, a key question): a repeat is a slip."""
    seen: set[str] = set()
    for item in items:
        key = str(getattr(item, "id", item))
        if key in seen:
            raise PydanticCustomError("listed_twice", "'{item}' is listed twice", {"item": key})
        seen.add(key)
    return items


class Committee(Strict):
    """A committee that discussed or agreed the paper before it came to the board."""

    committee: Text = Field(description="The committee, e.g. 'Quality Committee'.")
    date: When | None = Field(default=None, description="When it met: 2024-05-14, or 2024-05 for a month.")
    outcome: Text | None = Field(default=None, description="What it did, e.g. 'Endorsed for the Board'.")


class StrategicRisk(Strict):
    """A strategic risk of the Board Assurance Framework (BAF) that the paper bears on."""

    id: Label = Field(description="The risk's reference in the Board Assurance Framework, e.g. 'SR3'.")
    title: Text = Field(description="The risk as the Board Assurance Framework words it.")


class CoverRow(Strict):
    """A row of the cover sheet that has no setting of its own: a label and its value."""

    label: Text = Field(description="The row's heading, e.g. 'Freedom of Information'.")
    value: Label = Field(description="What the row says, e.g. 'Publishable in full'.")


class ReportConfig(Strict):
    """The board paper's cover sheet (``francis report``); options override these, defaults fill the rest.

    The names follow the NHS cover sheet (Merton CCG's of 2013) and what trust boards' sheets add (the
    level of assurance, the Board Assurance Framework, the CQC's key questions). Every field is
    optional: one with no default prints no row when it is left out."""

    meeting: Text | None = Field(default=None, description="The meeting, e.g. 'Trust Board (public session)'.")
    date: Date | None = Field(default=None, description="The meeting's date. Default: the report's --as-of.")
    agenda_item: Label | None = Field(default=None, description="The paper's item on the agenda, e.g. '7.2'.")
    attachment: Label | None = Field(default=None, description="Its attachment number in the board pack, e.g. '05'.")
    title: Text | None = Field(default=None, description="The paper's title. Default: from the recommendation set.")
    report_of: Text | None = Field(default=None, description="The director presenting it, e.g. 'Chief Nurse'.")
    lead_director: Text | None = Field(default=None, description="The executive director accountable for it.")
    author: Text | None = Field(default=None, description="Who wrote it, e.g. 'Head of Quality Governance'.")
    contact: Text | None = Field(default=None, description="How to reach the author: an email or telephone number.")
    purpose: Purpose = Field(default="assurance", description="What the paper asks of the board.")
    assurance_level: AssuranceLevel | None = Field(
        default=None,
        description="The level of assurance the paper gives: substantial, reasonable, limited or no-assurance.",
    )
    summary: Text | None = Field(default=None, description="The paper's summary. Default: computed from the data.")
    key_sections: Text | None = Field(
        default=None, description="Key sections for particular note (paragraph or page), areas of concern."
    )
    recommendation: Text | None = Field(default=None, description="'The Board is asked to note...'")
    period: Text | None = Field(default=None, description="The period covered, e.g. 'April 2013 to March 2014'.")
    committees: list[Committee] = Field(
        default_factory=list, description="Committees that discussed or agreed the paper before, each with its date."
    )
    strategic_risks: Annotated[list[StrategicRisk], AfterValidator(_once_each)] = Field(
        default_factory=list, description="The Board Assurance Framework's strategic risks the paper bears on."
    )
    cqc_key_questions: Annotated[list[CqcKeyQuestion], AfterValidator(_once_each)] = Field(
        default_factory=list,
        description="The CQC key questions it bears on: safe, effective, caring, responsive, well-led.",
        json_schema_extra={"uniqueItems": True},
    )
    financial_implications: Text | None = Field(default=None, description="e.g. 'Within existing budgets'.")
    other_implications: Text | None = Field(default=None, description="Legal, workforce, risk or others, or 'None'.")
    equality_analysis: Text | None = Field(default=None, description="The equality analysis done, or 'N/A'.")
    information_privacy: Text | None = Field(default=None, description="Information privacy issues, or 'None'.")
    communication_plan: Text | None = Field(
        default=None,
        description="How it will be communicated, including the Freedom of Information Act or NHS Constitution.",
    )
    extra_rows: list[CoverRow] = Field(
        default_factory=list,
        description="Other rows the trust's cover sheet has, each a label and a value, printed last.",
    )


class SignoffConfig(Strict):
    """The rules of sign-off (``francis signoff``)."""

    allow_lead: bool = Field(
        default=False,
        description="Let an action's own lead sign it off. Default: no, a sign-off by its lead is an error "
        "(segregation of duties).",
    )
    require_for_done: bool = Field(
        default=False,
        description="A done action needs a sign-off of its content as it stands: a warning in `check`, an "
        "error in `check --changed-since` for a change that completes an action without one.",
    )


class TrackerConfig(Strict):
    default_set: Slug = "francis-2013"
    organisation: Slug | None = None
    ratings: list[RatingLevel] = Field(default=list(DEFAULT_RATINGS), min_length=1)
    """The rating scheme, worst first."""
    limits: LimitsConfig = LimitsConfig()
    report: ReportConfig = ReportConfig()
    signoff: SignoffConfig = SignoffConfig()
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
