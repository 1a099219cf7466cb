"""pydantic's errors in plain words at a line and column (`tracker.messages`)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel, Field, ValidationError

from francis_cli.models.assessment import AssessmentFile
from francis_cli.models.common import Strict
from francis_cli.models.config import LimitsConfig, RatingLevel, TrackerConfig
from francis_cli.models.organisation import OrganisationsFile
from francis_cli.models.workplan import Action, Workplan
from francis_cli.tracker.messages import data_path, describe, model_at, problems_from
from francis_cli.yamlio.read import parse

Found = list[tuple[int, int, str, str]]


def problems(model: type[BaseModel], text: str) -> Found:
    """(line, col, code, message) of every error ``model`` finds in the YAML ``text``."""
    doc = parse(text)
    assert doc.problems == []
    with pytest.raises(ValidationError) as err:
        model.model_validate(doc.data)
    return list(problems_from(err.value, doc.data, model, doc.source))


def action(*lines: str) -> str:
    return "organisation: org-a\nactions:\n  - id: '1'\n    title: t\n" + "".join(f"    {line}\n" for line in lines)


# --- unknown and missing keys -----------------------------------------------------------------------------


def test_an_unknown_key_is_at_the_key_with_a_hint() -> None:
    assert problems(Workplan, action("stats: done")) == [
        (5, 5, "unknown-key", "unknown key 'stats' (did you mean 'status'?)")
    ]


def test_an_unknown_key_with_nothing_close_lists_the_keys_of_its_own_mapping() -> None:
    known = ", ".join(Action.model_fields)
    assert problems(Workplan, action("colourful: x")) == [
        (5, 5, "unknown-key", f"unknown key 'colourful'; expected one of: {known}")
    ]
    assert problems(TrackerConfig, "default_set: x\nlimits:\n  biggest: 10\n")[0][3] == (
        "unknown key 'biggest'; expected one of: max_file_bytes, max_depth, max_alias_nodes, "
        "max_sheet_bytes, max_sheet_rows, max_sheet_cells, max_cell_chars"
    )


def test_an_unknown_top_level_key_hints_from_the_files_model() -> None:
    assert problems(AssessmentFile, "organisation: org-a\nasessments: []\n") == [
        (2, 1, "unknown-key", "unknown key 'asessments' (did you mean 'assessments'?)")
    ]


def test_a_missing_key_is_at_the_mapping_that_lacks_it() -> None:
    text = "organisation: org-a\nactions:\n  - title: no id\n    lead: DoQ\n"
    assert problems(Workplan, text) == [(3, 5, "missing-key", "missing required key 'id'")]
    missing = (1, 1, "missing-key", "missing required key 'organisation'")
    assert problems(AssessmentFile, "assessments: []\n") == [missing]  # the file's mapping: its first line


# --- values -----------------------------------------------------------------------------------------------


def test_a_literal_error_lists_the_choices_with_a_hint() -> None:
    assert problems(Workplan, action("status: Done")) == [
        (
            5,
            13,
            "invalid-value",
            "status: 'Done' is not one of: not-started, in-progress, done, blocked, dropped (did you mean 'done'?)",
        )
    ]
    assert problems(Workplan, action("status: zzz"))[0][3] == (
        "status: 'zzz' is not one of: not-started, in-progress, done, blocked, dropped"
    )


def test_a_literal_error_on_a_value_that_is_not_text() -> None:
    assert problems(Workplan, action("status: 3"))[0][3] == (
        "status: the number 3 is not one of: not-started, in-progress, done, blocked, dropped"
    )


@pytest.mark.parametrize(
    ("model", "text", "expected"),
    [
        (
            Workplan,
            "organisation: Org A\n",
            (
                1,
                15,
                "invalid-value",
                "organisation: 'Org A' is not an id in lower-case letters, digits and hyphens (like barnet-ccg)",
            ),
        ),
        (
            Workplan,
            "organisation: org-a\nactions:\n  - {id: 'a b', title: t}\n",
            (3, 10, "invalid-value", "id: 'a b' is not an id of letters, digits, dots, - and _ (like \"3.2\")"),
        ),
        (
            Workplan,
            action("lead: Chief Nurse"),
            (
                5,
                11,
                "invalid-value",
                "lead: 'Chief Nurse' is not a role abbreviation (letters, digits, - _ . & /; no spaces)",
            ),
        ),
        (
            TrackerConfig,
            "ratings:\n  - {id: red, label: Red, colour: red}\n",
            (2, 35, "invalid-value", "colour: 'red' is not a colour like \"#005eb8\""),
        ),
    ],
)
def test_a_pattern_is_said_in_words(model: type[BaseModel], text: str, expected: tuple[int, int, str, str]) -> None:
    assert problems(model, text) == [expected]


def test_a_pattern_without_words_is_shown_as_it_is() -> None:
    class Coded(Strict):
        code: str = Field(pattern=r"^x+$")

    assert problems(Coded, "code: y\n") == [(1, 7, "invalid-value", "code: 'y' is not text matching ^x+$")]


@pytest.mark.parametrize(
    ("model", "text", "message"),
    [
        (AssessmentFile, "organisation: org-a\nassessments: oops\n", "assessments: expected a list, got 'oops'"),
        (
            AssessmentFile,
            "organisation: org-a\nassessments:\n  - {recommendation: x, rating: red}\n",
            "recommendation: 'x' is not a recommendation number: write 4, 2(a), 2ii or IEA 1.3",
        ),
        (
            AssessmentFile,
            "organisation: org-a\nassessments:\n  - {recommendation: 1, rating: red, applicable: maybe}\n",
            "applicable: expected true or false, got 'maybe'",
        ),
        (AssessmentFile, "organisation: [org-a]\n", "organisation: expected text, got a list"),
        (AssessmentFile, "organisation: org-a\nassessments:\n  - [1]\n", "assessments: expected a mapping, got a list"),
        (TrackerConfig, "limits: 3\n", "limits: expected a mapping, got the number 3"),
        (TrackerConfig, "ratings: []\n", "ratings: needs at least 1 item(s)"),
        (OrganisationsFile, "organisations:\n  - {id: org-a, name: ''}\n", "name: must not be empty"),
        (
            TrackerConfig,
            "limits:\n  max_depth: 1000\n",
            "max_depth: the number 1000 is out of range (it must be at most 500)",
        ),
        (
            AssessmentFile,
            "organisation: org-a\nassessments:\n  - {recommendation: 0, rating: red}\n",
            "recommendation: the number 0 is out of range (it must be at least 1)",
        ),
    ],
)
def test_type_length_and_range_errors(model: type[BaseModel], text: str, message: str) -> None:
    assert [(code, m) for _, _, code, m in problems(model, text)] == [("invalid-value", message)]


def test_a_bad_date_is_an_invalid_date_at_the_value() -> None:
    assert problems(AssessmentFile, "organisation: org-a\nassessed: 2024-02-30\n") == [
        (2, 11, "invalid-date", "assessed: expected a date written YYYY-MM-DD, got '2024-02-30'")
    ]
    assert problems(Workplan, action("due: 2024-Q5")) == [
        (5, 10, "invalid-date", "due: '2024-Q5' is not a due date: write 2014-12-31, 2014-12, 2014-Q4 or 2014")
    ]


def test_a_models_own_rule_points_at_the_key_most_worth_looking_at() -> None:
    assert problems(
        AssessmentFile, "organisation: org-a\nassessments:\n  - recommendation: 1\n    applicable: false\n"
    ) == [(4, 5, "missing-key", "`applicable: false` needs a `reason`")]
    assert problems(Workplan, action("status: done")) == [
        (5, 5, "completed-status", "`status: done` needs a `completed` date")
    ]
    assert problems(Workplan, action("completed: 2024-01-31")) == [
        (5, 5, "completed-status", "`completed` is only for `status: done` (status is 'not-started')")
    ]
    assert problems(AssessmentFile, "organisation: org-a\nassessments:\n  - recommendation: 1\n") == [
        (3, 5, "missing-key", "a `rating` is required (or `applicable: false` with a `reason`)")
    ]


def test_every_error_of_a_file_is_reported_in_order() -> None:
    text = "organisation: org-a\nassessments:\n  - {recommendation: 0, rating: red}\n  - {recommendation: x}\n"
    assert [(line, code) for line, _, code, _ in problems(AssessmentFile, text)] == [
        (3, "invalid-value"),
        (4, "invalid-value"),
    ]


# --- describe ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "nothing"),
        (True, "true"),
        (False, "false"),
        ({"a": 1}, "a mapping"),
        ({}, "a mapping"),
        ([1, 2], "a list"),
        (3, "the number 3"),
        (-1.5, "the number -1.5"),
        ("x", "'x'"),
        ("it's", '"it\'s"'),
        ("a" * 60, "'" + "a" * 60 + "'"),
        ("a" * 61, "'" + "a" * 57 + "...'"),
        (date(2024, 1, 31), "'2024-01-31'"),
    ],
)
def test_describe_names_a_value_as_its_writer_would(value: Any, words: str) -> None:
    assert describe(value) == words


# --- data_path and model_at -------------------------------------------------------------------------------


class _Named(Strict):
    name: str


class _Numbered(Strict):
    number: int


class _Listed(Strict):
    items: list[_Named | _Numbered]
    either: int | list[int] = 0


@pytest.mark.parametrize(
    ("data", "loc", "path"),
    [
        ({"items": [{"name": 5}]}, ("items", 0, "_Named", "name"), ("items", 0, "name")),
        ({"items": [{"name": 5}]}, ("items", 0, "_Numbered", "number"), ("items", 0, "number")),
        ({"either": "x"}, ("either", "int"), ("either",)),
        ({"either": ["x"]}, ("either", "list[int]", 0), ("either", 0)),
        ({"roles": {"bad role": "x"}}, ("roles", "bad role", "[key]"), ("roles", "bad role")),
        ({"a": [1]}, ("a", 5), ("a",)),
        ({"a": {"b": 1}}, ("a", "c"), ("a", "c")),
        ({}, ("organisation",), ("organisation",)),
    ],
)
def test_data_path_drops_what_is_not_in_the_data(data: Any, loc: tuple[int | str, ...], path: tuple[Any, ...]) -> None:
    assert data_path(data, loc) == path


def test_union_errors_are_placed_in_the_file_without_branch_names() -> None:
    text = "items:\n  - name: 5\n"
    doc = parse(text)
    with pytest.raises(ValidationError) as err:
        _Listed.model_validate(doc.data)
    locs = [e["loc"] for e in err.value.errors()]
    assert ("items", 0, "_Named", "name") in locs  # pydantic names the branch
    found = list(problems_from(err.value, doc.data, _Listed, doc.source))
    assert (2, 11, "invalid-value", "name: expected text, got the number 5") in found
    assert (2, 5, "missing-key", "missing required key 'number'") in found
    assert all(line == 2 for line, _, _, _ in found)


@pytest.mark.parametrize(
    ("model", "path", "expected"),
    [
        (Workplan, (), Workplan),
        (Workplan, ("sections", 0, "actions", 3), Action),
        (Workplan, ("actions", 0), Action),
        (TrackerConfig, ("limits",), LimitsConfig),
        (TrackerConfig, ("ratings", 2), RatingLevel),
        (TrackerConfig, ("nope",), None),
        (OrganisationsFile, ("organisations", 0, "roles"), None),
        (Workplan, ("actions", 0, "title", "deeper"), None),
    ],
)
def test_model_at_finds_the_model_of_a_mapping(
    model: type[BaseModel], path: tuple[Any, ...], expected: type[BaseModel] | None
) -> None:
    assert model_at(model, path) is expected


def test_a_key_that_is_not_text_is_said_in_plain_words() -> None:
    """`~: 1` in a mapping of named keys: pydantic's "Keys should be strings" is not ours."""
    found = problems(AssessmentFile, "organisation: org-a\nassessments: []\n~: 1\n")
    messages = [message for _, _, _, message in found]
    assert "a key must be text, not nothing: put it in quotes" in messages
    assert not any("should" in m for m in messages)
