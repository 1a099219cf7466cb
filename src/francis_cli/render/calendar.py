"""Open actions' due dates as an iCalendar feed (RFC 5545), for a lead to subscribe to or import.

Why the ``icalendar`` library: RFC 5545's line folding (at 75 octets, never inside a UTF-8
character), its escaping of ``,;\\`` and line breaks in text, and its value types are easy to get
almost right by hand; the library gets them right and is well kept. It is imported only here, and
only when a feed is written.

Each event's UID is made from the organisation's and the action's ids, never at random, so a
calendar program replaces an event when its due date moves instead of adding a second one. An
evidence record's review or expiry day is an event too, its UID made from the organisation, the
item it evidences, which day it is and a hash of the record's title (``views.remind.record_keys``),
so reordering an item's evidence changes no UID, and a new date moves the event.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from ..models.vocab import STATUS_LABELS, long_date
from ..views.remind import DueCalendar, DueEvent, EvidenceEvent
from .remind import due_words

PRODID = "-//francis//Workplan due dates//EN"


def uid(event: DueEvent) -> str:
    """``action.merton-ccg.3.2@francis``: an organisation id holds no dot, so the first dot after
    ``action.`` ends it, and no two actions share a UID."""
    return f"action.{event.organisation}.{event.id}@francis"


def evidence_uid(event: EvidenceEvent) -> str:
    """``evidence.merton-ccg.francis-2013:132.review.0123456789abcdef@francis`` (an assessment's
    ``SET:NUMBER`` holds a colon, an action's id none, so the two never meet)."""
    return f"evidence.{event.organisation}.{event.ref}.{event.which}.{event.key}@francis"


def evidence_summary(event: EvidenceEvent) -> str:
    return f"{'Review evidence' if event.which == 'review' else 'Evidence expires'}: {event.title}"


def evidence_description(event: EvidenceEvent) -> str:
    number = event.ref.rpartition(":")[2]
    of = f"recommendation {number}" if event.kind == "assessment" else f"action {event.ref}"
    owner = (
        "none"
        if event.owner is None
        else event.owner[0] + (f" ({event.owner[1]})" if event.owner[1] != event.owner[0] else "")
    )
    return "\n".join(
        [
            f"{event.organisation_name}, evidence for {of}{f': {event.of}' if event.of else ''}",
            f"Evidence: {event.title}",
            f"Location: {event.location}",
            f"Owner: {owner}",
            f"{'Review by' if event.which == 'review' else 'Expires'}: {long_date(event.day)}",
            f"Source: {event.path}:{event.line}",
        ]
    )


def description(event: DueEvent) -> str:
    leads = ", ".join(f"{r} ({t})" if t != r else r for r, t in event.leads) or "none"
    lines = [
        f"{event.organisation_name}, action {event.id}: {event.title}",
        f"{'Leads' if len(event.leads) > 1 else 'Lead'}: {leads}",
        f"Status: {STATUS_LABELS.get(event.status, event.status)}",
        f"Due: {due_words(event.due, event.day)}",
    ]
    if event.recommendations:
        lines.append(f"Recommendations: {', '.join(event.recommendations)}")
    lines.append(f"Source: {event.path}:{event.line}")
    return "\n".join(lines)


def calendar_ics(cal: DueCalendar, stamp: datetime) -> bytes:
    """The feed: one all-day event per action, on the day it is due, and per evidence record's review
    and expiry day; ``stamp`` (UTC) is every event's DTSTAMP, so the same tracker and stamp give the
    same bytes."""
    import icalendar

    feed = icalendar.Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", cal.name)
    for event in cal.events:
        vevent = _all_day(uid(event), stamp, event.day)
        vevent.add("summary", f"Due: {event.id} {event.title}")
        vevent.add("description", description(event))
        vevent.add("categories", [event.organisation, *(r for r, _ in event.leads)])
        feed.add_component(vevent)
    for evidence in cal.evidence:
        vevent = _all_day(evidence_uid(evidence), stamp, evidence.day)
        vevent.add("summary", evidence_summary(evidence))
        vevent.add("description", evidence_description(evidence))
        vevent.add("categories", [evidence.organisation, "evidence", *([evidence.owner[0]] if evidence.owner else [])])
        feed.add_component(vevent)
    data: bytes = feed.to_ical()
    return data


def _all_day(uid: str, stamp: datetime, day: date) -> Any:
    """An event of one whole day, shown as free time (``TRANSP``): a reminder, not a meeting."""
    import icalendar

    vevent = icalendar.Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", day)
    if day < date.max:  # else one day all the same: RFC 5545 3.6.1
        vevent.add("dtend", day + timedelta(days=1))
    vevent.add("transp", "TRANSPARENT")
    return vevent
