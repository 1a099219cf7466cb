"""Whole trackers, generated and then broken (hypothesis): every command answers, none crashes.

The strategies build VALID trackers (a set with themes and recommendations, organisations with
roles, gap assessments, workplans with sections, actions, due periods and progress notes) and
write them as a person would. A valid one must pass `francis check`; a mutated one (a key dropped,
a value of the wrong type, a dangling reference, a duplicate id, a bad date, random bytes spliced
in, the file cut short) may fail, but only with exit 1 or 2 and problem lines: never exit 3, never
a traceback. Bounded: a fixed number of examples, derandomised, so CI runs the same cases.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from francis_cli.cli import app
from francis_cli.problems import PROBLEM_CODES
from francis_cli.yamlio.splice import TextDoc

BOUNDED = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: five commands an example make it slow
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
AS_OF = "2024-06-01"
RATINGS = ("red", "amber", "green", "blue")
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(\d+):(\d+): (error|warning) (?P<code>[a-z-]+) \S")

# --- writing YAML as a person would: block style, two-space indent, quoted text ---------------


def _scalar(value: Any) -> str:
    if isinstance(value, (dict, list)):  # only ever empty here: a full one is written in block style
        return "[]" if isinstance(value, list) else "{}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def dump(data: Any, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(data, dict):
        if not data:
            return pad + "{}\n"
        out = []
        for key, value in data.items():
            if isinstance(value, (dict, list)) and value:
                out.append(f"{pad}{key}:\n{dump(value, indent + 2)}")
            else:
                out.append(f"{pad}{key}: {_scalar(value)}\n")
        return "".join(out)
    if isinstance(data, list):
        out = []
        for item in data:
            if isinstance(item, (dict, list)) and item:
                body = dump(item, indent + 2)
                out.append(f"{pad}- {body[indent + 2 :]}")
            else:
                out.append(f"{pad}- {_scalar(item)}\n")
        return "".join(out)
    return pad + _scalar(data) + "\n"


# --- strategies of valid trackers -------------------------------------------------------------

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30)
prose = st.one_of(text, st.lists(text, min_size=2, max_size=3).map("\n\n".join))
slug = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
role = st.from_regex(r"[A-Z][A-Za-z0-9]{0,5}", fullmatch=True)
day = st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31))
due = st.one_of(
    day.map(lambda d: d.isoformat()),
    day.map(lambda d: f"{d.year}-{d.month:02d}"),
    st.tuples(st.integers(2010, 2030), st.integers(1, 4)).map(lambda t: f"{t[0]}-Q{t[1]}"),
    st.integers(2010, 2030).map(str),
)


@dataclass
class Generated:
    files: dict[str, Any]
    """Relative path → the file's data."""
    notes: list[tuple[str, str]]
    """(organisation, action id) pairs a note can be added to."""
    assessable: list[tuple[str, int]]
    """(organisation, recommendation number) pairs `francis assess` may rate."""


