"""The board paper of a tracker that follows several inquiries: grouped by set, or of one set.

Why apart from ``paper``: most trackers hold one set, and their paper is ``paper.build``'s, unchanged.
When more than one set has an assessment or a cited action, the board reads each inquiry apart: the
summary gives a line per set, and the parts that are per recommendation (the table by theme,
Appendix A, the decisions and the assurance of the recommendations) come once per set, each a
``paper.build`` of that set, the default set first. The actions stay one list per organisation,
each saying which recommendations it cites (with their set when not the default).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ..errors import UserError
from ..models.numbers import RecNumber
from ..models.vocab import long_date
from ..models.workplan import split_ref
from ..problems import plural
from ..tracker.corpus import ActionEntry, Corpus
from . import paper, status
from .cover import Cover, CoverDefaults, CoverOptions, cover_sheet, refuse_bad_settings
from .paper import OrgReport, Paper, SetPart


def cited(entry: ActionEntry, default_set: str) -> list[tuple[str, RecNumber]]:
    """The (set, number) of each recommendation an action cites: a bare number is of its
    workplan's set, else of the default set (as ``status`` counts it)."""
    plain = entry.workplan.set or default_set
    return [(s or plain, n) for s, n in map(split_ref, entry.model.recommendations)]


def known_sets(corpus: Corpus) -> list[str]:
    """Every set of the tracker, the default first, then the others in id order (``status``'s order)."""
    default = corpus.config.default_set
    known = sorted(s for s, entries in corpus.sets.items() if entries and s != default)
    return ([default] if corpus.set() is not None else []) + known


def shown_sets(corpus: Corpus) -> list[str]:
    """The sets a paper groups by: the default and each other with an assessment or a cited action;
    empty unless at least two sets have one (the paper is then that of the default set alone)."""
    default = corpus.config.default_set
    assessed = {s for (_, s), numbers in corpus.assessed.items() if numbers}
    used = assessed | {s for a in corpus.actions for s, _ in cited(a, default)}
    known = known_sets(corpus)
    if sum(s in used for s in known) < 2:
        return []
    return [s for s in known if s in used or s == default]


def counts_for(entry: ActionEntry, set_id: str, default_set: str, known: Sequence[str]) -> bool:
    """Whether an action belongs in the paper of ``set_id`` alone: it cites one of the set's
    recommendations, or, for the default set, none of any set the tracker holds."""
    sets = {s for s, _ in cited(entry, default_set)}
    return set_id in sets or (set_id == default_set and not sets & set(known))


def _only(corpus: Corpus, set_id: str, known: Sequence[str]) -> Corpus:
    """The tracker with only the actions that count for ``set_id``: what ``report --set`` shows."""
    default = corpus.config.default_set
    actions = [a for a in corpus.actions if counts_for(a, set_id, default, known)]
    by_org: dict[str, list[ActionEntry]] = {}
    for a in actions:
        by_org.setdefault(a.organisation, []).append(a)
    return replace(corpus, actions=actions, actions_of=by_org)


def build(
    corpus: Corpus,
    *,
    as_of: date,
    orgs: Sequence[str] = (),
    cover_options: CoverOptions = CoverOptions(),
    due_soon_days: int = 30,
    set_id: str | None = None,
) -> Paper:
    """The paper: of ``set_id`` alone when given (an unknown set refused, naming the known ones);
    else grouped by set when several sets are in use, else ``paper.build``'s paper of the default set."""
    refuse_bad_settings(corpus)
    known = known_sets(corpus)
    if set_id is not None:
        if set_id not in known:
            raise UserError(
                f"--set: {set_id!r} is not a recommendation set of this tracker (known: {', '.join(known)})"
            )
        one = _only(corpus, set_id, known)
        return paper.build(
            one, as_of=as_of, orgs=orgs, cover_options=cover_options, due_soon_days=due_soon_days, set_id=set_id
        )
    top = paper.build(corpus, as_of=as_of, orgs=orgs, cover_options=cover_options, due_soon_days=due_soon_days)
    shown = shown_sets(corpus)
    if not shown:
        return top
    parts = []
    for s in shown:
        part = paper.build(
            corpus, as_of=as_of, orgs=orgs, cover_options=cover_options, due_soon_days=due_soon_days, set_id=s
        )
        organisations = [_part_of(o, part.set_title, s, s == shown[0]) for o in part.organisations]
        parts.append(SetPart(s, part.set_title, replace(part, organisations=organisations)))
    organisations = [_whole(corpus, o, as_of, due_soon_days) for o in top.organisations]
    grouped = replace(top, organisations=organisations, sets=parts, set_title="; ".join(p.title for p in parts))
    return replace(grouped, cover=_cover(corpus, grouped, cover_options))


