"""JSON Schema export (`models.schema`): valid, shipped in schemas/, and as strict as the models."""

from __future__ import annotations

import jsonschema
import pytest

from francis_cli.models.kinds import MODELS
from francis_cli.models.schema import SCHEMA_KINDS, dumps, schema_for
from francis_cli.yamlio.read import parse

from ..conftest import REPO


@pytest.mark.parametrize("kind", list(SCHEMA_KINDS))
def test_schema_is_valid_and_shipped(kind: str) -> None:
    doc = schema_for(kind)
    jsonschema.Draft202012Validator.check_schema(doc)
    assert (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8") == dumps(doc), (
        "schemas/ is stale: run `francis schema --write schemas`"
    )


BUNDLED = {
    "data/recommendations/francis-2013.yaml": "recommendations",
    "data/assessments/barnet-ccg.yaml": "assessments",
    "data/workplan/merton-ccg.yaml": "workplan",
    "data/organisations.yaml": "organisations",
    "francis.yaml": "config",
}


@pytest.mark.parametrize("rel", BUNDLED)
def test_bundled_files_validate_against_their_schema(rel: str) -> None:
    data = parse((REPO / rel).read_text(encoding="utf-8")).data
    jsonschema.Draft202012Validator(schema_for(BUNDLED[rel])).validate(data)


def test_schema_rejects_what_the_models_reject() -> None:
    validator = jsonschema.Draft202012Validator(schema_for("assessments"))
    bad = {"organisation": "x", "assessments": [{"recommendation": 1, "ratng": "amber"}]}
    assert list(validator.iter_errors(bad))
    assert set(MODELS) == set(SCHEMA_KINDS)