@st.composite
def trackers(draw: st.DrawFn) -> Generated:
    set_id = draw(slug)
    themes = draw(st.lists(slug, min_size=0, max_size=3, unique=True))
    numbers = draw(st.lists(st.integers(1, 300), min_size=1, max_size=8, unique=True))
    recs = []
    for n in numbers:
        rec: dict[str, Any] = {"number": n}
        if themes and draw(st.booleans()):
            rec["theme"] = draw(st.sampled_from(themes))
        rec["title"] = draw(text)
        if draw(st.booleans()):
            rec["text"] = draw(prose)
        recs.append(rec)
    catalogue = {
        "set": set_id,
        "title": draw(text),
        "themes": [{"id": t, "title": draw(text)} for t in themes],
        "recommendations": recs,
    }
    org_ids = draw(st.lists(slug, min_size=1, max_size=3, unique=True))
    orgs, files, notes, assessable = [], {}, [], []
    for org in org_ids:
        roles = draw(st.lists(role, max_size=3, unique=True))
        orgs.append({"id": org, "name": draw(text), "roles": {r: draw(text) for r in roles}})
        action_ids: list[str] = []
        if draw(st.booleans()):
            sections = []
            for s in range(draw(st.integers(0, 2))):
                actions = []
                for a in range(draw(st.integers(0, 3))):
                    action_id = f"{s + 1}.{a + 1}"
                    action: dict[str, Any] = {"id": action_id, "title": draw(text)}
                    if roles:
                        action["lead"] = draw(st.lists(st.sampled_from(roles), min_size=1, max_size=2, unique=True))
                    if draw(st.booleans()):
                        action["due"] = draw(due)
                    status = draw(st.sampled_from(("not-started", "in-progress", "done", "blocked", "dropped")))
                    action["status"] = status
                    if status == "done":
                        action["completed"] = draw(day).isoformat()
                    action["recommendations"] = draw(st.lists(st.sampled_from(numbers), max_size=2, unique=True))
                    action["progress"] = [
                        {"date": draw(day).isoformat(), "note": draw(prose)} for _ in range(draw(st.integers(0, 2)))
                    ]
                    actions.append(action)
                    action_ids.append(action_id)
                    notes.append((org, action_id))
                sections.append({"id": str(s + 1), "title": draw(text), "actions": actions})
            files[f"data/workplan/{org}.yaml"] = {
                "organisation": org,
                "title": draw(text),
                "agreed": draw(day).isoformat(),
                "sections": sections,
            }
        if draw(st.booleans()):
            rated = draw(st.lists(st.sampled_from(numbers), max_size=len(numbers), unique=True))
            items = []
            for n in rated:
                if draw(st.integers(0, 4)) == 0:
                    items.append({"recommendation": n, "applicable": False, "reason": draw(text)})
                    continue
                item: dict[str, Any] = {
                    "recommendation": n,
                    "rating": draw(st.sampled_from(RATINGS)),
                    "position": draw(prose),
                }
                if action_ids and draw(st.booleans()):
                    item["actions"] = draw(st.lists(st.sampled_from(action_ids), min_size=1, max_size=2, unique=True))
                items.append(item)
            files[f"data/assessments/{org}.yaml"] = {
                "organisation": org,
                "assessed": draw(day).isoformat(),
                "assessments": items,
            }
            assessable += [(org, n) for n in numbers]
    files["francis.yaml"] = {"default_set": set_id}
    files["data/organisations.yaml"] = {"organisations": orgs}
    files[f"data/recommendations/{set_id}.yaml"] = catalogue
    return Generated(files, notes, assessable)


# --- mutations --------------------------------------------------------------------------------


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*path, i))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


WRONG = [[], {}, 3.5, True, None, "x", -1, 10**30, "2013-02-30", {"a": [1]}]
BAD_DATES = ["2013-02-30", "2013-13", "13/06/2013", "soon", "2013-Q5", "0000", "2013-06-31"]
DANGLING = {
    "organisation": "nobody",
    "theme": "no-theme",
    "recommendation": 99_999,
    "lead": ["NoSuchRole"],
    "actions": ["9.9"],
    "recommendations": [88_888],
    "default_set": "no-set",
    "rating": "purple",
}


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Generated, str, bytes]:
    """A valid tracker with one file broken; returns the tracker, the broken file and its bytes."""
    gen = draw(trackers())
    rel = draw(st.sampled_from(sorted(gen.files)))
    data = json.loads(json.dumps(gen.files[rel]))
    how = draw(st.sampled_from(["drop-key", "wrong-type", "dangling", "duplicate", "bad-date", "splice", "truncate"]))
    paths = [p for p in _paths(data) if p]
    if how == "drop-key":
        keyed = [p for p in paths if isinstance(p[-1], str)]
        if keyed:
            path = draw(st.sampled_from(keyed))
            del _parent(data, path)[path[-1]]
    elif how == "wrong-type" and paths:
        path = draw(st.sampled_from(paths))
        _parent(data, path)[path[-1]] = draw(st.sampled_from(WRONG))
    elif how == "dangling":
        refs = [p for p in paths if p[-1] in DANGLING]
        if refs:
            path = draw(st.sampled_from(refs))
            _parent(data, path)[path[-1]] = DANGLING[path[-1]]
    elif how == "duplicate":
        items = [p for p in paths if isinstance(p[-1], int) and isinstance(_parent(data, p)[p[-1]], dict)]
        if items:
            path = draw(st.sampled_from(items))
            _parent(data, path).append(json.loads(json.dumps(_parent(data, path)[path[-1]])))
    elif how == "bad-date":
        dated = [p for p in paths if p[-1] in ("date", "due", "completed", "assessed", "agreed")]
        if dated:
            path = draw(st.sampled_from(dated))
            _parent(data, path)[path[-1]] = draw(st.sampled_from(BAD_DATES))
    raw = dump(data).encode("utf-8")
    if how == "splice":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=12)) + raw[at:]
    elif how == "truncate":
        raw = raw[: draw(st.integers(0, max(0, len(raw) - 1)))]
    return gen, rel, raw


