"""Cross-file rules: each a pure function of the corpus yielding problems.

Single-file rules live in the models; what needs two files (an assessment's organisation,
an action's lead role, a duplicate id across files) lives here.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from .corpus import Corpus, Located
from .errors import Problem
from .models import CLOSED
from .models.workplan import split_ref

Check = Callable[[Corpus], Iterator[Problem]]

NEVER_STRICT = frozenset({"not-transcribed"})
"""Warnings that ``--strict`` leaves as warnings: a catalogue is allowed to be incomplete."""


def _hint(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    for n in sorted(numbers):
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def _again(kind: str, ident: object, first: Located) -> str:
    line, _ = first.file.source.locate(first.path)
    return f"{kind} {ident!r} is defined twice (first in {first.file.rel}:{line})"


def catalogue(corpus: Corpus) -> Iterator[Problem]:
    included = list(corpus.config.include)
    for set_id, entries in corpus.sets.items():
        first = entries[0]
        for dup in entries[1:]:
            if _tracker_of(dup.at.file.rel, included) == _tracker_of(first.at.file.rel, included):
                yield dup.at.problem("duplicate-set", _again("set", set_id, first.at), at="set")
            elif dup.model != first.model:
                yield dup.at.problem("catalogue-mismatch", f"set {set_id!r} differs from the one in "
                                     f"{first.at.file.rel}: an included tracker must use the same catalogue",
                                     at="set")  # fmt: skip
        same = [e for e in entries[1:] if e.model == first.model and
                _tracker_of(e.at.file.rel, included) != _tracker_of(first.at.file.rel, included)]
        for entry in (e for e in entries if not any(e is x for x in same)):  # an included copy: judged once
            themes: dict[str, int] = {}
            for i, theme in enumerate(entry.model.themes):
                if theme.id in themes:
                    yield entry.at.problem("duplicate-theme", f"theme {theme.id!r} is listed twice in this set",
                                           at="themes", item=i)  # fmt: skip
                themes.setdefault(theme.id, i)
            seen: set[int] = set()
            missing: list[int] = []
            for i, rec in enumerate(entry.model.recommendations):
                path = entry.at.file.item_path(("recommendations",), i)
                at = Located(entry.at.file, path)
                if rec.number in seen:
                    yield at.problem("duplicate-recommendation",
                                     f"recommendation {rec.number} is listed twice in set {set_id!r}",
                                     at="number")  # fmt: skip
                seen.add(rec.number)
                if rec.theme is not None and rec.theme not in themes and "recommendations" not in corpus.incomplete:
                    yield at.problem("unknown-theme", f"theme {rec.theme!r} is not among this set's themes"
                                     f"{_hint(rec.theme, themes)}", at="theme")  # fmt: skip
                if rec.text is None:
                    missing.append(rec.number)
            if missing:
                yield entry.at.problem(
                    "not-transcribed",
                    f"{len(missing)} of {len(entry.model.recommendations)} recommendations have no text yet: "
                    f"{_ranges(missing)}", at="recommendations", severity="warning", key=True,
                )  # fmt: skip


def _tracker_of(rel: str, included: list[str]) -> str:
    return next((p for p in included if rel.startswith(p.rstrip("/") + "/")), "")


def organisations(corpus: Corpus) -> Iterator[Problem]:
    for org_id, entries in corpus.organisations.items():
        for dup in entries[1:]:
            yield dup.at.problem("duplicate-organisation", _again("organisation", org_id, entries[0].at), at="id")


def settings(corpus: Corpus) -> Iterator[Problem]:
    f = corpus.config_file
    if f is None or f.model is None:
        return
    raw = f.source.values
    if ("default_set",) in raw and corpus.config.default_set not in corpus.sets and \
            "recommendations" not in corpus.incomplete:
        yield f.problem(("default_set",), "unknown-set",
                        f"no recommendation set {corpus.config.default_set!r} in data/recommendations/"
                        f"{_hint(corpus.config.default_set, corpus.sets)}")  # fmt: skip
    org = corpus.config.organisation
    if org is not None and org not in corpus.organisations and "organisations" not in corpus.incomplete:
        hint = _hint(org, corpus.organisations)
        yield f.problem(("organisation",), "unknown-organisation",
                        f"no organisation {org!r} in data/organisations.yaml{hint}")  # fmt: skip
    seen: set[str] = set()
    for i, level in enumerate(corpus.config.ratings):
        if level.id in seen:
            yield f.problem(("ratings", i, "id"), "duplicate-rating", f"rating {level.id!r} is listed twice")
        seen.add(level.id)


def _org_problem(corpus: Corpus, org: str, at: Located) -> Problem | None:
    if org in corpus.organisations or "organisations" in corpus.incomplete:
        return None
    hint = _hint(org, corpus.organisations)
    return at.file.problem(("organisation",), "unknown-organisation",
                           f"no organisation {org!r} in data/organisations.yaml{hint}")  # fmt: skip


def assessments(corpus: Corpus) -> Iterator[Problem]:
    ratings = [r.id for r in corpus.ratings]
    rating_set = set(ratings)
    judge_recs = "recommendations" not in corpus.incomplete
    judge_actions = "workplan" not in corpus.incomplete
    action_ids: dict[str, set[str]] = {}
    for act in corpus.actions:
        action_ids.setdefault(act.organisation, set()).add(act.model.id)
    numbers = {set_id: entries[0].numbers for set_id, entries in corpus.sets.items()}
    reported_files: set[str] = set()
    last_file = None
    for entry in corpus.assessments:
        a, at = entry.model, entry.at
        if at.file is not last_file and at.file.rel not in reported_files:
            last_file = at.file
            reported_files.add(at.file.rel)
            org_problem = _org_problem(corpus, entry.organisation, at)
            if org_problem:
                yield org_problem
            if entry.set not in corpus.sets and judge_recs:
                yield at.file.problem(("set",) if entry.file_model.set else ("organisation",), "unknown-set",
                                      f"no recommendation set {entry.set!r} in data/recommendations/"
                                      f"{_hint(entry.set, corpus.sets)}")  # fmt: skip
        known_numbers = numbers.get(entry.set)
        if judge_recs and known_numbers is not None and a.recommendation not in known_numbers:
            yield at.problem("unknown-recommendation", f"set {entry.set!r} has no recommendation {a.recommendation}",
                             at="recommendation")  # fmt: skip
        first = corpus.assessed[(entry.organisation, entry.set)][a.recommendation]
        if first is not entry:
            line, _ = first.at.file.source.locate(first.at.path)
            yield at.problem("duplicate-assessment",
                             f"recommendation {a.recommendation} is already assessed for {entry.organisation!r} "
                             f"(in {first.at.file.rel}:{line})", at="recommendation")  # fmt: skip
        if a.rating is not None and a.rating not in rating_set:
            yield at.problem("unknown-rating", f"rating {a.rating!r} is not one of: {', '.join(ratings)}"
                             f"{_hint(a.rating, ratings)}", at="rating")  # fmt: skip
        known = action_ids.get(entry.organisation, set())
        for i, action_id in enumerate(a.actions):
            if judge_actions and action_id not in known:
                yield at.problem("unknown-action", f"{entry.organisation!r} has no workplan action {action_id!r}"
                                 f"{_hint(action_id, known)}", at="actions", item=i)  # fmt: skip
        if a.applicable and a.position is None:
            yield at.problem("missing-position", f"recommendation {a.recommendation} has a rating but no "
                             "`position` saying why", severity="warning")  # fmt: skip


def actions(corpus: Corpus) -> Iterator[Problem]:
    first: dict[tuple[str, str], Located] = {}
    reported_files: set[str] = set()
    for entry in corpus.actions:
        act, at = entry.model, entry.at
        if at.file.rel not in reported_files:
            reported_files.add(at.file.rel)
            org_problem = _org_problem(corpus, entry.organisation, at)
            if org_problem:
                yield org_problem
            seen_sections: set[str] = set()
            for i, section in enumerate(entry.workplan.sections):
                if section.id in seen_sections:
                    yield at.file.problem((*at.file.item_path(("sections",), i), "id"), "duplicate-section",
                                          f"section {section.id!r} is listed twice in this workplan")  # fmt: skip
                seen_sections.add(section.id)
        key = (entry.organisation, act.id)
        if key in first:
            line, _ = first[key].file.source.locate(first[key].path)
            yield at.problem("duplicate-action", f"action {act.id!r} of {entry.organisation!r} is defined twice "
                             f"(first in {first[key].file.rel}:{line})", at="id")  # fmt: skip
        first.setdefault(key, at)
        org = corpus.organisation(entry.organisation)
        if org is not None:
            for i, role in enumerate(act.lead):
                if role not in org.roles:
                    yield at.problem("unknown-role", f"{entry.organisation!r} has no role {role!r} "
                                     f"(roles are listed in data/organisations.yaml){_hint(role, org.roles)}",
                                     at="lead", item=i if _is_list(at) else None)  # fmt: skip
        default_set = entry.workplan.set or corpus.config.default_set
        for i, ref in enumerate(act.recommendations):
            set_id, number = split_ref(ref)
            set_id = set_id or default_set
            rec_set = corpus.set(set_id)
            if "recommendations" in corpus.incomplete:
                continue
            if rec_set is None:
                yield at.problem("unknown-set", f"no recommendation set {set_id!r} in data/recommendations/",
                                 at="recommendations", item=i)  # fmt: skip
            elif number not in rec_set.numbers:
                yield at.problem("unknown-recommendation", f"set {set_id!r} has no recommendation {number}",
                                 at="recommendations", item=i)  # fmt: skip
        if act.due is None and act.status not in CLOSED:
            yield at.problem("no-due", f"action {act.id!r} has no `due` date, so it can never be overdue",
                             severity="warning")  # fmt: skip


def _is_list(at: Located) -> bool:
    return (*at.path, "lead", 0) in at.file.source.values


CHECKS: tuple[Check, ...] = (catalogue, organisations, settings, assessments, actions)


def run_checks(corpus: Corpus, *, strict: bool = False) -> list[Problem]:
    """Every problem of the tracker, loading and cross-file alike, sorted by place."""
    problems = list(corpus.problems)
    for check in CHECKS:
        problems.extend(check(corpus))
    if strict:
        problems = [
            replace(p, severity="error") if p.severity == "warning" and p.code not in NEVER_STRICT else p
            for p in problems
        ]
    return sorted(set(problems))