def _part_of(o: OrgReport, title: str, set_id: str, first: bool) -> OrgReport:
    """An organisation's report in one set's part; its actions' assurance is printed once, in the first part."""
    assured = o.assurance
    if assured is not None and not first:
        assured = replace(assured, actions=[], action_signoffs=[])
    return replace(o, part=title, part_id=set_id, assurance=assured)


def _whole(corpus: Corpus, o: OrgReport, as_of: date, soon: int) -> OrgReport:
    """An organisation's report with its whole workplan (every set's actions) and what each action cites."""
    default = corpus.config.default_set
    actions = corpus.actions_of.get(o.id, [])
    workplan = status.workplan_summary(actions, as_of, soon)
    cites = {a.model.id: ", ".join(_ref(s, n, default) for s, n in cited(a, default)) for a in actions}
    return replace(o, summary=replace(o.summary, workplan=workplan), cites={k: v for k, v in cites.items() if v})


def _ref(set_id: str, number: RecNumber, default_set: str) -> str:
    return str(number) if set_id == default_set else f"{set_id}:{number}"


def _titles(parts: Sequence[SetPart]) -> str:
    """``the A, the B and the C``."""
    names = [f"the {p.title}" for p in parts]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _cover(corpus: Corpus, grouped: Paper, given: CoverOptions) -> Cover:
    """The cover of a paper grouped by set: its title and summary name every set; each set's note
    on illustrative ratings is kept."""
    cfg = corpus.config.report
    notes = [o.illustrative for p in grouped.sets for o in p.paper.organisations if o.illustrative]
    defaults = CoverDefaults(
        as_of=grouped.as_of,
        title=f"Progress against the recommendations of {_titles(grouped.sets)}",
        period=f"Position as at {long_date(grouped.as_of)}",
        summary=_summary(grouped),
        recommendation=paper.DEFAULT_RECOMMENDATION[cfg.purpose],
        organisations=list(grouped.cover.organisations),
        ratings_notes=list(dict.fromkeys(notes)),
    )
    return cover_sheet(cfg, given, defaults)


def _summary(grouped: Paper) -> str:
    """The cover's default summary: per organisation, what it has assessed of each set, and its workplan."""
    parts = []
    for org in grouped.organisations:
        bits = []
        for title, o in grouped.per_set(org.id):
            s = o.summary
            spread = ", ".join(f"{c.count} {c.rating.label.lower()}" for c in s.ratings if c.count)
            spread += f"{', ' if spread else ''}{s.not_applicable} not applicable" if s.not_applicable else ""
            bits.append(f"{s.assessed} of the {s.recommendations} of the {title}" + (f" ({spread})" if spread else ""))
        wp = org.summary.workplan
        words = f"{org.name} has assessed {', '.join(bits)}"
        if wp.actions:
            done = wp.by_status["done"]
            words += f", and has {plural(wp.actions, 'workplan action')}, {done} done and {wp.overdue} overdue"
        parts.append(words + ".")
    return (
        f"This paper reports progress against the recommendations of {_titles(grouped.sets)}, "
        f"as at {long_date(grouped.as_of)}. " + " ".join(parts)
    )
