"""Assessment, clock and due-change models (`models.assessment`, `models.recommendation`,
`models.workplan`): the shapes a scope may take, a set's response clock, a due change."""

from __future__ import annotations

from datetime import date

import jsonschema
import pytest
from pydantic import ValidationError

from francis_cli.models.assessment import AssessmentFile, Scope
from francis_cli.models.recommendation import RecommendationSet
from francis_cli.models.schema import schema_for
from francis_cli.models.workplan import Action


@pytest.mark.parametrize(
    ("value", "text", "inside", "outside"),
    [
        ("123-144", "123-144", [123, 130, 144], [122, 145]),
        (["123-144"], "123-144", [123, 144], [1]),
        ([1, 5, "123-144"], "1, 5, 123-144", [1, 5, 140], [2, 145]),
        ("1-3, 5", "1-3, 5", [1, 2, 3, 5], [4]),
        ("123–144", "123-144", [123], [145]),  # the en dash papers print
        (7, "7", [7], [6, 8]),
    ],
)
def test_scope_shapes(value: object, text: str, inside: list[int], outside: list[int]) -> None:
    scope = AssessmentFile.model_validate({"organisation": "x", "scope": value}).scope
    assert scope is not None and str(scope) == text
    assert all(n in scope for n in inside) and not any(n in scope for n in outside)
    assert AssessmentFile.model_validate({"organisation": "x", "scope": value}).model_dump()["scope"] == text
    jsonschema.Draft202012Validator(schema_for("assessments")).validate({"organisation": "x", "scope": value})


@pytest.mark.parametrize("value", ["144-123", 0, [], "one", "1-", True, [1.5], "1-100001"])
def test_scope_refuses(value: object) -> None:
    with pytest.raises(ValidationError):
        AssessmentFile.model_validate({"organisation": "x", "scope": value})
    if value not in ("144-123", 0, "1-100001"):  # order and bounds are the model's alone
        assert list(
            jsonschema.Draft202012Validator(schema_for("assessments")).iter_errors(
                {"organisation": "x", "scope": value}
            )
        )


def test_a_wide_scope_is_never_expanded() -> None:
    scope = Scope.parse(["1-100000"] * 1000)
    assert scope.among([5, 200_000]) == [5]


def test_decision_fields() -> None:
    a = AssessmentFile.model_validate(
        {
            "organisation": "x",
            "assessments": [
                {
                    "recommendation": 1,
                    "rating": "red",
                    "decision": "accepted",
                    "decided": "2013-04-25",
                    "decided_by": "Governing Body",
                }
            ],
        }
    ).assessments[0]
    assert (a.decision, a.decided, a.decided_by) == ("accepted", date(2013, 4, 25), "Governing Body")
    with pytest.raises(ValidationError):
        AssessmentFile.model_validate(
            {
                "organisation": "x",
                "assessments": [{"recommendation": 1, "rating": "red", "decision": "accepted-in-principle"}],
            }
        )


def catalogue(**keys: object) -> RecommendationSet:
    return RecommendationSet.model_validate({"set": "s", "title": "S", **keys})


def test_the_response_clock() -> None:
    assert catalogue().response_due() is None
    assert catalogue(published="2024-01-01", response_days=56).response_due() == date(2024, 2, 26)
    assert catalogue(respond_by="2024-03-31").response_due() == date(2024, 3, 31)
    assert catalogue(response_days=56).response_due() is None  # no start: `check` says so
    assert catalogue(published="2024-01-01", response_days=56, respond_by="2024-03-31").response_due() is None
    assert catalogue(published="9999-12-01", response_days=3650).response_due() == date.max
    with pytest.raises(ValidationError):
        catalogue(response_days=0)


def test_a_due_change_needs_its_reason_and_the_due_it_replaced() -> None:
    action = Action.model_validate(
        {
            "id": "1",
            "title": "T",
            "due": "2024-Q4",
            "due_changes": [{"date": "2024-02-01", "was": "2024-Q2", "reason": "Waits."}],
        }
    )
    assert str(action.due_changes[0].was) == "2024-Q2"
    for missing in ("was", "reason"):
        change = {"date": "2024-02-01", "was": "2024-Q2", "reason": "Waits."}
        del change[missing]
        with pytest.raises(ValidationError):
            Action.model_validate({"id": "1", "title": "T", "due_changes": [change]})
