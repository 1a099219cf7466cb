"""A cell of the recommendation column read as the set's number: ``IEA 1`` of a set that has IEA 1
is that number, where ``Rec 1`` (a label, not a number of the set) is recommendation 1."""

from __future__ import annotations

from francis_cli.models.config import RatingLevel
from francis_cli.sheets.rows import read_assessments
from francis_cli.sheets.table import SheetRows

RATINGS = [RatingLevel(id="green", label="Green"), RatingLevel(id="red", label="Red")]


def _read(cells: list[str], known: set[int | str]) -> list[object]:
    table = SheetRows(fields={0: "recommendation", 1: "rating"})
    table.rows = [(n + 2, {"recommendation": c, "rating": "green"}, None) for n, c in enumerate(cells)]
    imported = read_assessments(table, "org-a", RATINGS, known)
    assert imported.errors == []
    return [item["recommendation"] for item in imported.items]


def test_a_prefixed_number_the_set_has_is_read_whole() -> None:
    known: set[int | str] = {"IEA 1", "IEA 1.3", "IEA 2", 1, "2(a)", "2i"}
    assert _read(["IEA 1", "IEA 1.3", "IEA 2", "2(a)", "2i"], known) == ["IEA 1", "IEA 1.3", "IEA 2", "2(a)", "2i"]


def test_a_label_before_a_number_is_not_part_of_it() -> None:
    known: set[int | str] = {1, 132, "IEA 1"}
    assert _read(["Rec 132", "Recommendation 1", "132", " 1 "], known) == [132, 1, 132, 1]


def test_without_the_set_s_numbers_a_prefix_is_a_label() -> None:
    assert _read(["IEA 1", "R 7"], set()) == [1, 7]
