"""`render.calendar`: the iCalendar feed, read back by the icalendar library and by a strict
parser written here from RFC 5545 (sections 3.1, 3.3.11, 3.6, 3.6.1, 3.8), independent of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

import icalendar

from francis_cli.render.calendar import calendar_ics
from francis_cli.views.remind import DueCalendar, DueEvent, EvidenceEvent

STAMP = datetime(2013, 8, 20, tzinfo=UTC)
LONG = "Ünïcödé – " * 12 + "commas, semicolons; back\\slash and\na line break"


@dataclass
class Component:
    name: str
    props: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def one(self, name: str) -> tuple[dict[str, str], str]:
        found = [(params, value) for n, params, value in self.props if n == name]
        assert len(found) == 1, (name, found)
        return found[0]


def unescape(text: str) -> str:
    """A TEXT value (3.3.11): ``\\\\``, ``\\;``, ``\\,`` and ``\\n``; any other backslash is an error."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            nxt = text[i + 1]
            assert nxt in "\\;,nN", f"bad escape \\{nxt}"
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            assert text[i] not in ",;", f"unescaped {text[i]!r} in a single TEXT value"
            out.append(text[i])
            i += 1
    return "".join(out)


def strict_parse(data: bytes) -> Component:
    """CRLF lines of at most 75 octets, each whole UTF-8 (folding never splits a character),
    unfolded; then ``name *(;param=value) : value`` with BEGIN/END properly nested."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    physical = data[:-2].split(b"\r\n")
    logical: list[str] = []
    for raw in physical:
        assert len(raw) <= 75, raw
        text = raw.decode("utf-8")
        if text[:1] in (" ", "\t"):
            assert logical, "a continuation line first"
            logical[-1] += text[1:]
        else:
            logical.append(text)
    stack: list[Component] = []
    root: Component | None = None
    for line in logical:
        match = re.fullmatch(r"([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=[^;:,\"]*)*):(.*)", line)
        assert match, line
        name, raw_params, value = match.group(1).upper(), match.group(2), match.group(3)
        params = dict(p.split("=", 1) for p in raw_params.split(";")[1:])
        if name == "BEGIN":
            child = Component(value)
            (stack[-1].children if stack else []).append(child)
            root = root or child
            stack.append(child)
        elif name == "END":
            assert stack and stack.pop().name == value, f"END:{value} out of order"
        else:
            stack[-1].props.append((name, params, value))
    assert not stack and root is not None and root.name == "VCALENDAR"
    return root


BASE = DueEvent(
    organisation="merton-ccg",
    organisation_name="NHS Merton Clinical Commissioning Group",
    id="3.2",
    title="Establish the quality committee",
    leads=[("DoQ", "Director of Quality"), ("CSU", "Commissioning Support Unit")],
    status="in-progress",
    due="2013-Q3",
    day=date(2013, 9, 30),
    recommendations=["1", "francis-2013:132"],
    path="data/workplan/merton-ccg.yaml",
    line=120,
)


def _event(**changes: Any) -> DueEvent:
    return replace(BASE, **changes)


def test_the_feed_reads_back_the_same_through_both_parsers() -> None:
    events = [_event(), _event(id="4.1", title=LONG, leads=[], due="2014", day=date(2014, 12, 31), recommendations=[])]
    data = calendar_ics(DueCalendar("Workplan due dates — merton-ccg", events), STAMP)
    mine = strict_parse(data)
    assert mine.one("VERSION")[1] == "2.0" and mine.one("PRODID")[1].startswith("-//francis//")
    assert unescape(mine.one("X-WR-CALNAME")[1]) == "Workplan due dates — merton-ccg"
    first, second = mine.children
    assert [c.name for c in mine.children] == ["VEVENT", "VEVENT"]
    assert first.one("UID")[1] == "action.merton-ccg.3.2@francis"
    assert first.one("DTSTART") == ({"VALUE": "DATE"}, "20130930")
    assert first.one("DTEND") == ({"VALUE": "DATE"}, "20131001")
    assert first.one("DTSTAMP") == ({}, "20130820T000000Z")
    assert unescape(first.one("SUMMARY")[1]) == "Due: 3.2 Establish the quality committee"
    assert unescape(first.one("DESCRIPTION")[1]).splitlines() == [
        "NHS Merton Clinical Commissioning Group, action 3.2: Establish the quality committee",
        "Leads: DoQ (Director of Quality), CSU (Commissioning Support Unit)",
        "Status: In progress",
        "Due: Q3 2013 (by 30 September 2013)",
        "Recommendations: 1, francis-2013:132",
        "Source: data/workplan/merton-ccg.yaml:120",
    ]
    assert unescape(second.one("SUMMARY")[1]) == f"Due: 4.1 {LONG}"
    assert "Lead: none" in unescape(second.one("DESCRIPTION")[1])

    lib = icalendar.Calendar.from_ical(data)
    parsed = list(lib.walk("VEVENT"))
    assert [str(e["UID"]) for e in parsed] == ["action.merton-ccg.3.2@francis", "action.merton-ccg.4.1@francis"]
    assert [e.decoded("DTSTART") for e in parsed] == [date(2013, 9, 30), date(2014, 12, 31)]
    assert [e.decoded("DTEND") for e in parsed] == [date(2013, 10, 1), date(2015, 1, 1)]
    assert parsed[0].decoded("DTSTAMP") == STAMP
    assert str(parsed[1]["SUMMARY"]) == f"Due: 4.1 {LONG}"
    assert str(parsed[0]["DESCRIPTION"]) == unescape(first.one("DESCRIPTION")[1])


def test_the_same_feed_gives_the_same_bytes_and_another_stamp_changes_only_dtstamp() -> None:
    cal = DueCalendar("Workplan due dates", [_event(), _event(id="3.3")])
    assert calendar_ics(cal, STAMP) == calendar_ics(cal, STAMP)
    later = calendar_ics(cal, datetime(2014, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert later.replace(b"20140102T030405Z", b"20130820T000000Z") == calendar_ics(cal, STAMP)


def test_the_last_day_of_the_calendar_is_one_day_without_an_end() -> None:
    data = calendar_ics(DueCalendar("x", [_event(due="9999", day=date.max)]), STAMP)
    (event,) = strict_parse(data).children
    assert event.one("DTSTART") == ({"VALUE": "DATE"}, "99991231")
    assert not [n for n, _, _ in event.props if n in ("DTEND", "DURATION")]


def test_an_empty_feed_is_still_a_calendar() -> None:
    mine = strict_parse(calendar_ics(DueCalendar("x", []), STAMP))
    assert mine.children == [] and mine.one("VERSION")[1] == "2.0"
    assert list(icalendar.Calendar.from_ical(calendar_ics(DueCalendar("x", []), STAMP)).walk("VEVENT")) == []


EVIDENCE = EvidenceEvent(
    organisation="merton-ccg",
    organisation_name="NHS Merton Clinical Commissioning Group",
    kind="assessment",
    ref="francis-2013:132",
    of="Quality schedule; commissioning, and contracts",
    title="Quality schedule 2013/14, signed",
    location="https://example.org/q;s,1",
    owner=("DoQ", "Director of Quality"),
    which="review",
    day=date(2014, 3, 31),
    key="0123456789abcdef",
    path="data/assessments/merton-ccg.yaml",
    line=40,
)


def test_evidence_days_read_back_through_both_parsers() -> None:
    expires = replace(
        EVIDENCE, kind="action", ref="3.2", of=None, which="expires", owner=None, key="fedcba9876543210-2"
    )
    data = calendar_ics(DueCalendar("x", [_event()], [EVIDENCE, expires]), STAMP)
    action, review, expiry = strict_parse(data).children
    assert action.one("UID")[1] == "action.merton-ccg.3.2@francis"
    assert review.one("UID")[1] == "evidence.merton-ccg.francis-2013:132.review.0123456789abcdef@francis"
    assert expiry.one("UID")[1] == "evidence.merton-ccg.3.2.expires.fedcba9876543210-2@francis"
    assert review.one("DTSTART") == ({"VALUE": "DATE"}, "20140331")
    assert review.one("DTEND") == ({"VALUE": "DATE"}, "20140401")
    assert unescape(review.one("SUMMARY")[1]) == "Review evidence: Quality schedule 2013/14, signed"
    assert unescape(expiry.one("SUMMARY")[1]) == "Evidence expires: Quality schedule 2013/14, signed"
    assert unescape(review.one("DESCRIPTION")[1]).splitlines() == [
        "NHS Merton Clinical Commissioning Group, evidence for recommendation 132: "
        "Quality schedule; commissioning, and contracts",
        "Evidence: Quality schedule 2013/14, signed",
        "Location: https://example.org/q;s,1",
        "Owner: DoQ (Director of Quality)",
        "Review by: 31 March 2014",
        "Source: data/assessments/merton-ccg.yaml:40",
    ]
    described = unescape(expiry.one("DESCRIPTION")[1]).splitlines()
    assert described[0] == "NHS Merton Clinical Commissioning Group, evidence for action 3.2"
    assert (described[3], described[4]) == ("Owner: none", "Expires: 31 March 2014")

    parsed = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    assert [str(e["UID"]) for e in parsed][1:] == [review.one("UID")[1], expiry.one("UID")[1]]
    assert [e.decoded("DTSTART") for e in parsed][1:] == [date(2014, 3, 31)] * 2
    assert str(parsed[1]["DESCRIPTION"]) == unescape(review.one("DESCRIPTION")[1])
    assert parsed[1]["CATEGORIES"].cats == ["merton-ccg", "evidence", "DoQ"]
    assert parsed[2]["CATEGORIES"].cats == ["merton-ccg", "evidence"]
