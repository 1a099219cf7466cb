"""The board paper's cover sheet as a view-model: what an NHS board's cover sheet carries.

Why: a trust's board secretary checks the paper against the trust's cover-sheet template (Merton
CCG's of 2013 has Agenda No, Attachment, Lead Director, Committees, Implications ...; trust
sheets add the level of assurance, the Board Assurance Framework and the CQC's key questions).
Every row is optional and a row left unset prints nothing, so the view keeps None and empty lists
as they are, and the templates print a row only for what is set. A paper is never made from
settings with errors (``refuse_bad_settings``): a cover sheet quietly falling back to defaults
would be published as the board's record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..checks.settings import settings
from ..errors import PaperRefused
from ..models.config import ReportConfig
from ..models.vocab import ASSURANCE_LEVELS, CQC_KEY_QUESTIONS, PURPOSES, due_label
from ..problems import Problem, plural
from ..tracker.corpus import Corpus
from ..tracker.paths import CONFIG_FILE


@dataclass(frozen=True, slots=True)
class Choice:
    """One step of a scale the cover prints whole (purpose, level of assurance, CQC key questions),
    so the board sees what was chosen among what could have been."""

    id: str
    label: str
    chosen: bool


@dataclass(frozen=True, slots=True)
class CommitteeRow:
    committee: str
    date: str | None
    """As a cover sheet writes it: ``14 May 2024``, or ``April 2013`` for a month."""
    outcome: str | None


@dataclass(frozen=True, slots=True)
class Risk:
    """A strategic risk of the Board Assurance Framework: its reference and its title."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Row:
    """A row of the cover sheet with no setting of its own (``extra_rows``)."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Cover:
    """The cover sheet's rows; the optional ones are None (or empty) when francis.yaml leaves them out."""

    meeting: str
    date: date
    agenda_item: str | None
    attachment: str | None
    title: str
    organisations: list[str]
    report_of: str | None
    lead_director: str | None
    author: str | None
    contact: str | None
    purpose: str
    purpose_label: str
    purpose_scale: list[Choice]
    assurance_level: str | None
    assurance_label: str | None
    """``Reasonable assurance``; None when the paper does not say."""
    assurance_scale: list[Choice]
    period: str
    summary: str
    key_sections: str | None
    recommendation: str
    committees: list[CommitteeRow]
    strategic_risks: list[Risk]
    cqc_key_questions: list[str]
    """The labels of the key questions chosen, in the CQC's order (``Safe``, ``Well-led``)."""
    cqc_scale: list[Choice]
    financial_implications: str | None
    other_implications: str | None
    equality_analysis: str | None
    information_privacy: str | None
    communication_plan: str | None
    extra_rows: list[Row]
    ratings_notes: list[str] = field(default_factory=list)
    """What the board must know of the ratings before reading them: that some are illustrative.
    Printed whatever francis.yaml's summary says, which it cannot leave out."""


@dataclass(frozen=True, slots=True)
class CoverOptions:
    """What the command line sets on the cover, over francis.yaml's ``report:``."""

    meeting: str | None = None
    date: date | None = None
    title: str | None = None
    agenda_item: str | None = None
    attachment: str | None = None


@dataclass(frozen=True, slots=True)
class CoverDefaults:
    """What the paper works out for the rows a board paper cannot leave empty."""

    as_of: date
    title: str
    period: str
    summary: str
    recommendation: str
    organisations: list[str]
    ratings_notes: list[str] = field(default_factory=list)


def scale(labels: Mapping[str, str], chosen: Sequence[str]) -> list[Choice]:
    return [Choice(id, label, id in chosen) for id, label in labels.items()]


def cover_sheet(cfg: ReportConfig, given: CoverOptions, defaults: CoverDefaults) -> Cover:
    """The cover: each value from the command line, else francis.yaml, else the paper's default."""
    level = cfg.assurance_level
    return Cover(
        meeting=given.meeting or cfg.meeting or "Board meeting",
        date=given.date or cfg.date or defaults.as_of,
        agenda_item=given.agenda_item or cfg.agenda_item,
        attachment=given.attachment or cfg.attachment,
        title=given.title or cfg.title or defaults.title,
        organisations=defaults.organisations,
        report_of=cfg.report_of,
        lead_director=cfg.lead_director,
        author=cfg.author,
        contact=cfg.contact,
        purpose=cfg.purpose,
        purpose_label=PURPOSES[cfg.purpose],
        purpose_scale=scale(PURPOSES, [cfg.purpose]),
        assurance_level=level,
        assurance_label=ASSURANCE_LEVELS[level] if level else None,
        assurance_scale=scale(ASSURANCE_LEVELS, [level] if level else []),
        period=cfg.period or defaults.period,
        summary=cfg.summary or defaults.summary,
        key_sections=cfg.key_sections,
        recommendation=cfg.recommendation or defaults.recommendation,
        committees=[
            CommitteeRow(c.committee, due_label(c.date) if c.date else None, c.outcome) for c in cfg.committees
        ],
        strategic_risks=[Risk(r.id, r.title) for r in cfg.strategic_risks],
        cqc_key_questions=[label for id, label in CQC_KEY_QUESTIONS.items() if id in cfg.cqc_key_questions],
        cqc_scale=scale(CQC_KEY_QUESTIONS, cfg.cqc_key_questions),
        financial_implications=cfg.financial_implications,
        other_implications=cfg.other_implications,
        equality_analysis=cfg.equality_analysis,
        information_privacy=cfg.information_privacy,
        communication_plan=cfg.communication_plan,
        extra_rows=[Row(r.label, r.value) for r in cfg.extra_rows],
        ratings_notes=list(defaults.ratings_notes),
    )


def settings_errors(corpus: Corpus) -> list[Problem]:
    """The errors ``francis check`` lists in francis.yaml: reading it, its keys and values, and
    what it names elsewhere in the tracker."""
    found = [p for p in corpus.problems if p.path == CONFIG_FILE and p.severity == "error"]
    found.extend(p for p in settings(corpus) if p.severity == "error")
    return sorted(set(found))


def refuse_bad_settings(corpus: Corpus) -> None:
    """Raise PaperRefused, with every problem line, when francis.yaml has errors."""
    refuse_settings(settings_errors(corpus))


def refuse_settings(problems: Sequence[Problem]) -> None:
    """Raise PaperRefused when any of ``problems`` is an error in francis.yaml (a loaded tracker's,
    or those a snapshot kept): no board paper, full or roll-up, is made from settings with errors."""
    errors = sorted({p for p in problems if p.path == CONFIG_FILE and p.severity == "error"})
    if errors:
        raise PaperRefused(
            f"francis.yaml has {plural(len(errors), 'error')}, and a board paper is never made from settings "
            "with errors: nothing was written",
            errors,
        )
