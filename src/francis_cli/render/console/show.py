"""``show`` in the terminal: a recommendation's page, or an action's."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from ...models.assessment import Assessment, Evidence, SignOff
from ...models.vocab import ASSURANCE_LEVELS, DECISIONS
from ...models.workplan import Action
from ...problems import visible
from ...views.show import ActionView, CrossLink, Part, RecommendationView
from .common import leads_text


def _para(text: str, indent: int = 2) -> Padding:
    """Prose re-flowed to the terminal, indented; list items (•, -, *) each start a line."""
    out: list[str] = []
    for paragraph in visible(text, newlines=True).strip().split("\n\n"):
        items: list[str] = []
        for line in paragraph.splitlines():
            if line.strip().startswith(("•", "- ", "* ")) or not items:
                items.append(line.strip())
            else:
                items[-1] += " " + line.strip()
        out.append("\n".join(" ".join(item.split()) for item in items))
    return Padding(Text("\n\n".join(out)), (0, 0, 0, indent))


def decision_text(a: Assessment) -> str:
    """``Decision: accepted in part (Governing Body, 2013-04-25): why``; the reason only where the
    position is shown (a not-applicable one's reason is its body already)."""
    who = ", ".join(x for x in (a.decided_by, a.decided.isoformat() if a.decided else None) if x)
    text = f"Decision: {DECISIONS[a.decision or 'accepted'].lower()}{f' ({who})' if who else ''}"
    return f"{text}: {' '.join(a.reason.split())}" if a.reason and a.applicable else text


def evidence_text(item: str | Evidence, stale: bool) -> Text:
    """One item of evidence: a description as written (marked as not recorded), or a record with
    its location, producer, owner and dates; a stale one marked STALE."""
    if isinstance(item, str):
        return Text(visible(f"• {item} (described, not recorded)"))
    facts = [item.location]
    facts += [f"produced {item.produced.isoformat()}"] if item.produced else []
    facts += [f"owner {item.owner}"] if item.owner else []
    facts += [f"review {item.review.isoformat()}"] if item.review else []
    facts += [f"expires {item.expires.isoformat()}"] if item.expires else []
    line = Text(visible(f"• {item.title} — {', '.join(facts)}"))
    if stale:
        line.append(" — STALE", style="bold red")
    return line


def signoff_text(s: SignOff, current: bool) -> Text:
    line = Text(visible(f"• {s.by}, {s.date.isoformat()} ({s.fingerprint[7:19]})"))
    if not current:
        line.append(" — content changed since: approve again", style="bold yellow")
    return line


def assurance_lines(item: Assessment | Action, stale: list[bool], current: str | None) -> list[Text]:
    """The evidence (stale items marked), the assurance level and the sign-offs of an assessment or
    an action, one line each; ``current`` is its fingerprint (None: nothing signed)."""
    out: list[Text] = []
    if item.evidence:
        out.append(Text(f"Evidence ({len(item.evidence)})", style="bold"))
        out.extend(evidence_text(e, bad) for e, bad in zip(item.evidence, stale, strict=True))
    level = getattr(item, "assurance", None)
    if level is not None:
        out.append(Text(f"Assurance: {ASSURANCE_LEVELS[level].lower()}"))
    if item.signoffs:
        out.append(Text(f"Signed off ({len(item.signoffs)})", style="bold"))
        out.extend(signoff_text(s, s.fingerprint == current) for s in item.signoffs)
    return out


def link_text(link: CrossLink) -> str:
    """``  repeated by kirkup-2022:2 Listening to families``; one the tracker lacks says so."""
    what = f" {link.title}" if link.title else ("" if link.known else " (not in this tracker)")
    return visible(f"  {link.kind.replace('-', ' ')} {link.set}:{link.number}{what}")


def part_text(part: Part) -> str:
    """``  2i Listening to families — barnet-ccg: Amber``: a part and where each organisation stands."""
    where = "; ".join(f"{org}: {word}" for org, word in part.ratings) or "not yet assessed"
    return visible(f"  {part.number}{f' {part.title}' if part.title else ''} — {where}")


def recommendation_page(console: Console, view: RecommendationView) -> None:
    rec = view.recommendation
    head = Text(visible(f"{view.set}:{rec.number}"), style="bold")
    if rec.title:
        head.append(visible(f"  {rec.title}"), style="bold")
    parts: list[Text | str | Padding] = [head]
    facts = [f"Theme: {view.theme_title}" if view.theme_title else "Theme: none recorded"]
    if rec.government_response:
        facts.append(f"Government response: {rec.government_response.replace('-', ' ')}")
    if rec.addressees:
        facts.append(f"Addressed to: {', '.join(rec.addressees)}")
    parts.append(Text(visible(" · ".join(facts)), style="dim"))
    if view.part_of is not None:
        number, title = view.part_of
        parts.append(Text(visible(f"Part of {view.set}:{number}{f' {title}' if title else ''}"), style="dim"))
    parts.append(
        _para(rec.text)
        if rec.text
        else Text("  Not yet transcribed: add its text from the published report.", style="italic")
    )
    if rec.source:
        console.print(Group(*parts))
        console.print(Text(visible(f"Source: {rec.source}"), style="dim"), soft_wrap=True)  # a URL is never broken
        parts = []
    if view.links:
        parts.append(Text(f"\nLinks ({len(view.links)})", style="bold"))
        parts.extend(link_text(x) for x in view.links)
    if view.parts:
        parts.append(Text(f"\nParts ({len(view.parts)})", style="bold"))
        parts.extend(part_text(p) for p in view.parts)
    parts.append(Text(f"\nAssessments ({len(view.positions)})", style="bold"))
    if not view.positions:
        parts.append("  No organisation has assessed it yet.")
    for p in view.positions:
        a = p.assessment
        rating = (
            "not applicable"
            if not a.applicable
            else "not yet assessed"
            if a.rating is None
            else f"{a.rating} ({p.rating_label})"
            if p.rating_label
            else a.rating
        )
        when = f", assessed {p.assessed.isoformat()}" if p.assessed and a.rated else ""
        parts.append(Padding(Text(visible(f"{p.organisation_name}: {rating}{when}"), style="bold"), (0, 0, 0, 2)))
        body = a.position if a.applicable else a.reason
        if body:
            parts.append(_para(body, 4))
        if a.decision:
            parts.append(Padding(Text(visible(decision_text(a))), (0, 0, 0, 4)))
        parts.extend(Padding(line, (0, 0, 0, 4)) for line in assurance_lines(a, p.evidence_stale, p.signoff_current))
    parts.append(Text(f"\nActions ({len(view.actions)})", style="bold"))
    if not view.actions:
        parts.append("  No action cites it.")
    for link in view.actions:
        act = link.action
        late = " — OVERDUE" if link.overdue else ""
        parts.append(
            visible(f"  {link.organisation}:{act.id} [{act.status}, due {act.due or 'not set'}{late}] {act.title}")
        )
    if view.same_id:
        refs = " or ".join(f"francis show {ref}" for ref in view.same_id)
        parts.append(
            Text(
                visible(
                    f"\n{rec.number} is read as recommendation {view.set}:{rec.number}; for the action, {refs}",
                    newlines=True,
                ),
                style="yellow",
            )
        )
    console.print(Group(*parts))


def action_page(console: Console, view: ActionView) -> None:
    act = view.action
    title = visible(f"{view.organisation}:{act.id}  {act.title}")
    parts: list[Text | str | Padding | RichTable] = [Text(title, style="bold")]
    if view.section:
        section = f"{view.organisation_name} · section {view.section[0]}: {view.section[1]}"
        parts.append(Text(visible(section), style="dim"))
    due = str(act.due) if act.due else "not set"
    if view.overdue_days is not None:
        due += f" — {view.overdue_days} days overdue"
    rows = [
        ("Lead", leads_text(view.leads)),
        ("Outcome", act.outcome or "—"),
        ("Due", due),
        ("Timeline", " ".join((act.timeline or "—").split())),
        ("Status", act.status),
    ]
    if act.completed:
        rows.append(("Completed", act.completed.isoformat()))
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in rows:
        grid.add_row(key, visible(value))
    parts.append(grid)
    parts.append(Text(f"\nProgress ({len(act.progress)})", style="bold"))
    parts.extend(
        visible(f"  {p.date.isoformat()}{f' ({p.by})' if p.by else ''}: {' '.join(p.note.split())}")
        for p in act.progress
    )
    if not act.progress:
        parts.append("  No progress notes yet.")
    if act.due_changes:
        parts.append(Text(f"\nDue date changes ({len(act.due_changes)})", style="bold"))
        parts.extend(
            visible(f"  {c.date.isoformat()}{f' ({c.by})' if c.by else ''}: was {c.was}. {' '.join(c.reason.split())}")
            for c in act.due_changes
        )
    extra = assurance_lines(act, view.evidence_stale, view.signoff_current)
    if extra:
        parts.append(Text(""))
        parts.extend(extra)
    if view.recommendations:
        parts.append(Text("\nRecommendations", style="bold"))
        parts.extend(visible(f"  {s}:{n}{f' {t}' if t else ''}") for s, n, t in view.recommendations)
    if view.cited_by:
        parts.append(Text("\nLinked from assessments", style="bold"))
        parts.extend(visible(f"  recommendation {n}: {rating or 'not applicable'}") for n, rating in view.cited_by)
    parts.append(Text(visible(f"\n{view.path}:{view.line}", newlines=True), style="dim"))
    console.print(Group(*parts))
