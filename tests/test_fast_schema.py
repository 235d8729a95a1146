"""The fast schema check agrees with jsonschema: it may only say yes where jsonschema finds no error."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT
from growthsite import schemas
from growthsite.fast_schema import Compiler, Unsupported
from growthsite.problems import Problems
from growthsite.read import read_yaml
from growthsite.schema_check import passes, validator


def schema_of(path: Path) -> str | None:
    if path.parent.name == "portfolios":
        return "portfolio"
    if path.parent.name == "framework" and path.stem in schemas.NAMES:
        return path.stem
    return None


def data_files() -> Iterator[tuple[Path, str]]:
    for folder in (ROOT, EXAMPLES, ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*.yml")):
            name = schema_of(path)
            if name and ".venv" not in path.parts and "out" not in path.parts:
                yield path, name


def jsonschema_says(value: Any, name: str) -> bool:
    return not any(True for _ in validator(name).iter_errors(value))


def test_every_data_file_in_the_repository_gets_the_same_answer() -> None:
    checked = 0
    for path, name in data_files():
        source = read_yaml(str(path), str(path), Problems())
        if source is None or source.damaged:
            continue
        assert passes(source.value, name) == jsonschema_says(source.value, name), path
        checked += 1
    assert checked > 60


def mutations(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, replacement) pairs: wrong types, empty values, and a key that does not belong."""
    yield path, None
    yield path, 7
    yield path, "Not a slug!"
    if isinstance(value, dict):
        yield path, {**value, "unknown_key": 1}
        for key in value:
            yield path, {k: v for k, v in value.items() if k != key}
            yield from mutations(value[key], (*path, key))
    elif isinstance(value, list):
        yield path, [*value, *value[:1]]  # a repeat, for uniqueItems
        yield path, []
        for index, item in enumerate(value):
            yield from mutations(item, (*path, index))


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    out = copy.deepcopy(value)
    target = out
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
    return out


@pytest.mark.parametrize("person", ["hannah-lockwood", "kerry-lewis", "claire-ashworth"])
def test_thousands_of_broken_portfolios_are_never_passed(person: str) -> None:
    source = read_yaml(str(ROOT / "portfolios" / f"{person}.yml"), person, Problems())
    assert source is not None and passes(source.value, "portfolio")
    tried = 0
    for path, new in mutations(source.value):
        value = replaced(source.value, path, new)
        assert passes(value, "portfolio") == jsonschema_says(value, "portfolio"), (path, new)
        tried += 1
    assert tried > 200


def test_a_keyword_it_does_not_know_makes_the_schema_uncompilable() -> None:
    with pytest.raises(Unsupported):
        Compiler({"x": {"type": "object", "patternProperties": {"^a": {"type": "string"}}}}).document("x")
