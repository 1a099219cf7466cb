"""Reminder digests as Markdown and as RFC 5322 messages (``.eml``) for the organisation's own
mail system to send; francis sends nothing.

Why plain text: the message's body is the Markdown digest itself, which reads as well in a mail
program as on a page, so the two files can never say different things. Each section of a digest
is worded here by its key (``SECTION_WORDS``): a new kind of reminder is one more entry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from urllib.parse import quote

from ..errors import UserError
from ..models.vocab import MONTHS, STATUS_LABELS, long_date
from ..problems import plural
from ..views.overdue import LapsingEvidence
from ..views.remind import Digest, Entry, Item, Reminders, SectionKey
from .markdown import md_cell
from .phrases import coming_days

SENT_AT = time(9, 0)
"""The time of day (UTC) a message is dated: the as-of day at a fixed time, so the same data and
the same day give the same bytes."""
HEADERS = SMTP.clone(max_line_length=998)
"""Headers written unfolded (RFC 5322's limit is 998): Python folds a line before an encoded word
(``—`` in a subject) with one space too many, which a reader then shows. The body is encoded, 76
characters a line, when it is set, with SMTP's own limit."""
NO_LEAD = "_no-lead"
"""The file name of the digest of actions with no lead: a role id starts with a letter or digit."""


def _overdue_words(item: Item) -> str:
    return f"{plural(item.days, 'day')} overdue"


def _due_soon_words(item: Item) -> str:
    return "due today" if item.days == 0 else f"{plural(item.days, 'day')} left"


def _lapse_words(e: LapsingEvidence) -> str:
    if e.days > 0:
        return f"lapsed {long_date(e.lapses)}, stale for {plural(e.days, 'day')}"
    return f"lapses {long_date(e.lapses)}, " + ("today" if e.days == 0 else f"{plural(-e.days, 'day')} left")


def _evidence_line(entry: Entry) -> str:
    """``- **Quality schedule** (francis.yaml), evidence for recommendation 2: lapses ….``"""
    assert isinstance(entry, LapsingEvidence)
    of = f"recommendation {entry.ref}" if entry.kind == "assessment" else f"action {entry.ref}"
    what = f"**{md_cell(entry.title)}** ({md_cell(entry.location)}), evidence for {md_cell(of)}"
    return f"- {what}: {_lapse_words(entry)}. ({entry.path}:{entry.line})\n"


def _action_line(words: Callable[[Item], str]) -> Callable[[Entry], str]:
    def line(entry: Entry) -> str:
        assert isinstance(entry, Item)
        return _item(entry, words)

    return line


SECTION_WORDS: dict[SectionKey, tuple[Callable[[Reminders], str], Callable[[Entry], str]]] = {
    "overdue": (lambda r: "Overdue", _action_line(_overdue_words)),
    "due-soon": (
        lambda r: (
            f"Falling due today ({long_date(r.until)})"
            if r.within == 0
            else f"Falling due by {long_date(r.until)} ({coming_days(r.within)})"
        ),
        _action_line(_due_soon_words),
    ),
    "evidence": (
        lambda r: f"Evidence that lapses {_by(r)}, or has lapsed",
        _evidence_line,
    ),
}
"""Each section's heading and the line of each of its items (with how late, or how soon, it is)."""


def _by(r: Reminders) -> str:
    """``by 3 September 2013``, or ``today`` when ``--within 0`` counts the as-of day alone."""
    return "today" if r.within == 0 else f"by {long_date(r.until)}"


def due_words(due: str, end: date) -> str:
    """``September 2013 (by 30 September 2013)``; a single day as itself."""
    if len(due) == 10:
        return long_date(end)
    if "Q" in due:
        said = f"{due[5:]} {due[:4]}"
    elif len(due) == 7:
        said = f"{MONTHS[end.month - 1]} {end.year}"
    else:
        said = due
    return f"{said} (by {long_date(end)})"


def lead_words(digest: Digest) -> str:
    if digest.lead is None:
        actions = digest.count("overdue") + digest.count("due-soon") > 0
        if not digest.count("evidence"):
            return "actions with no lead"
        return "actions with no lead and evidence with no owner" if actions else "evidence with no owner"
    title = digest.lead_title
    return f"{digest.lead} ({title})" if title and title != digest.lead else digest.lead


def _item(item: Item, words: Callable[[Item], str]) -> str:
    parts = [
        f"due {due_words(item.due, item.due_end)}, {words(item)}",
        STATUS_LABELS.get(item.status, item.status).lower(),
    ]
    if item.others:
        parts.append("also led by " + ", ".join(f"{r} ({t})" if t != r else r for r, t in item.others))
    if item.last_progress is not None:
        parts.append(f"last progress note {long_date(item.last_progress)}")
    return f"- **{md_cell(item.id)}** {md_cell(item.title)}: {md_cell('; '.join(parts))}. ({item.path}:{item.line})\n"


def digest_markdown(r: Reminders, digest: Digest) -> str:
    """One lead's digest: a heading, a summary line, then each section with its items."""
    out = [f"# Reminders for {md_cell(lead_words(digest))}, {md_cell(digest.organisation_name)}\n\n"]
    out.append(f"As of {long_date(r.as_of)}: {summary(r, digest)}.\n")
    for section in digest.sections:
        heading, line = SECTION_WORDS[section.key]
        out.append(f"\n## {md_cell(heading(r))}: {len(section.items)}\n\n")
        out += [line(i) for i in section.items] or ["None.\n"]
    return "".join(out)


def summary(r: Reminders, digest: Digest) -> str:
    """``4 overdue, 1 falling due by 3 September 2013``, and the evidence to review when there is some."""
    text = f"{digest.count('overdue')} overdue, {digest.count('due-soon')} falling due {_by(r)}"
    evidence = digest.count("evidence")
    if evidence:
        stale = digest.stale()
        text += f", {plural(evidence, 'evidence record')} to review" + (f" ({stale} lapsed)" if stale else "")
    return text


def reminders_markdown(r: Reminders) -> str:
    """Every digest, one after another (what ``francis remind`` prints without ``-o``)."""
    return "\n".join(digest_markdown(r, d) for d in r.digests)


def digest_message(r: Reminders, digest: Digest) -> bytes:
    """The digest as a message ready to send: Subject, Date and a UTF-8 plain-text body; no From
    and no To (the organisation's roles hold no addresses: the mail system that sends it adds them).
    ``X-Unsent: 1`` makes Outlook open it as a draft to send."""
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = f"Workplan reminder: {summary(r, digest)} — {lead_words(digest)}, {digest.organisation_name}"
    msg["Date"] = format_datetime(datetime.combine(r.as_of, SENT_AT, tzinfo=UTC))
    msg["X-Unsent"] = "1"
    msg.set_content(digest_markdown(r, digest), charset="utf-8", cte="quoted-printable")
    return msg.as_bytes(policy=HEADERS)


def file_stem(digest: Digest) -> str:
    """The digest's file name without its suffix: the role id, a ``/`` in it written ``%2F``."""
    return NO_LEAD if digest.lead is None else quote(digest.lead, safe="&")


def digest_files(r: Reminders) -> dict[str, bytes]:
    """``ORG/LEAD.md`` and ``ORG/LEAD.eml`` for every digest; a UserError when two leads of one
    organisation differ only in case (their files would be one file on Windows and macOS)."""
    files: dict[str, bytes] = {}
    seen: dict[str, str] = {}
    for d in r.digests:
        stem = file_stem(d)
        key = f"{d.organisation}/{stem}".casefold()
        if key in seen:
            raise UserError(
                f"{d.organisation}: leads {seen[key]!r} and {d.lead!r} differ only in case; "
                "their digests would be one file: rename one of the roles"
            )
        seen[key] = d.lead or ""
        files[f"{d.organisation}/{stem}.md"] = digest_markdown(r, d).encode("utf-8")
        files[f"{d.organisation}/{stem}.eml"] = digest_message(r, d)
    return files
