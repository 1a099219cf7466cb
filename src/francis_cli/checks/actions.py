"""Rules on workplans: ids and sections are unique, leads are roles of the organisation, cited
recommendations exist, and an open action has a due date."""

from __future__ import annotations

from collections.abc import Iterator

from ..models.vocab import CLOSED
from ..models.workplan import split_ref
from ..problems import Problem, hint
from ..tracker.corpus import ActionEntry, Corpus, Located
from .common import org_problem, silenced


def actions(corpus: Corpus) -> Iterator[Problem]:
    first: dict[tuple[str, str], Located] = {}
    reported_files: set[str] = set()
    for entry in corpus.actions:
        act, at = entry.model, entry.at
        if at.file.rel not in reported_files:
            reported_files.add(at.file.rel)
            yield from _workplan(corpus, entry)
        key = (entry.organisation, act.id)
        if key in first:
            line, _ = first[key].file.source.locate(first[key].path)
            yield at.problem(
                "duplicate-action",
                f"action {act.id!r} of {entry.organisation!r} is defined twice (first in {first[key].file.rel}:{line})",
                at="id",
            )
        first.setdefault(key, at)
        yield from _leads(corpus, entry)
        yield from _references(corpus, entry)
        if act.due is None and act.status not in CLOSED and not silenced(corpus, "no-due"):
            yield at.problem(
                "no-due", f"action {act.id!r} has no `due` date, so it can never be overdue", severity="warning"
            )


def _workplan(corpus: Corpus, entry: ActionEntry) -> Iterator[Problem]:
    """Once per workplan file: its organisation exists, and no section id is used twice."""
    at = entry.at
    unknown = org_problem(corpus, entry.organisation, at)
    if unknown:
        yield unknown
    seen_sections: set[str] = set()
    for i, section in enumerate(entry.workplan.sections):
        if section.id in seen_sections:
            yield at.file.problem(
                (*at.file.item_path(("sections",), i), "id"),
                "duplicate-section",
                f"section {section.id!r} is listed twice in this workplan",
            )
        seen_sections.add(section.id)


def _leads(corpus: Corpus, entry: ActionEntry) -> Iterator[Problem]:
    org = corpus.organisation(entry.organisation)
    if org is None:
        return
    for i, role in enumerate(entry.model.lead):
        if role not in org.roles:
            yield entry.at.problem(
                "unknown-role",
                f"{entry.organisation!r} has no role {role!r} "
                f"(roles are listed in data/organisations.yaml){hint(role, org.roles)}",
                at="lead",
                item=i if _is_list(entry.at) else None,
            )


def _references(corpus: Corpus, entry: ActionEntry) -> Iterator[Problem]:
    if "recommendations" in corpus.incomplete:
        return
    default_set = entry.workplan.set or corpus.config.default_set
    for i, ref in enumerate(entry.model.recommendations):
        set_id, number = split_ref(ref)
        set_id = set_id or default_set
        rec_set = corpus.set(set_id)
        if rec_set is None:
            yield entry.at.problem(
                "unknown-set",
                f"no recommendation set {set_id!r} in data/recommendations/",
                at="recommendations",
                item=i,
            )
        elif number not in rec_set.numbers:
            yield entry.at.problem(
                "unknown-recommendation",
                f"set {set_id!r} has no recommendation {number}",
                at="recommendations",
                item=i,
            )


def _is_list(at: Located) -> bool:
    return (*at.path, "lead", 0) in at.file.source.values
