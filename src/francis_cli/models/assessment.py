"""A gap assessment of one organisation against one set: ``data/assessments/**/*.yaml``."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Discriminator,
    Field,
    PlainSerializer,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .common import ActionId, Date, RecNumberField, RoleId, Slug, Strict, Text
from .numbers import MAX_NUMBER, RecNumber, plain_of
from .vocab import AssuranceLevel, Decision

_PART = re.compile(r"^\s*([0-9]{1,6})\s*(?:[-–]\s*([0-9]{1,6})\s*)?$", re.ASCII)
_PART_SCHEMA = r"^\s*[0-9]{1,6}\s*([-–]\s*[0-9]{1,6}\s*)?$"


def _part(value: object) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        lo = hi = value
    else:
        match = _PART.match(value) if isinstance(value, str) else None
        if match is None:
            raise PydanticCustomError(
                "scope_format",
                "{value} is not a recommendation number or range: write 123, 123-144 or [1, 5, 123-144]",
                {"value": repr(value) if isinstance(value, str) else "this"},
            )
        lo, hi = int(match.group(1)), int(match.group(2) or match.group(1))
    if not 1 <= lo <= hi <= MAX_NUMBER:
        raise PydanticCustomError(
            "scope_range",
            "{value} is not a range of recommendation numbers: from 1 to {top}, low to high",
            {"value": f"{lo}-{hi}" if lo != hi else str(lo), "top": MAX_NUMBER},
        )
    return lo, hi


@dataclass(frozen=True, slots=True)
class Scope:
    """The recommendation numbers a stock-take covers, as written: ``123-144`` or ``[1, 5, 123-144]``."""

    text: str
    ranges: tuple[tuple[int, int], ...]

    @classmethod
    def parse(cls, value: object) -> Scope:
        if isinstance(value, Scope):
            return value
        if isinstance(value, str) and "," in value:
            value = value.split(",")
        items = value if isinstance(value, list) else [value]
        if not items:
            raise PydanticCustomError("scope_empty", "a `scope` names at least one recommendation")
        ranges = tuple(_part(v) for v in items)
        text = ", ".join(str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in ranges)
        return cls(text, ranges)

    def __contains__(self, number: object) -> bool:
        """Whether ``number`` is in scope: a part of a number (``2(a)``) is when its plain number is."""
        plain = number if isinstance(number, int) else plain_of(number) if isinstance(number, str) else None
        return plain is not None and any(lo <= plain <= hi for lo, hi in self.ranges)

    def among(self, numbers: Iterable[RecNumber]) -> list[RecNumber]:
        """Which of ``numbers`` (a set's) are in scope, in their order: never expands a range."""
        return [n for n in numbers if n in self]

    def __str__(self) -> str:
        return self.text


ScopeField = Annotated[
    Scope,
    BeforeValidator(Scope.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1},
                {"type": "string", "pattern": rf"^({_PART_SCHEMA[1:-1]})(,({_PART_SCHEMA[1:-1]}))*$"},
                {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": _PART_SCHEMA}]
                    },
                },
            ],
            "description": "The recommendations this stock-take covers: 123-144, or a list such as [1, 5, 123-144].",
        }
    ),
]


_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|mailto:)\S")


class Evidence(Strict):
    """Evidence recorded: what it is, where it is, when it was produced, who owns it, and when it must
    be looked at again. Past its ``review`` or ``expires`` day it is stale (on that day it is still
    current, as an action due that day is not yet overdue)."""

    title: Text = Field(description="What the evidence is, e.g. 'Quality schedule 2013/14'.")
    location: Text = Field(
        description="Where it is: a URL (https://...), or a path in the repository from the tracker's root "
        "(checked to exist)."
    )
    produced: Date | None = Field(default=None, description="The day it was produced.")
    owner: RoleId | None = Field(default=None, description="The role that owns it: a role id of the organisation.")
    review: Date | None = Field(default=None, description="The day by which it must be reviewed.")
    expires: Date | None = Field(default=None, description="The day after which it no longer holds.")

    @model_validator(mode="after")
    def _dates(self) -> Self:
        for key in ("review", "expires"):
            day = getattr(self, key)
            if day is not None and self.produced is not None and day < self.produced:
                raise PydanticCustomError(
                    "evidence_dates",
                    "`{key}` ({day}) is before `produced` ({produced})",
                    {"key": key, "day": day.isoformat(), "produced": self.produced.isoformat()},
                )
        return self

    @property
    def is_url(self) -> bool:
        return _URL.match(self.location) is not None

    @property
    def lapses(self) -> date | None:
        """The first day past which it is stale: the earlier of ``review`` and ``expires``."""
        days = [d for d in (self.review, self.expires) if d is not None]
        return min(days) if days else None

    @property
    def lapsing(self) -> Literal["review", "expires"] | None:
        """Which of its dates ``lapses`` is: its ``review`` (the earlier, or both the same day) or its ``expires``."""
        if self.lapses is None:
            return None
        return "review" if self.review == self.lapses else "expires"

    def stale(self, as_of: date) -> bool:
        lapses = self.lapses
        return lapses is not None and lapses < as_of


