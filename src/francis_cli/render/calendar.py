"""Open actions' due dates as an iCalendar feed (RFC 5545), for a lead to subscribe to or import.

Why the ``icalendar`` library: RFC 5545's line folding (at 75 octets, never inside a UTF-8
character), its escaping of ``,;\\`` and line breaks in text, and its value types are easy to get
almost right by hand; the library gets them right and is well kept. It is imported only here, and
only when a feed is written.

Each event's UID is made from the organisation's and the action's ids, never at random, so a
calendar program replaces an event when its due date moves instead of adding a second one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..models.vocab import STATUS_LABELS
from ..views.remind import DueCalendar, DueEvent
from .remind import due_words

PRODID = "-//francis//Workplan due dates//EN"


def uid(event: DueEvent) -> str:
    """``action.merton-ccg.3.2@francis``: an organisation id holds no dot, so the first dot after
    ``action.`` ends it, and no two actions share a UID."""
    return f"action.{event.organisation}.{event.id}@francis"


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
    """The feed: one all-day event per action, on the day it is due; ``stamp`` (UTC) is every
    event's DTSTAMP, so the same tracker and stamp give the same bytes."""
    import icalendar

    feed = icalendar.Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", cal.name)
    for event in cal.events:
        vevent = icalendar.Event()
        vevent.add("uid", uid(event))
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", event.day)
        if event.day < date.max:  # else one day all the same: RFC 5545 3.6.1
            vevent.add("dtend", event.day + timedelta(days=1))
        vevent.add("summary", f"Due: {event.id} {event.title}")
        vevent.add("description", description(event))
        vevent.add("categories", [event.organisation, *(r for r, _ in event.leads)])
        vevent.add("transp", "TRANSPARENT")
        feed.add_component(vevent)
    data: bytes = feed.to_ical()
    return data
