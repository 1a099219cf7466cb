"""Evidence records, assurance and sign-offs (`models.assessment`, `models.workplan`), and the
fingerprint of an approved item: the same through any reformatting of its YAML, different after any
change of its meaning (property tests on YAML written many ways and read back by francis's reader)."""

from __future__ import annotations

import json
import random
import re
from datetime import date
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from francis_cli.models.assessment import Assessment, Evidence, evidence_line, fingerprint
from francis_cli.models.schema import schema_for
from francis_cli.models.workplan import Action
from francis_cli.yamlio.read import parse

RECORD = {"title": "Quality schedule", "location": "docs/schedule.pdf", "produced": "2013-04-01", "owner": "DoQ"}


def test_a_line_of_text_stays_evidence_described_not_recorded() -> None:
    a = Assessment.model_validate({"recommendation": 1, "rating": "red", "evidence": ["Quality Strategy"]})
    assert a.evidence == ["Quality Strategy"]
    assert evidence_line(a.evidence[0]) == "Quality Strategy"


def test_a_record_and_its_staleness() -> None:
    a = Assessment.model_validate(
        {
            "recommendation": 1,
            "rating": "red",
            "evidence": [{**RECORD, "review": "2014-03-31", "expires": "2014-06-30"}],
        }
    )
    item = a.evidence[0]
    assert isinstance(item, Evidence)
    assert item.lapses == date(2014, 3, 31)  # the earlier of review and expires
    assert evidence_line(item) == "Quality schedule (docs/schedule.pdf)"
    assert not item.stale(date(2014, 3, 30))
    assert not item.stale(date(2014, 3, 31))  # on the day it is still current
    assert item.stale(date(2014, 4, 1))
    assert not item.is_url
    assert Evidence(title="T", location="https://example.org/x").is_url
    assert not Evidence(title="T", location="C:/docs/x").is_url


@pytest.mark.parametrize(
    "item",
    [
        {"title": "T"},  # no location
        {"title": "", "location": "x"},
        {"title": "T", "location": "x", "owner": "has space"},
        {"title": "T", "location": "x", "produced": "2014-05-01", "review": "2014-04-01"},
        {"title": "T", "location": "x", "revew": "2014-04-01"},
        "",
    ],
)
def test_bad_evidence_is_refused(item: object) -> None:
    with pytest.raises(ValidationError):
        Assessment.model_validate({"recommendation": 1, "rating": "red", "evidence": [item]})


def test_assurance_and_signoffs_validate_and_match_the_schema() -> None:
    data = {
        "recommendation": 1,
        "rating": "blue",
        "assurance": "reasonable",
        "evidence": ["Described", {**RECORD, "review": "2014-03-31"}],
        "signoffs": [{"by": "CEO", "date": "2013-06-01", "fingerprint": "sha256:" + "0" * 64}],
    }
    Assessment.model_validate(data)
    jsonschema.Draft202012Validator(schema_for("assessments")).validate({"organisation": "x", "assessments": [data]})
    with pytest.raises(ValidationError):
        Assessment.model_validate({**data, "assurance": "full"})
    with pytest.raises(ValidationError, match="not a fingerprint francis wrote"):
        Assessment.model_validate({**data, "signoffs": [{"by": "CEO", "date": "2013-06-01", "fingerprint": "abc"}]})
    action = {"id": "1.1", "title": "T", "evidence": [RECORD], "signoffs": data["signoffs"]}
    Action.model_validate(action)
    workplan = {"organisation": "x", "actions": [action]}
    jsonschema.Draft202012Validator(schema_for("workplan")).validate(workplan)


def test_the_fingerprint_leaves_out_signoffs_and_defaults() -> None:
    base = {"recommendation": 1, "rating": "red"}
    plain = fingerprint(Assessment.model_validate(base))
    signed = {**base, "signoffs": [{"by": "CEO", "date": "2013-06-01", "fingerprint": plain}]}
    assert fingerprint(Assessment.model_validate(signed)) == plain
    assert fingerprint(Assessment.model_validate({**base, "applicable": True, "evidence": []})) == plain
    assert plain.startswith("sha256:") and len(plain) == 71


# --- property tests: the same meaning written many ways, and every change of meaning -------------

TEXT = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=20)
DAY = st.dates(date(2000, 1, 1), date(2030, 12, 31)).map(date.isoformat)
RECORDS = st.fixed_dictionaries(
    {"title": TEXT, "location": TEXT},
    optional={"produced": st.just("2000-01-01"), "owner": st.sampled_from(["DoQ", "CFO"]), "review": DAY},
)
ASSESSMENTS = st.fixed_dictionaries(
    {"recommendation": st.integers(1, 500), "rating": st.sampled_from(["red", "amber", "green", "blue"])},
    optional={
        "position": TEXT,
        "evidence": st.lists(st.one_of(TEXT, RECORDS), min_size=1, max_size=3),
        "actions": st.lists(st.from_regex(r"\A[1-9]\.[1-9]\Z"), min_size=1, max_size=3),
        "assurance": st.sampled_from(["limited", "reasonable", "substantial", "no-assurance"]),
        "decided": DAY,
    },
)