def _evidence_kind(value: Any) -> str:
    return "record" if isinstance(value, (dict, Evidence)) else "text"


EvidenceItem = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Evidence, Tag("record")],
    Discriminator(_evidence_kind),
]
"""An item of ``evidence:``: a line of text (evidence described, not recorded) or a record."""


def evidence_line(item: str | Evidence) -> str:
    """An item of evidence as one line of text: a description as written, a record as its title and
    location (what a table, a history or a spreadsheet cell shows)."""
    return item if isinstance(item, str) else f"{item.title} ({item.location})"


FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{64}$")


def _fingerprint_text(value: str) -> str:
    if not FINGERPRINT.match(value):
        raise PydanticCustomError(
            "fingerprint_format", "not a fingerprint francis wrote (sha256: and 64 hex digits): sign off again"
        )
    return value


class SignOff(Strict):
    """An approval: who approved, when, and a fingerprint of exactly what they approved (see
    ``fingerprint``): a change of meaning after it voids it."""

    by: RoleId = Field(description="The role that approved: a role id of the organisation.")
    date: Date = Field(description="The day it was approved.")
    fingerprint: Annotated[str, AfterValidator(_fingerprint_text)] = Field(
        description="sha256 of the approved content's meaning, written by `francis signoff`.",
        json_schema_extra={"pattern": FINGERPRINT.pattern},
    )


def fingerprint(item: BaseModel) -> str:
    """The hash of what an assessment or action means: the canonical JSON of its validated fields,
    without its sign-offs and without any value left at its default.

    Why the validated model and not the text: comments, key order, quoting and line folding change
    the text but not the meaning, and must not void an approval; any value that changes must. Values
    at their default are left out so that writing ``applicable: true`` (or a later release adding a
    key with a default) changes nothing."""
    content = item.model_dump(mode="json", exclude={"signoffs"}, exclude_defaults=True)
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Assessment(Strict):
    recommendation: RecNumberField
    rating: Slug | None = Field(
        default=None,
        description="The rating, of the tracker's scheme: required unless `applicable: false`, or a `decision` "
        "recorded before any rating (decided, not yet assessed).",
    )
    position: Text | None = None
    evidence: list[EvidenceItem] = Field(
        default_factory=list,
        description="The evidence: each a line of text (described), or a record with `title`, `location`, "
        "`produced`, `owner` and `review` or `expires`.",
    )
    actions: list[ActionId] = Field(default_factory=list)
    applicable: bool = True
    decision: Decision | None = Field(
        default=None, description="The organisation's decision on the recommendation; all but accepted need a reason."
    )
    decided: Date | None = Field(default=None, description="The day the decision was made.")
    decided_by: Text | None = Field(default=None, description="Who decided: the board, a committee.")
    reason: Text | None = Field(
        default=None, description="Why it does not apply, or why the decision is other than accepted."
    )
    assurance: AssuranceLevel | None = Field(
        default=None,
        description="The assurance the evidence gives: substantial, reasonable, limited or no-assurance; "
        "reasonable or better needs current recorded evidence.",
    )
    signoffs: list[SignOff] = Field(
        default_factory=list, description="Approvals of this assessment as it stands, oldest first (francis signoff)."
    )

    @model_validator(mode="after")
    def _applicability(self) -> Self:
        if not self.applicable and self.reason is None:
            raise PydanticCustomError("reason_required", "`applicable: false` needs a `reason`")
        if self.applicable and self.rating is None and self.decision is None:
            raise PydanticCustomError(
                "rating_required", "a `rating` is required (or `applicable: false` with a `reason`)"
            )
        return self

    @property
    def rated(self) -> bool:
        """Assessed: rated, or judged not applicable. A decision recorded before any rating (decided,
        not yet assessed) is not: it counts as a decision only."""
        return not self.applicable or self.rating is not None


class AssessmentFile(Strict):
    organisation: Slug
    set: Slug | None = None
    assessed: Date | None = None
    scope: ScopeField | None = None
    illustrative: bool = Field(
        default=False,
        description="The ratings, evidence lists and reasons are readings made to demonstrate or rehearse, not the "
        "organisation's own assessment (the positions stay its words); every output says so.",
    )
    assessments: list[Assessment] = Field(default_factory=list)