# --- running the commands ---------------------------------------------------------------------


def write(root: Path, files: dict[str, Any], broken: tuple[str, bytes] | None = None) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(dump(data).encode("utf-8"))
    if broken is not None:
        (root / broken[0]).write_bytes(broken[1])


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app,
        ["--root", str(root), *args],
        catch_exceptions=False,
        env={"NO_COLOR": "1", "COLUMNS": "80", "FRANCIS_AS_OF": AS_OF},
    )
    return result.exit_code, result.stdout, result.stderr


COMMANDS = [("check",), ("status",), ("overdue",), ("report", "--format", "markdown"), ("report", "--format", "html")]


def assert_answers(root: Path) -> int:
    """Every read-only command answers: exit 0, 1 or 2, a one-line reason on stderr, no traceback."""
    codes = []
    for args in COMMANDS:
        code, out, err = run(root, *args)
        assert "Traceback" not in out + err, (args, err)
        assert code in (0, 1, 2), (args, code, err)
        if code == 2:  # the reason, after the note that the tracker has errors
            assert err.endswith("\n") and all(line.startswith("francis: ") for line in err.splitlines()), (args, err)
            assert "internal error" not in err
        if args == ("check",):
            lines = out.splitlines()
            assert all(PROBLEM_LINE.match(line) for line in lines), out
            assert {PROBLEM_LINE.match(line)["code"] for line in lines} <= set(PROBLEM_CODES)  # type: ignore[index]
            assert (code == 1) == any(" error " in line for line in lines), out
        codes.append(code)
    return codes[0]


@given(trackers())
@BOUNDED
def test_a_valid_tracker_passes_check_and_every_command_answers(gen: Generated) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write(root, gen.files)
        code, out, err = run(root, "check")
        assert code == 0, out + err
        assert " error " not in out
        for args in COMMANDS[1:]:
            code, out, err = run(root, *args)
            assert (code, err) == (0, ""), (args, err)


@given(mutated())
@settings(BOUNDED, max_examples=45)
def test_a_broken_tracker_gets_problems_never_a_crash(case: tuple[Generated, str, bytes]) -> None:
    gen, rel, raw = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write(root, gen.files, (rel, raw))
        code = assert_answers(root)
        if code == 1:
            _, out, _ = run(root, "check")
            assert out  # at least one problem line says why


@given(trackers(), st.data())
@settings(BOUNDED, max_examples=25)
def test_an_edit_keeps_a_valid_tracker_valid(gen: Generated, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write(root, gen.files)
        for rel in gen.files:  # parse, splice nothing, write: the very same bytes
            raw = (root / rel).read_bytes()
            assert TextDoc(raw.decode("utf-8")).result().encode("utf-8") == raw
        if gen.notes:
            org, action_id = data.draw(st.sampled_from(gen.notes))
            note = data.draw(text)
            code, out, err = run(root, "action", "note", org, action_id, note, "--date", AS_OF)
            assert code == 0, err
        if gen.assessable:
            org, number = data.draw(st.sampled_from(gen.assessable))
            code, out, err = run(
                root,
                "assess",
                org,
                str(number),
                "--rating",
                data.draw(st.sampled_from(RATINGS)),
                "--position",
                data.draw(text),
            )
            assert code == 0, err
        code, out, err = run(root, "check")
        assert code == 0, out + err