def _scalar(value: Any, rng: random.Random) -> str:
    if isinstance(value, int):
        return str(value)
    style = rng.choice(["double", "single", "plain"])
    if style == "plain" and (re.fullmatch(r"\d{4}-\d\d-\d\d", value) or value in ("red", "amber", "DoQ", "CFO")):
        return value  # a date or a plain word reads back as the same value unquoted
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    text = json.dumps(value, ensure_ascii=False)
    if rng.random() < 0.5:  # non-ASCII characters as YAML's escapes
        text = "".join(c if c.isascii() else _escape(c) for c in text)
    return text


def _escape(c: str) -> str:
    return f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"


def _flow(value: Any, rng: random.Random) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, rng) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v, rng)}" for k, v in value.items()) + "}"
    return _scalar(value, rng)


def _block(data: dict[str, Any], rng: random.Random, indent: int = 0) -> list[str]:
    """``data`` as block YAML, keys shuffled, comments sprinkled, each list block or flow at random."""
    pad, keys, out = " " * indent, list(data), []
    rng.shuffle(keys)
    for i, key in enumerate(keys):
        value = data[key]
        if rng.random() < 0.3 and (i or not indent):  # not between an item's dash and its first key
            out.append(f"{pad}# a comment about {key}")
        if isinstance(value, list) and rng.random() < 0.5:
            out.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    lines = _block(item, rng, indent + 4)
                    out.append(f"{pad}  - {lines[0].lstrip()}")
                    out.extend(lines[1:])
                else:
                    out.append(f"{pad}  - {_scalar(item, rng)}")
        else:
            comment = "  # trailing" if rng.random() < 0.3 else ""
            out.append(f"{pad}{key}: {_flow(value, rng)}{comment}")
    return out


def _read(text: str) -> Assessment:
    doc = parse(text)
    assert not doc.problems, (text, doc.problems)
    return Assessment.model_validate(doc.data)


@settings(max_examples=150, deadline=None)
@given(ASSESSMENTS, st.randoms(use_true_random=False), st.randoms(use_true_random=False))
def test_the_fingerprint_survives_reformatting(data: dict[str, Any], one: random.Random, two: random.Random) -> None:
    first, second = "\n".join(_block(data, one)) + "\n", "\n".join(_block(data, two)) + "\n"
    assert fingerprint(_read(first)) == fingerprint(_read(second)) == fingerprint(Assessment.model_validate(data))


def _changed(data: dict[str, Any], key: str) -> dict[str, Any]:
    """``data`` with the meaning of ``key`` changed (added when absent)."""
    new = dict(data)
    value = data.get(key)
    if key == "recommendation":
        new[key] = value + 1
    elif key == "rating":
        new[key] = "amber" if value != "amber" else "red"
    elif key == "assurance":
        new[key] = "limited" if value != "limited" else "substantial"
    elif key == "decided":
        new[key] = "1999-12-31"
    elif key in ("position",):
        new[key] = (value or "") + " more"
    elif key == "actions":
        new[key] = [*(value or []), "9.9"]
    elif key == "evidence":
        items = list(value or [])
        items[-1:] = [{**items[-1], "title": items[-1]["title"] + "!"}] if items and isinstance(items[-1], dict) else []
        new[key] = items + ([] if items and isinstance(items[-1], dict) else ["Another document"])
    return new


@settings(max_examples=150, deadline=None)
@given(
    ASSESSMENTS,
    st.sampled_from(["recommendation", "rating", "position", "evidence", "actions", "assurance", "decided"]),
    st.randoms(use_true_random=False),
)
def test_the_fingerprint_breaks_on_any_change_of_meaning(data: dict[str, Any], key: str, rng: random.Random) -> None:
    changed = _changed(data, key)
    assert changed != data
    before = fingerprint(_read("\n".join(_block(data, rng)) + "\n"))
    assert fingerprint(_read("\n".join(_block(changed, rng)) + "\n")) != before


@given(st.sampled_from(["title", "location", "produced", "owner", "review", "expires"]))
def test_every_field_of_a_record_is_meaning(key: str) -> None:
    record = {**RECORD, "review": "2014-03-31", "expires": "2014-06-30"}
    other = {"title": "Other", "location": "docs/other.pdf", "produced": "2013-01-01", "owner": "CFO"}
    other |= {"review": "2014-04-01", "expires": "2014-07-01"}
    a = {"recommendation": 1, "rating": "red", "evidence": [record]}
    b = {"recommendation": 1, "rating": "red", "evidence": [{**record, key: other[key]}]}
    assert fingerprint(Assessment.model_validate(a)) != fingerprint(Assessment.model_validate(b))


def test_an_actions_fingerprint_follows_its_status_and_notes() -> None:
    base = {"id": "1.1", "title": "T", "lead": "DoQ", "due": "2014-03"}
    same = {"id": "1.1", "title": "T", "lead": ["DoQ"], "due": "2014-03", "status": "not-started"}
    assert fingerprint(Action.model_validate(base)) == fingerprint(Action.model_validate(same))
    done = {**base, "status": "done", "completed": "2014-03-01"}
    noted = {**base, "progress": [{"date": "2014-01-01", "note": "Begun."}]}
    prints = {fingerprint(Action.model_validate(x)) for x in (base, done, noted, {**base, "due": "2014-04"})}
    assert len(prints) == 4
