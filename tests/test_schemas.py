"""The shipped JSON Schemas are valid draft 2020-12 and document every property."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from growthsite import schemas


@pytest.mark.parametrize("name", schemas.NAMES)
def test_schema_is_valid(name: str) -> None:
    Draft202012Validator.check_schema(schemas.load(name))


def undocumented(schema: Any, where: str = "") -> list[str]:
    missing = []
    if isinstance(schema, dict):
        for key, sub in schema.get("properties", {}).items():
            if "description" not in sub:
                missing.append(f"{where}.{key}")
        for key, sub in schema.items():
            missing += undocumented(sub, f"{where}.{key}" if key != "properties" else where)
    elif isinstance(schema, list):
        for i, sub in enumerate(schema):
            missing += undocumented(sub, f"{where}[{i}]")
    return missing


@pytest.mark.parametrize("name", schemas.NAMES)
def test_every_property_has_a_description(name: str) -> None:
    assert undocumented(schemas.load(name)) == []


def test_demo_portfolios_point_editors_at_the_schema() -> None:
    from conftest import ROOT

    for path in (ROOT / "portfolios").glob("*.yml"):
        first = path.read_text("utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../src/growthsite/schemas/portfolio.schema.json", path
    assert (ROOT / "src/growthsite/schemas/portfolio.schema.json").is_file()
