"""The words of the domain (`models.vocab`): each written once, and the models and views agree with them."""

from __future__ import annotations

import typing
from datetime import date

import pytest
from pydantic import ValidationError

from francis_cli.models.config import ReportConfig
from francis_cli.models.vocab import (
    CLOSED,
    PURPOSES,
    STATUS_LABELS,
    STATUSES,
    ActionStatus,
    Purpose,
    StatusBy,
    rating_name,
)
from francis_cli.models.workplan import Action, is_overdue


def _action(status: str) -> dict[str, object]:
    done = {"completed": "2024-01-31"} if status == "done" else {}
    return {"id": "1.1", "title": "Write the strategy", "due": "2024-01", "status": status, **done}


def test_statuses_are_the_action_status_literal_in_order() -> None:
    assert typing.get_args(ActionStatus) == STATUSES
    assert len(set(STATUSES)) == len(STATUSES)


def test_every_status_has_a_label_and_only_statuses_do() -> None:
    assert list(STATUS_LABELS) == list(STATUSES)
    assert all(label and label[0].isupper() for label in STATUS_LABELS.values())
    assert STATUS_LABELS["in-progress"] == "In progress"


def test_closed_statuses_are_statuses() -> None:
    assert set(STATUSES) >= CLOSED
    assert {"done", "dropped"} == CLOSED


@pytest.mark.parametrize("status", STATUSES)
def test_the_action_model_accepts_every_status(status: str) -> None:
    action = Action.model_validate(_action(status))
    assert action.status == status
    assert is_overdue(action, date(2024, 6, 1)) == (status not in CLOSED)


@pytest.mark.parametrize("status", ["Done", "in progress", "in_progress", "complete", "closed", "", "not started"])
def test_the_action_model_accepts_nothing_else(status: str) -> None:
    with pytest.raises(ValidationError) as err:
        Action.model_validate(_action(status))
    assert [e["type"] for e in err.value.errors()] == ["literal_error"]


def test_an_action_not_given_a_status_is_the_first_status() -> None:
    assert Action.model_validate({"id": "1", "title": "t"}).status == STATUSES[0] == "not-started"


def test_the_schema_lists_exactly_the_statuses() -> None:
    status = Action.model_json_schema()["properties"]["status"]
    assert status["enum"] == list(STATUSES)


def test_purposes_are_the_purpose_literal() -> None:
    assert tuple(PURPOSES) == typing.get_args(Purpose)
    for purpose in PURPOSES:
        assert ReportConfig.model_validate({"purpose": purpose}).purpose == purpose
    with pytest.raises(ValidationError):
        ReportConfig.model_validate({"purpose": "decide"})


def test_status_by_values_are_their_names() -> None:
    assert [b.value for b in StatusBy] == ["theme", "organisation", "rating", "lead"]
    assert StatusBy("lead") is StatusBy.lead


@pytest.mark.parametrize(
    ("rating", "name"),
    [("amber", "Amber"), ("not-applicable", "Not applicable"), ("not-assessed", "Not assessed"), ("blue", "Blue")],
)
def test_rating_name(rating: str, name: str) -> None:
    assert rating_name(rating) == name
